import { BatchImportFindingsCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ConfigServiceClient, DescribeConfigRulesCommand, GetComplianceDetailsByConfigRuleCommand } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createConfigComplianceSync } from '../../app/compliance/configComplianceSync.js';
import { createSecurityHubSync } from '../../app/compliance/securityHubSync.js';
import { ManualClock } from '../../app/compliance/testing/manualClock.js';
import { createMemoryStore } from '../../app/compliance/testing/memoryStore.js';
import type { AsffFinding } from '../../core/compliance/exports/asff.js';
import type { Signal } from '../../core/events/signal.js';
import { AwsConfigCompliance } from './config-compliance.js';
import { AwsSecurityHub, GET_FINDINGS_MAX_RESULTS } from './securityhub.js';

const T0 = Date.parse('2026-11-23T00:00:00.000Z');
const ACCT = '111122223333';

const shFinding = (i: number, updatedAt: string) => ({
  SchemaVersion: '2018-10-08',
  Id: `arn:aws:securityhub:us-east-1:${ACCT}:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/${i}`,
  ProductArn: `arn:aws:securityhub:us-east-1:${ACCT}:product/aws/securityhub`,
  GeneratorId: 'aws-foundational-security-best-practices/v/1.0.0/S3.8',
  AwsAccountId: ACCT,
  Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
  CreatedAt: '2026-11-01T00:00:00.000Z',
  UpdatedAt: updatedAt,
  Severity: { Label: 'HIGH' as const },
  Title: 'S3 general purpose buckets should block public access',
  Description: 'S3.8',
  Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::bucket-${i}`, Region: 'us-east-1' }],
  Compliance: { Status: 'FAILED' as const },
  Workflow: { Status: 'NEW' as const },
  RecordState: 'ACTIVE' as const,
  ProductFields: { ControlId: 'S3.8' },
});

describe('Adapter: AwsSecurityHub', () => {
  const sh = mockClient(SecurityHubClient);
  beforeEach(() => sh.reset());

  it('reads one GetFindings page per call, capped at 100, passing filters and NextToken through', async () => {
    sh.on(GetFindingsCommand).resolves({ Findings: [shFinding(1, '2026-11-22T00:00:00.000Z')], NextToken: 'p2' });
    const hub = new AwsSecurityHub(new SecurityHubClient({ region: 'us-east-1' }));
    const page = await hub.getFindings({ Filters: { UpdatedAt: [{ Start: 'a', End: 'b' }] }, MaxResults: 500, NextToken: 'p1' });
    expect(page.NextToken).toBe('p2');
    expect(page.Findings).toHaveLength(1);
    const input = sh.commandCalls(GetFindingsCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ MaxResults: GET_FINDINGS_MAX_RESULTS, NextToken: 'p1', Filters: { UpdatedAt: [{ Start: 'a', End: 'b' }] } });
  });

  it('follows every page with allFindings', async () => {
    sh.on(GetFindingsCommand)
      .resolvesOnce({ Findings: [shFinding(1, '2026-11-22T00:00:00.000Z')], NextToken: 't2' })
      .resolvesOnce({ Findings: [shFinding(2, '2026-11-22T00:01:00.000Z')], NextToken: 't3' })
      .resolvesOnce({ Findings: [shFinding(3, '2026-11-22T00:02:00.000Z')] });
    const all = await new AwsSecurityHub(new SecurityHubClient({ region: 'us-east-1' })).allFindings({ Filters: {} });
    expect(all).toHaveLength(3);
    expect(sh.commandCalls(GetFindingsCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, 't2', 't3']);
  });

  it('splits BatchImportFindings into requests of at most 100 and sums the results', async () => {
    sh.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => ({ SuccessCount: input.Findings.length - 1, FailedCount: 1, FailedFindings: [{ Id: 'x', ErrorCode: 'InvalidInput', ErrorMessage: 'bad' }] }));
    const findings = Array.from({ length: 230 }, (_, i) => shFinding(i, '2026-11-22T00:00:00.000Z')) as unknown as AsffFinding[];
    const r = await new AwsSecurityHub(new SecurityHubClient({ region: 'us-east-1' })).batchImportFindings(findings);
    const sizes = sh.commandCalls(BatchImportFindingsCommand).map((c) => c.args[0].input.Findings!.length);
    expect(sizes).toEqual([100, 100, 30]);
    expect(r).toMatchObject({ SuccessCount: 227, FailedCount: 3 });
    expect(r.FailedFindings).toHaveLength(3);
  });

  it('drives the Security Hub sync end to end: paginated import, then publish', async () => {
    sh.on(GetFindingsCommand)
      .resolvesOnce({ Findings: [shFinding(1, '2026-11-22T00:00:00.000Z'), shFinding(2, '2026-11-22T00:01:00.000Z')], NextToken: 'n' })
      .resolvesOnce({ Findings: [shFinding(3, '2026-11-22T00:02:00.000Z')] });
    sh.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => ({ SuccessCount: input.Findings.length, FailedCount: 0, FailedFindings: [] }));
    const store = createMemoryStore();
    const sync = createSecurityHubSync({ hub: new AwsSecurityHub(new SecurityHubClient({ region: 'us-east-1' })), store, clock: new ManualClock(T0), productArn: `arn:aws:securityhub:us-east-1:${ACCT}:product/${ACCT}/default` });
    const imported = await sync.importFindings();
    expect(imported).toMatchObject({ pages: 2, imported: 3 });
    expect(await store.collection('findings').count({ status: 'open' })).toBe(3);
    // Imported findings are Security Hub's own: nothing of ours to publish back.
    expect((await sync.publishFindings()).published).toBe(0);
    expect(sh.commandCalls(BatchImportFindingsCommand)).toHaveLength(0);
  });
});

describe('Adapter: AwsConfigCompliance', () => {
  const cfg = mockClient(ConfigServiceClient);
  beforeEach(() => cfg.reset());

  it('pages rules and compliance details for the Config sync', async () => {
    cfg
      .on(DescribeConfigRulesCommand)
      .resolvesOnce({ ConfigRules: [{ ConfigRuleName: 'restricted-ssh', Source: { Owner: 'AWS', SourceIdentifier: 'INCOMING_SSH_DISABLED' } }], NextToken: 'r2' })
      .resolvesOnce({ ConfigRules: [{ ConfigRuleName: 's3-public', Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED' } }] });
    cfg.on(GetComplianceDetailsByConfigRuleCommand).callsFake((input: { ConfigRuleName: string; Limit?: number }) => ({
      EvaluationResults:
        input.ConfigRuleName === 'restricted-ssh'
          ? [{ EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: 'restricted-ssh', ResourceType: 'AWS::EC2::SecurityGroup', ResourceId: 'sg-0abc' } }, ComplianceType: 'NON_COMPLIANT', ResultRecordedTime: new Date(T0), Annotation: 'port 22 open' }]
          : [],
    }));
    const signals: Signal[] = [];
    const store = createMemoryStore();
    const sync = createConfigComplianceSync({ config: new AwsConfigCompliance(new ConfigServiceClient({ region: 'us-east-1' })), store, clock: new ManualClock(T0 + 60_000), emit: async (s) => void signals.push(s) });
    const r = await sync.importCompliance();
    expect(r).toMatchObject({ rules: 2, nonCompliant: 1, opened: 1 });
    expect(cfg.commandCalls(DescribeConfigRulesCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, 'r2']);
    for (const c of cfg.commandCalls(GetComplianceDetailsByConfigRuleCommand)) expect(c.args[0].input.Limit).toBeLessThanOrEqual(100);
    expect(signals[0]).toMatchObject({ source: 'config', state: 'firing' });
  });
});
