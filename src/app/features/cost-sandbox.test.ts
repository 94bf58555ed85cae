import { describe, expect, it } from 'vitest';
import { defaultFleet } from '../../adapters/sandbox/fleet.js';
import { Sandbox } from '../../adapters/sandbox/sandbox.js';
import { ManualClock } from '../../adapters/local/clocks.js';
import { parseState, Ec2StateSchema, EbsStateSchema, EipStateSchema, ElbStateSchema, LambdaStateSchema, DynamoDbStateSchema, RdsStateSchema, SnapshotStateSchema } from '../../core/cost/inputs.js';
import type { ResourceRecord } from '../../ports/cloud.js';
import { SANDBOX_HISTORY_START, sandboxDailyMetrics, toCostResource } from './cost-sandbox.js';

const fleet = defaultFleet().map(toCostResource);
const byName = (name: string): ResourceRecord => fleet.find((r) => r.name === name)!;

describe('Function: toCostResource', () => {
  it.each([
    ['legacy-batch', Ec2StateSchema, { instanceType: 'm4.xlarge', state: 'running', launchTime: '2025-03-14T10:00:00.000Z' }],
    ['orphaned-data', EbsStateSchema, { volumeType: 'gp2', size: 500, attachments: [], createTime: SANDBOX_HISTORY_START }],
    ['web-1-root', EbsStateSchema, { volumeType: 'gp3', size: 50, attachments: [{ instanceId: 'i-0a1b2c3d4e5f60001', state: 'attached' }] }],
    ['old-bastion-ip', EipStateSchema, { allocationId: 'eipalloc-0a1b2c3d4e5f60077', publicIp: '203.0.113.25' }],
    ['thumbnail-generator', LambdaStateSchema, { memorySize: 3008, architectures: ['x86_64'], runtime: 'nodejs16.x' }],
    ['checkout-alb', ElbStateSchema, { type: 'application', stateCode: 'active', targetGroups: [{ healthyTargetCount: 4, registeredTargetCount: 4 }] }],
    ['orders', DynamoDbStateSchema, { billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 400, writeCapacityUnits: 200 }, autoScaling: false }],
    ['orders-db', RdsStateSchema, { dbInstanceClass: 'db.r5.large', multiAZ: true, engine: 'postgres', dbInstanceStatus: 'available' }],
    ['web-1-root-2026-08', SnapshotStateSchema, { startTime: '2026-08-01T02:00:00.000Z', volumeSize: 50, storageTier: 'standard', amiIds: [] }],
  ])('translates %s into the cost input model', (name, schema, expected) => {
    const parsed = parseState(schema as never, byName(name)) as Record<string, unknown>;
    expect(parsed).toMatchObject(expected);
  });

  it('leaves the EIP unassociated when the sandbox says AssociationId: null', () => {
    expect(parseState(EipStateSchema, byName('old-bastion-ip')).associationId).toBeUndefined();
  });

  it('keeps a record already in the cost model unchanged, and other types untouched', () => {
    const aws: ResourceRecord = { arn: 'arn:aws:ec2:us-east-1:1:instance/i-1', type: 'AWS::EC2::Instance', id: 'i-1', name: 'i-1', region: 'us-east-1', account: '1', tags: {}, state: { instanceType: 't3.micro', state: 'stopped', launchTime: '2026-01-02T00:00:00Z' } };
    expect(toCostResource(aws).state).toEqual(aws.state);
    const bucket = defaultFleet().find((r) => r.type === 'AWS::S3::Bucket')!;
    expect(toCostResource(bucket)).toBe(bucket);
  });
});

describe('Function: sandboxDailyMetrics', () => {
  it('gives daily points for complete days only and adds used_memory_max from MaxMemoryUsed on days with invocations', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00.000Z');
    const sandbox = new Sandbox({ clock, seed: 7 });
    const lambda = toCostResource(sandbox.resolve('thumbnail-generator'));
    const end = Date.parse('2026-11-23T00:00:00Z');
    const m = (await sandboxDailyMetrics(sandbox.metrics)([lambda], end - 3 * 86_400_000, end)).get(lambda.arn)!;
    expect(m['Invocations']!.map((p) => p.date)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    expect(m['used_memory_max']).toEqual(m['Invocations']!.map((p) => ({ date: p.date, value: 210 })));
    expect(m['Duration']!.every((p) => p.value > 1000)).toBe(true);
  });

  it('computes no series for a resource whose metrics the sandbox does not all publish (DynamoDB has no ConsumedWriteCapacityUnits)', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00.000Z');
    const sandbox = new Sandbox({ clock, seed: 7 });
    const table = toCostResource(sandbox.resolve('orders'));
    const alb = toCostResource(sandbox.resolve('checkout-alb'));
    const end = Date.parse('2026-11-23T00:00:00Z');
    const m = await sandboxDailyMetrics(sandbox.metrics)([table, alb], end - 2 * 86_400_000, end);
    expect(m.get(table.arn)).toBeUndefined();
    expect(m.get(alb.arn)?.['RequestCount']).toHaveLength(2);
  });

  it('gives the idle legacy-batch a few MB of network in + out a day and the busy web-1 far more', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00.000Z');
    const sandbox = new Sandbox({ clock, seed: 7 });
    const idle = toCostResource(sandbox.resolve('legacy-batch'));
    const busy = toCostResource(sandbox.resolve('web-1'));
    const end = Date.parse('2026-11-23T00:00:00Z');
    const m = await sandboxDailyMetrics(sandbox.metrics)([idle, busy], end - 3 * 86_400_000, end);
    const net = (arn: string) => m.get(arn)!['NetworkIn']!.map((p, i) => p.value + m.get(arn)!['NetworkOut']![i]!.value);
    for (const bytes of net(idle.arn)) {
      // Trusted Advisor's low-utilisation line is 5 MB a day; the idle box stays well under it.
      expect(bytes).toBeGreaterThan(2 * 1024 * 1024);
      expect(bytes).toBeLessThan(5 * 1024 * 1024);
    }
    for (const bytes of net(busy.arn)) expect(bytes).toBeGreaterThan(1e10);
    expect(m.get(idle.arn)!['CPUUtilization']!.every((p) => p.value <= 10)).toBe(true);
  });
});
