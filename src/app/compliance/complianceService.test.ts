import { beforeEach, describe, expect, it } from 'vitest';
import { sampleInventory, sampleResource } from '../../core/compliance/inventory/sampleInventory.js';
import { findingId } from '../../core/compliance/findings/finding.js';
import type { Signal } from '../../core/events/signal.js';
import { ValidationError } from '../../core/shared/errors.js';
import { createComplianceService, scanExitCode } from './complianceService.js';
import { FakeCloud } from './testing/fakeCloud.js';
import { ManualClock } from './testing/manualClock.js';
import { createMemoryStore } from './testing/memoryStore.js';

const T0 = Date.parse('2026-11-23T00:00:00.000Z');
const MIN = 60_000;
const inv = sampleInventory();
const bucket = inv.find((r) => r.type === 'AWS::S3::Bucket')!;
const sg = inv.find((r) => r.type === 'AWS::EC2::SecurityGroup')!;
const trail = inv.find((r) => r.type === 'AWS::CloudTrail::Trail')!;
const account = inv.find((r) => r.type === 'AWS::::Account')!;
const OPEN_SSH = [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [] }];
const BPA_OFF = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

function setup() {
  const cloud = new FakeCloud(inv);
  const store = createMemoryStore();
  const clock = new ManualClock(T0);
  const signals: Signal[] = [];
  let failEmits = 0;
  const service = createComplianceService({
    cloud,
    store,
    clock,
    emit: async (s) => {
      if (failEmits > 0) {
        failEmits--;
        throw new Error('bus down');
      }
      signals.push(s);
    },
  });
  return { cloud, store, clock, signals, service, failNextEmits: (n: number) => (failEmits = n) };
}

let h: ReturnType<typeof setup>;
beforeEach(() => {
  h = setup();
});

