import { describe, expect, it } from 'vitest';
import type { AsffFinding } from '../../core/compliance/exports/asff.js';
import { sampleInventory } from '../../core/compliance/inventory/sampleInventory.js';
import { createComplianceService } from './complianceService.js';
import { complianceJobs } from './jobs.js';
import { batchForImport, createSecurityHubSync } from './securityHubSync.js';
import { FakeCloud } from './testing/fakeCloud.js';
import { FakeSecurityHub } from './testing/fakeSecurityHub.js';
import { ManualClock } from './testing/manualClock.js';
import { createMemoryStore } from './testing/memoryStore.js';

const T0 = Date.parse('2026-11-23T00:00:00.000Z');
const MIN = 60_000;
const OURS = 'arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default';

const shFinding = (i: number, updatedAt: string, extra: Record<string, unknown> = {}) => ({
  SchemaVersion: '2018-10-08',
  Id: `arn:aws:securityhub:us-east-1:111122223333:subscription/aws-foundational-security-best-practices/v/1.0.0/EC2.19/finding/${i}`,
  ProductArn: 'arn:aws:securityhub:us-east-1:111122223333:product/aws/securityhub',
  GeneratorId: 'aws-foundational-security-best-practices/v/1.0.0/EC2.19',
  AwsAccountId: '111122223333',
  Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
  CreatedAt: '2026-11-01T00:00:00.000Z',
  UpdatedAt: updatedAt,
  Severity: { Label: 'HIGH' },
  Title: 'Security groups should not allow unrestricted access to ports with high risk',
  Description: 'EC2.19',
  Resources: [{ Type: 'AwsEc2SecurityGroup', Id: `arn:aws:ec2:us-east-1:111122223333:security-group/sg-${i}`, Region: 'us-east-1' }],
  Compliance: { Status: 'FAILED' },
  Workflow: { Status: 'NEW' },
  RecordState: 'ACTIVE',
  ProductFields: { ControlId: 'EC2.19' },
  ...extra,
});

function setup() {
  const store = createMemoryStore();
  const clock = new ManualClock(T0);
  const hub = new FakeSecurityHub();
  const sync = createSecurityHubSync({ hub, store, clock, productArn: OURS, maxPages: 2 });
  return { store, clock, hub, sync };
}

describe('Function: createSecurityHubSync › importFindings', () => {
  it('pages through GetFindings, stores findings, and only reads what changed next time', async () => {
    const h = setup();
    for (let i = 0; i < 150; i++) h.hub.add(shFinding(i, new Date(T0 - 60 * MIN + i * 1000).toISOString()));
    h.hub.add({ ...shFinding(999, new Date(T0 - MIN).toISOString()), ProductArn: OURS });
    const first = await h.sync.importFindings();
    expect(first).toMatchObject({ pages: 2, imported: 150, quarantined: 0, truncated: false });
    expect(await h.store.collection('findings').count({ status: 'open' })).toBe(150);

    h.clock.advance(15 * MIN);
    h.hub.add(shFinding(3, new Date(T0 + 10 * MIN).toISOString(), { RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' } }));
    const second = await h.sync.importFindings();
    expect(second.window.start).toBe(new Date(T0 - 5 * MIN).toISOString());
    expect(second).toMatchObject({ pages: 1, imported: 1 });
    expect(await h.store.collection('findings').count({ status: 'resolved' })).toBe(1);
  });

  it('continues from the newest finding read when a run hits the page limit', async () => {
    const h = setup();
    for (let i = 0; i < 250; i++) h.hub.add(shFinding(i, new Date(T0 - 100 * MIN + i * 1000).toISOString()));
    const first = await h.sync.importFindings();
    expect(first).toMatchObject({ pages: 2, imported: 200, truncated: true });
    const second = await h.sync.importFindings();
    expect(second.truncated).toBe(false);
    expect(await h.store.collection('findings').count()).toBe(250);
  });

  it('quarantines findings it cannot read, with the reason', async () => {
    const h = setup();
    h.hub.add({ ...shFinding(1, new Date(T0 - MIN).toISOString()), AwsAccountId: 'not-an-account' });
    const r = await h.sync.importFindings();
    expect(r.quarantined).toBe(1);
    const [q] = await h.store.collection<{ id: string; reason: string }>('quarantine').find();
    expect(q!.reason).toMatch(/AwsAccountId/);
  });
});

describe('Function: createSecurityHubSync › publishFindings', () => {
  it('publishes our findings in batches of at most 100 and only changes afterwards', async () => {
    const h = setup();
    const inv = sampleInventory();
    const many = Array.from({ length: 230 }, (_, i) => ({ ...inv.find((r) => r.type === 'AWS::RDS::DBInstance')!, arn: `arn:aws:rds:us-east-1:111122223333:db:db-${i}`, state: { ...inv.find((r) => r.type === 'AWS::RDS::DBInstance')!.state, multiAZ: false } }));
    const service = createComplianceService({ cloud: new FakeCloud([...inv, ...many]), store: h.store, clock: h.clock, emit: async () => undefined });
    await service.scan();
    h.clock.advance(MIN);
    const r = await h.sync.publishFindings();
    expect(r).toMatchObject({ batches: 3, published: 230, failed: [] });
    expect(h.hub.imported.map((b) => b.length)).toEqual([100, 100, 30]);
    expect(h.hub.imported[0]![0]!.ProductArn).toBe(OURS);
    h.clock.advance(MIN);
    expect((await h.sync.publishFindings()).published).toBe(0);
  });

  it('reports failed findings and retries them next run', async () => {
    const h = setup();
    const cloud = new FakeCloud(sampleInventory());
    const sg = sampleInventory().find((r) => r.type === 'AWS::EC2::SecurityGroup')!;
    cloud.mutate(sg.arn, { ipPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [] }] });
    await createComplianceService({ cloud, store: h.store, clock: h.clock, emit: async () => undefined }).scan();
    h.hub.failNextImport = true;
    const failed = await h.sync.publishFindings();
    expect(failed.failed.length).toBeGreaterThan(0);
    expect(failed.failed[0]!.errorCode).toBe('RequestFailed');
    const retried = await h.sync.publishFindings();
    expect(retried.failed).toEqual([]);
    expect(retried.published).toBe(failed.failed.length);
  });
});

describe('Function: batchForImport', () => {
  it('respects both the count and the size limit', () => {
    const big = (i: number) => ({ Id: `f-${i}`, Description: 'x'.repeat(10_000) }) as unknown as AsffFinding;
    const batches = batchForImport(Array.from({ length: 60 }, (_, i) => big(i)));
    expect(batches.every((b) => b.length <= 100 && Buffer.byteLength(JSON.stringify(b)) <= 240 * 1024)).toBe(true);
    expect(batches.flat()).toHaveLength(60);
    expect(batchForImport([])).toEqual([]);
  });
});

describe('Function: complianceJobs', () => {
  it('schedules the scan and the Security Hub sync every 15 minutes', () => {
    const h = setup();
    const service = createComplianceService({ cloud: new FakeCloud([]), store: h.store, clock: h.clock, emit: async () => undefined });
    expect(complianceJobs(service, { securityHub: h.sync }).map((j) => [j.name, j.cron])).toEqual([
      ['compliance-scan', '*/15 * * * *'],
      ['securityhub-sync', '7-59/15 * * * *'],
    ]);
  });
});
