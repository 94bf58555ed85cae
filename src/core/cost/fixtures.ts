import type { ResourceRecord } from '../../ports/cloud.js';
import { parseCostConfig, type CostConfigInput } from './config.js';
import { bundledPriceSource } from './prices/snapshot.js';
import type { RuleContext } from './rule.js';
import type { DailyMetrics, DailyPoint } from './inputs.js';
import { DYNAMODB_TYPE, EBS_TYPE, EC2_TYPE, EIP_TYPE, ELB_TYPE, LAMBDA_TYPE, lastCompleteDays, NAT_TYPE, RDS_TYPE, SNAPSHOT_TYPE } from './inputs.js';

/**
 * Fixture builders: well-formed resources and daily series in exactly the shapes the sandbox and
 * the AWS adapter produce. Tests, the benchmark and the sandbox use them so the shapes stay one.
 */

export const FIXTURE_ACCOUNT = '123456789012';
export const FIXTURE_REGION = 'us-east-1';

interface Base {
  id: string;
  tags?: Record<string, string>;
  account?: string;
  region?: string;
  name?: string;
}

function record(type: string, arn: string, base: Base, state: Record<string, unknown>): ResourceRecord {
  return {
    arn,
    type,
    id: base.id,
    name: base.name ?? base.tags?.['Name'] ?? base.id,
    region: base.region ?? FIXTURE_REGION,
    account: base.account ?? FIXTURE_ACCOUNT,
    tags: base.tags ?? {},
    state,
  };
}

const arnOf = (service: string, resource: string, base: Base) => `arn:aws:${service}:${base.region ?? FIXTURE_REGION}:${base.account ?? FIXTURE_ACCOUNT}:${resource}`;

export function ec2Instance(base: Base & { instanceType?: string; state?: string; launchTime?: string }): ResourceRecord {
  return record(EC2_TYPE, arnOf('ec2', `instance/${base.id}`, base), base, {
    instanceType: base.instanceType ?? 'm5.large',
    state: base.state ?? 'running',
    launchTime: base.launchTime ?? '2026-01-01T00:00:00Z',
  });
}

export function ebsVolume(base: Base & { volumeType?: string; size?: number; iops?: number; throughput?: number; attachedTo?: string[]; createTime?: string }): ResourceRecord {
  return record(EBS_TYPE, arnOf('ec2', `volume/${base.id}`, base), base, {
    volumeType: base.volumeType ?? 'gp3',
    size: base.size ?? 100,
    ...(base.iops !== undefined ? { iops: base.iops } : {}),
    ...(base.throughput !== undefined ? { throughput: base.throughput } : {}),
    attachments: (base.attachedTo ?? []).map((instanceId) => ({ instanceId, state: 'attached' })),
    createTime: base.createTime ?? '2026-01-01T00:00:00Z',
  });
}

export function ebsSnapshot(base: Base & { startTime: string; volumeSize?: number; amiIds?: string[] }): ResourceRecord {
  return record(SNAPSHOT_TYPE, arnOf('ec2', `snapshot/${base.id}`, base), base, {
    startTime: base.startTime,
    volumeSize: base.volumeSize ?? 100,
    storageTier: 'standard',
    amiIds: base.amiIds ?? [],
  });
}

export function elasticIp(base: Base & { associationId?: string }): ResourceRecord {
  return record(EIP_TYPE, arnOf('ec2', `elastic-ip/${base.id}`, base), base, {
    allocationId: base.id,
    publicIp: '198.51.100.7',
    ...(base.associationId ? { associationId: base.associationId } : {}),
  });
}

export function loadBalancer(base: Base & { lbType?: 'application' | 'network'; createdTime?: string; healthyTargets?: number[] }): ResourceRecord {
  const lbType = base.lbType ?? 'application';
  const prefix = lbType === 'application' ? 'app' : 'net';
  return record(ELB_TYPE, arnOf('elasticloadbalancing', `loadbalancer/${prefix}/${base.id}/0123456789abcdef`, base), base, {
    type: lbType,
    createdTime: base.createdTime ?? '2026-01-01T00:00:00Z',
    stateCode: 'active',
    targetGroups: (base.healthyTargets ?? [2]).map((healthy, i) => ({ targetGroupArn: `tg-${base.id}-${i}`, healthyTargetCount: healthy, registeredTargetCount: Math.max(healthy, 2) })),
  });
}

export function rdsInstance(base: Base & { dbInstanceClass?: string; multiAZ?: boolean; engine?: string; status?: string; createTime?: string }): ResourceRecord {
  return record(RDS_TYPE, arnOf('rds', `db:${base.id}`, base), base, {
    dbInstanceClass: base.dbInstanceClass ?? 'db.m5.large',
    multiAZ: base.multiAZ ?? false,
    engine: base.engine ?? 'mysql',
    dbInstanceStatus: base.status ?? 'available',
    instanceCreateTime: base.createTime ?? '2026-01-01T00:00:00Z',
    allocatedStorage: 100,
  });
}

export function lambdaFunction(base: Base & { memorySize?: number; architecture?: 'x86_64' | 'arm64'; lastModified?: string }): ResourceRecord {
  return record(LAMBDA_TYPE, arnOf('lambda', `function:${base.id}`, base), base, {
    memorySize: base.memorySize ?? 1024,
    architectures: [base.architecture ?? 'x86_64'],
    lastModified: base.lastModified ?? '2026-01-01T00:00:00Z',
  });
}

export function dynamoTable(base: Base & { rcu?: number; wcu?: number; billingMode?: 'PROVISIONED' | 'PAY_PER_REQUEST'; autoScaling?: boolean; createTime?: string }): ResourceRecord {
  return record(DYNAMODB_TYPE, arnOf('dynamodb', `table/${base.id}`, base), base, {
    billingMode: base.billingMode ?? 'PROVISIONED',
    provisionedThroughput: { readCapacityUnits: base.rcu ?? 100, writeCapacityUnits: base.wcu ?? 50 },
    creationDateTime: base.createTime ?? '2026-01-01T00:00:00Z',
    autoScaling: base.autoScaling ?? false,
  });
}

export function natGateway(base: Base & { state?: string; createTime?: string }): ResourceRecord {
  return record(NAT_TYPE, arnOf('ec2', `natgateway/${base.id}`, base), base, {
    state: base.state ?? 'available',
    createTime: base.createTime ?? '2026-01-01T00:00:00Z',
    connectivityType: 'public',
  });
}

/**
 * A daily series over the `days` complete days before `nowMs`. `value` is a constant or a function
 * of the day index (0 = oldest).
 */
export function dailySeries(nowMs: number, days: number, value: number | ((i: number, date: string) => number)): DailyPoint[] {
  return lastCompleteDays(nowMs, days).map((date, i) => ({ date, value: typeof value === 'number' ? value : value(i, date) }));
}

/** Several metrics over the same days. */
export function dailyMetrics(nowMs: number, days: number, values: Record<string, number | ((i: number, date: string) => number)>): DailyMetrics {
  const out: DailyMetrics = {};
  for (const [name, v] of Object.entries(values)) out[name] = dailySeries(nowMs, days, v);
  return out;
}

/** A rule context on the bundled price snapshot with (partial) configuration. */
export function ruleContext(now: number, config: CostConfigInput = {}): RuleContext {
  return { now, config: parseCostConfig(config), prices: bundledPriceSource() };
}