describe('Function: createComplianceService › scan', () => {
  it('finds nothing on a compliant inventory and scores 100', async () => {
    const report = await h.service.scan();
    expect(report).toMatchObject({ partial: false, resources: inv.length, failed: 0, errors: 0 });
    expect(report.evaluations).toBe(report.passed + report.notApplicable);
    expect(report.scores.map((s) => s.score)).toEqual([100, 100]);
    expect(h.signals).toEqual([]);
    expect(scanExitCode(report)).toBe(0);
  });

  it('opens findings for planted violations and emits one firing Signal each', async () => {
    h.cloud.mutate(bucket.arn, { publicAccessBlock: null });
    h.cloud.mutate(sg.arn, { ipPermissions: OPEN_SSH });
    const progress: string[] = [];
    const report = await h.service.scan({ onProgress: (p) => progress.push(p.phase) });
    expect(report.failures.map((f) => f.checkId).sort()).toEqual(['ec2-sg-open-ssh', 's3-bucket-public-access-block']);
    expect(report.changes.opened).toBe(2);
    expect(report.openBySeverity.HIGH).toBe(2);
    expect(scanExitCode(report, 'HIGH')).toBe(1);
    expect(scanExitCode(report, 'CRITICAL')).toBe(0);
    expect(progress[0]).toBe('inventory');
    expect(progress.at(-1)).toBe('done');
    expect(h.signals).toHaveLength(2);
    expect(h.signals[0]).toMatchObject({ source: 'compliance', kind: 'compliance', state: 'firing' });
    const ssh = h.signals.find((s) => s.rule === 'ec2-sg-open-ssh')!;
    expect(ssh).toMatchObject({ resourceArn: sg.arn, level: 'high', labels: { remediation: 'AIOps-RevokeOpenSSH', cis: '5.2,5.3' } });
    const stored = await h.service.getFinding(findingId('ec2-sg-open-ssh', sg.arn));
    expect(stored).toMatchObject({ status: 'open', firstSeen: new Date(T0).toISOString(), remediation: 'AIOps-RevokeOpenSSH' });
    const cis = report.scores.find((s) => s.framework === 'cis')!;
    expect(cis.controls.find((c) => c.control === '5.2')!.status).toBe('FAILED');
    expect(cis.score).toBeLessThan(100);
  });

  it('tracks last seen on rescans, resolves when fixed and reopens when broken again', async () => {
    h.cloud.mutate(bucket.arn, { publicAccessBlock: null });
    await h.service.scan();
    h.clock.advance(15 * MIN);
    const second = await h.service.scan();
    expect(second.changes).toMatchObject({ opened: 0, updated: 1 });
    const id = findingId('s3-bucket-public-access-block', bucket.arn);
    expect(await h.service.getFinding(id)).toMatchObject({ firstSeen: new Date(T0).toISOString(), lastSeen: new Date(T0 + 15 * MIN).toISOString() });
    expect(h.signals).toHaveLength(1);

    h.cloud.mutate(bucket.arn, { publicAccessBlock: bucket.state.publicAccessBlock });
    h.clock.advance(15 * MIN);
    expect((await h.service.scan()).changes.resolved).toBe(1);
    expect(await h.service.getFinding(id)).toMatchObject({ status: 'resolved', complianceStatus: 'PASSED', resolvedAt: new Date(T0 + 30 * MIN).toISOString() });
    expect(h.signals.at(-1)).toMatchObject({ state: 'resolved', rule: 's3-bucket-public-access-block' });

    h.cloud.mutate(bucket.arn, { publicAccessBlock: BPA_OFF });
    h.clock.advance(15 * MIN);
    expect((await h.service.scan()).changes.reopened).toBe(1);
    expect(await h.service.getFinding(id)).toMatchObject({ status: 'open', reopenCount: 1, firstSeen: new Date(T0).toISOString() });
    expect(h.signals.filter((s) => s.state === 'firing')).toHaveLength(2);
    expect(new Set(h.signals.map((s) => s.id)).size).toBe(3);
  });

  it('resolves findings of resources that disappeared', async () => {
    h.cloud.mutate(sg.arn, { ipPermissions: OPEN_SSH });
    await h.service.scan();
    h.cloud.remove(sg.arn);
    const report = await h.service.scan();
    expect(report.changes.deleted).toBe(1);
    expect(await h.service.getFinding(findingId('ec2-sg-open-ssh', sg.arn))).toMatchObject({ status: 'resolved', complianceStatus: 'NOT_AVAILABLE', recordState: 'ARCHIVED' });
  });

  it('filters by framework and severity without touching other findings', async () => {
    h.cloud.mutate(bucket.arn, { versioning: { Status: 'Suspended' }, publicAccessBlock: null });
    await h.service.scan();
    h.cloud.mutate(bucket.arn, { versioning: { Status: 'Enabled', MFADelete: 'Enabled' } });
    const high = await h.service.scan({ severity: 'high' });
    expect(high.checks).toBeLessThan(h.service.checks.length);
    expect(high.failures.map((f) => f.checkId)).toEqual(['s3-bucket-public-access-block']);
    // versioning is LOW: not rescanned, so its finding stays open
    expect((await h.service.getFinding(findingId('s3-bucket-versioning', bucket.arn)))!.status).toBe('open');
    const fsbp = await h.service.scan({ framework: 'fsbp' });
    expect(fsbp.scores.map((s) => s.framework)).toEqual(['fsbp']);
    await expect(h.service.scan({ framework: 'pci' })).rejects.toThrow(ValidationError);
  });

  it('fails closed: a resource the checks cannot read yields unknown findings', async () => {
    h.cloud.mutate(bucket.arn, { versioning: 'yes' });
    const report = await h.service.scan();
    expect(report.errors).toBe(report.failed);
    expect(report.errors).toBeGreaterThan(0);
    const f = await h.service.getFinding(findingId('s3-bucket-versioning', bucket.arn));
    expect(f!.error).toMatch(/state\.versioning/);
  });

  it('leaves a finding unstored when its Signal cannot be emitted, and retries next scan', async () => {
    h.cloud.mutate(sg.arn, { ipPermissions: OPEN_SSH });
    h.failNextEmits(1);
    const first = await h.service.scan();
    expect(first.emitFailures).toBe(1);
    expect(await h.service.getFinding(findingId('ec2-sg-open-ssh', sg.arn))).toBeUndefined();
    const second = await h.service.scan();
    expect(second.changes.opened).toBe(1);
    expect(h.signals).toHaveLength(1);
  });
});

