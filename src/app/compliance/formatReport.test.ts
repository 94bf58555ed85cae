import { describe, expect, it } from 'vitest';
import { sampleInventory } from '../../core/compliance/inventory/sampleInventory.js';
import { createComplianceService } from './complianceService.js';
import { formatScanReport } from './formatReport.js';
import { FakeCloud } from './testing/fakeCloud.js';
import { ManualClock } from './testing/manualClock.js';
import { createMemoryStore } from './testing/memoryStore.js';

describe('Function: formatScanReport', () => {
  it('summarises totals, scores and failures worst first with remediation', async () => {
    const inv = sampleInventory();
    const cloud = new FakeCloud(inv);
    const sg = inv.find((r) => r.type === 'AWS::EC2::SecurityGroup')!;
    const db = inv.find((r) => r.type === 'AWS::RDS::DBInstance')!;
    cloud.mutate(sg.arn, { ipPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [] }] });
    cloud.mutate(db.arn, { publiclyAccessible: true, multiAZ: false });
    const report = await createComplianceService({ cloud, store: createMemoryStore(), clock: new ManualClock(0), emit: async () => undefined }).scan();
    const text = formatScanReport(report, { maxFailures: 2 });
    expect(text).toMatch(/^Scanned 20 resources with 59 checks/);
    expect(text).toContain('open: CRITICAL 1, HIGH 1, MEDIUM 1');
    expect(text).toContain('CIS AWS Foundations Benchmark v3.0.0:');
    expect(text.indexOf('[CRITICAL] rds-not-public')).toBeLessThan(text.indexOf('[HIGH] ec2-sg-open-ssh'));
    expect(text).toContain('remediation: AIOps-RevokeOpenSSH');
    expect(text).toContain('… and 1 more');
  });
});