describe('Function: createComplianceService › onChange', () => {
  const cloudTrailEvent = (eventSource: string, eventName: string, requestParameters: Record<string, unknown>) => ({
    version: '0',
    id: `evt-${eventName}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: `aws.${eventSource.split('.')[0]}`,
    time: '2026-11-23T00:00:30Z',
    detail: { eventTime: '2026-11-23T00:00:30Z', eventSource, eventName, awsRegion: 'us-east-1', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/dev' }, recipientAccountId: '111122223333', requestParameters },
  });

  it('rescans only the bucket a PutBucketPolicy touched and opens the finding at once', async () => {
    await h.service.scan();
    const lists = h.cloud.listCalls;
    h.cloud.mutate(bucket.arn, { publicAccessBlock: BPA_OFF, policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucket.arn}/*` }] }) });
    h.clock.advance(30_000);
    const r = await h.service.onChange(cloudTrailEvent('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: bucket.name }));
    expect('touched' in r && r.touched).toEqual([bucket.arn]);
    if (!('report' in r)) throw new Error('expected a report');
    expect(r.report).toMatchObject({ partial: true, resources: 1 });
    // The new policy also dropped the TLS-only statement.
    const expected = ['s3-bucket-policy-not-public', 's3-bucket-public-access-block', 's3-bucket-ssl-requests-only'];
    expect(r.report.failures.map((f) => f.checkId).sort()).toEqual(expected);
    expect(h.cloud.listCalls).toBe(lists);
    expect(h.signals.map((s) => s.rule).sort()).toEqual(expected);
    expect(h.signals[0]!.time).toBe(new Date(T0 + 30_000).toISOString());
  });

  it('looks a security group up by id from a Config compliance change', async () => {
    h.cloud.mutate(sg.arn, { ipPermissions: OPEN_SSH });
    const r = await h.service.onChange({ 'detail-type': 'Config Rules Compliance Change', source: 'aws.config', detail: { resourceId: sg.id, resourceType: 'AWS::EC2::SecurityGroup', awsRegion: 'us-east-1', newEvaluationResult: { complianceType: 'NON_COMPLIANT' } } });
    expect('touched' in r && r.touched).toEqual([sg.arn]);
    expect(h.signals.map((s) => s.rule)).toEqual(['ec2-sg-open-ssh']);
  });

  it('rescans the account when its trail stops logging (cross-resource check)', async () => {
    h.cloud.mutate(trail.arn, { isLogging: false });
    const r = await h.service.onChange({ time: '2026-11-23T00:00:10.000Z', eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', resourceArn: trail.arn, principal: 'arn:aws:iam::111122223333:user/dev', params: { name: trail.arn } });
    expect('touched' in r && [...r.touched].sort()).toEqual([account.arn, trail.arn].sort());
    expect(h.signals.map((s) => s.rule).sort()).toEqual(['cloudtrail-logging', 'cloudtrail-multi-region-enabled']);
  });

  it('resolves the finding of a resource deleted after the event', async () => {
    h.cloud.mutate(sg.arn, { ipPermissions: OPEN_SSH });
    await h.service.scan();
    h.cloud.remove(sg.arn);
    const r = await h.service.onChange({ 'detail-type': 'Config Configuration Item Change', detail: { configurationItem: { resourceType: 'AWS::EC2::SecurityGroup', resourceId: sg.id, ARN: sg.arn } } });
    expect('report' in r && r.report.changes.deleted).toBe(1);
  });

  it.each([
    ['unknown shape', { hello: 'world' }],
    ['failed call', cloudTrailEvent('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: 'x' })],
    ['no resource', cloudTrailEvent('sts.amazonaws.com', 'GetCallerIdentity', {})],
  ])('ignores %s', async (name, event) => {
    if (name === 'failed call') (event as { detail: Record<string, unknown> }).detail.errorCode = 'AccessDenied';
    expect(await h.service.onChange(event)).toHaveProperty('ignored');
  });
});

describe('Function: createComplianceService › suppression, scores, exports, CloudTrail', () => {
  it('suppresses with reason and expiry: quiet while active, loud again after', async () => {
    h.cloud.mutate(sg.arn, { ipPermissions: OPEN_SSH });
    await h.service.scan();
    const id = findingId('ec2-sg-open-ssh', sg.arn);
    await expect(h.service.suppress(id, { reason: '', by: 'sec' })).rejects.toThrow(ValidationError);
    await expect(h.service.suppress('cf-nope', { reason: 'x', by: 'sec' })).rejects.toThrow(/not found/);
    const s = await h.service.suppress(id, { reason: 'bastion, IP allow-listed upstream', by: 'sec@example.com', until: new Date(T0 + 60 * MIN).toISOString() });
    expect(s.status).toBe('suppressed');
    h.clock.advance(15 * MIN);
    const quiet = await h.service.scan();
    expect(quiet.openBySeverity.HIGH).toBe(0);
    expect(scanExitCode(quiet)).toBe(0);
    h.clock.advance(60 * MIN);
    const loud = await h.service.scan();
    expect(loud.changes.reopened).toBe(1);
    expect(h.signals.filter((x) => x.state === 'firing')).toHaveLength(2);
    await h.service.suppress(id, { reason: 'accepted', by: 'sec' });
    expect((await h.service.unsuppress(id)).status).toBe('open');
  });

  it('keeps framework scores current after event-driven rescans', async () => {
    await h.service.scan();
    expect((await h.service.scores()).map((s) => s.score)).toEqual([100, 100]);
    h.cloud.mutate(sg.arn, { ipPermissions: OPEN_SSH });
    await h.service.onChange({ 'detail-type': 'Config Rules Compliance Change', detail: { resourceId: sg.id, resourceType: 'AWS::EC2::SecurityGroup' } });
    const [cis] = await h.service.scores();
    expect(cis!.controls.find((c) => c.control === '5.2')!.status).toBe('FAILED');
  });

  it('keeps a score trend of full scans only', async () => {
    await h.service.scan();
    h.clock.advance(15 * MIN);
    h.cloud.mutate(sg.arn, { ipPermissions: OPEN_SSH });
    await h.service.onChange({ 'detail-type': 'Config Rules Compliance Change', detail: { resourceId: sg.id, resourceType: 'AWS::EC2::SecurityGroup' } });
    await h.service.scan();
    const trend = await h.service.history();
    expect(trend.map((p) => p.at)).toEqual([new Date(T0).toISOString(), new Date(T0 + 15 * MIN).toISOString()]);
    expect(trend[0]!.scores.cis).toBe(100);
    expect(trend[1]!.scores.cis).toBeLessThan(100);
    expect(trend[1]!.openBySeverity.HIGH).toBe(1);
  });

  it('lists and exports findings', async () => {
    h.cloud.mutate(sg.arn, { ipPermissions: OPEN_SSH });
    h.cloud.mutate(bucket.arn, { publicAccessBlock: null });
    await h.service.scan();
    expect(await h.service.listFindings({ severity: 'HIGH', status: 'open' })).toHaveLength(2);
    expect(JSON.parse(await h.service.export('sarif')).runs[0].results).toHaveLength(2);
    expect(JSON.parse(await h.service.export('asff')).Findings).toHaveLength(2);
    expect(await h.service.export('csv')).toMatch(/ec2-sg-open-ssh/);
  });

  it('turns CloudTrail records into anomaly Signals and rescans what they changed', async () => {
    h.cloud.mutate(sg.arn, { ipPermissions: OPEN_SSH });
    const record = { eventID: 'e1', eventTime: '2026-11-23T00:00:05Z', eventSource: 'ec2.amazonaws.com', eventName: 'AuthorizeSecurityGroupIngress', awsRegion: 'us-east-1', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/dev' }, recipientAccountId: '111122223333', requestParameters: { groupId: sg.id, ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } } };
    const r = await h.service.ingestCloudTrail([record, { bogus: true }]);
    expect(r.signals).toBe(1);
    expect(r.rejected).toHaveLength(1);
    expect(r.rescanned).toEqual([sg.arn]);
    expect(h.signals.map((s) => `${s.source}:${s.rule}`).sort()).toEqual(['cloudtrail:security-group-opened-to-world', 'compliance:ec2-sg-open-ssh']);
  });
});

describe('Function: scanExitCode', () => {
  it.each([
    [{ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 1, INFORMATIONAL: 0 }, 'LOW', 1],
    [{ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 1, INFORMATIONAL: 0 }, 'MEDIUM', 0],
    [{ CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 }, 'CRITICAL', 1],
  ] as const)('%j failing on %s → %i', (openBySeverity, failOn, code) => {
    expect(scanExitCode({ openBySeverity }, failOn)).toBe(code);
  });
});

it('sampleResource is usable by the sandbox as a fleet template', () => {
  expect(sampleResource('AWS::S3::Bucket', {}, { suffix: '-logs' }).arn).toBe('arn:aws:s3:::aiops-data-logs');
});
