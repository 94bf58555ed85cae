import { z } from 'zod';
import type { ResourceRecord } from '../../ports/cloud.js';
import { parseOrThrow } from '../shared/zod.js';

/**
 * What cost rules read. A rule sees one `ResourceRecord` (its `state` holds the fields below, named
 * after the AWS API response fields) plus daily aggregates of CloudWatch metrics. The sandbox and
 * the AWS adapter produce exactly these shapes; docs/cost.md lists them per resource type.
 */

/** One day of one metric: the day's aggregate with the statistic the rule's `dataNeeded` names. */
export const DailyPointSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  value: z.number().finite(),
});
export type DailyPoint = z.infer<typeof DailyPointSchema>;

/** Daily series keyed by CloudWatch metric name (`CPUUtilization`, `NetworkIn`, …), ascending by date. */
export const DailyMetricsSchema = z.record(z.string(), z.array(DailyPointSchema));
export type DailyMetrics = z.infer<typeof DailyMetricsSchema>;

/** A metric a rule needs, and how the adapter reduces it to one value per UTC day. */
export interface DailyMetricSpec {
  /** Key in `DailyMetrics`; equals the CloudWatch metric name. */
  name: string;
  namespace: string;
  /** Statistic over the whole UTC day (`Sum` of a per-minute metric, `Average`, `Maximum`). */
  stat: 'Average' | 'Sum' | 'Maximum';
  unit: string;
  /** How the adapter derives the day's value when it is not a plain CloudWatch statistic. */
  note?: string;
}

export const EC2_TYPE = 'AWS::EC2::Instance';
export const EBS_TYPE = 'AWS::EC2::Volume';
export const SNAPSHOT_TYPE = 'AWS::EC2::Snapshot';
export const EIP_TYPE = 'AWS::EC2::EIP';
export const ELB_TYPE = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const RDS_TYPE = 'AWS::RDS::DBInstance';
export const LAMBDA_TYPE = 'AWS::Lambda::Function';
export const DYNAMODB_TYPE = 'AWS::DynamoDB::Table';
export const NAT_TYPE = 'AWS::EC2::NatGateway';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp');

/** DescribeInstances: `InstanceType`, `State.Name`, `LaunchTime`. */
export const Ec2StateSchema = z.object({
  instanceType: z.string().min(1),
  state: z.enum(['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated']),
  launchTime: iso,
  platform: z.string().optional(),
});
export type Ec2State = z.infer<typeof Ec2StateSchema>;

/** DescribeVolumes: `VolumeType`, `Size` (GiB), `Iops`, `Throughput` (MiB/s), `Attachments`, `CreateTime`. */
export const EbsStateSchema = z.object({
  volumeType: z.enum(['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard']),
  size: z.number().positive(),
  iops: z.number().nonnegative().optional(),
  throughput: z.number().nonnegative().optional(),
  attachments: z.array(z.object({ instanceId: z.string(), state: z.string().optional() })).default([]),
  createTime: iso,
});
export type EbsState = z.infer<typeof EbsStateSchema>;

/** DescribeSnapshots: `StartTime`, `VolumeSize` (GiB), `StorageTier`; `amiIds` = images that reference it. */
export const SnapshotStateSchema = z.object({
  startTime: iso,
  volumeSize: z.number().nonnegative(),
  storageTier: z.enum(['standard', 'archive']).default('standard'),
  volumeId: z.string().optional(),
  amiIds: z.array(z.string()).default([]),
});
export type SnapshotState = z.infer<typeof SnapshotStateSchema>;

/** DescribeAddresses: `AllocationId`, `AssociationId` (absent when not associated), `Domain`. */
export const EipStateSchema = z.object({
  allocationId: z.string().min(1),
  publicIp: z.string().optional(),
  associationId: z.string().optional(),
  instanceId: z.string().optional(),
  networkInterfaceId: z.string().optional(),
});
export type EipState = z.infer<typeof EipStateSchema>;

/** DescribeLoadBalancers (`Type`, `CreatedTime`, `State.Code`) + DescribeTargetHealth per target group. */
export const ElbStateSchema = z.object({
  type: z.enum(['application', 'network', 'gateway']),
  createdTime: iso,
  stateCode: z.string().default('active'),
  targetGroups: z
    .array(z.object({ targetGroupArn: z.string(), healthyTargetCount: z.number().int().nonnegative(), registeredTargetCount: z.number().int().nonnegative() }))
    .default([]),
});
export type ElbState = z.infer<typeof ElbStateSchema>;

/** DescribeDBInstances: `DBInstanceClass`, `MultiAZ`, `Engine`, `DBInstanceStatus`, `InstanceCreateTime`. */
export const RdsStateSchema = z.object({
  dbInstanceClass: z.string().min(1),
  multiAZ: z.boolean(),
  engine: z.string().min(1),
  dbInstanceStatus: z.string(),
  instanceCreateTime: iso,
  allocatedStorage: z.number().nonnegative().optional(),
});
export type RdsState = z.infer<typeof RdsStateSchema>;

/** GetFunctionConfiguration: `MemorySize` (MB), `Architectures`, `LastModified`. */
export const LambdaStateSchema = z.object({
  memorySize: z.number().int().min(128).max(10240),
  architectures: z.array(z.enum(['x86_64', 'arm64'])).default(['x86_64']),
  lastModified: iso,
  runtime: z.string().optional(),
});
export type LambdaState = z.infer<typeof LambdaStateSchema>;

/** DescribeTable: `BillingModeSummary.BillingMode`, `ProvisionedThroughput` (RCU/WCU), `CreationDateTime`. */
export const DynamoDbStateSchema = z.object({
  billingMode: z.enum(['PROVISIONED', 'PAY_PER_REQUEST']),
  provisionedThroughput: z.object({ readCapacityUnits: z.number().nonnegative(), writeCapacityUnits: z.number().nonnegative() }),
  creationDateTime: iso,
  /** True when Application Auto Scaling manages the table's capacity (then the rule leaves it alone). */
  autoScaling: z.boolean().default(false),
});
export type DynamoDbState = z.infer<typeof DynamoDbStateSchema>;

/** DescribeNatGateways: `State`, `CreateTime`, `ConnectivityType`. */
export const NatStateSchema = z.object({
  state: z.enum(['pending', 'available', 'deleting', 'deleted', 'failed']),
  createTime: iso,
  connectivityType: z.enum(['public', 'private']).default('public'),
});
export type NatState = z.infer<typeof NatStateSchema>;

/** Daily metrics per resource type (the adapter's contract). Values are per UTC day. */
export const DAILY_METRICS = {
  ec2: [
    { name: 'CPUUtilization', namespace: 'AWS/EC2', stat: 'Average', unit: 'Percent' },
    { name: 'NetworkIn', namespace: 'AWS/EC2', stat: 'Sum', unit: 'Bytes' },
    { name: 'NetworkOut', namespace: 'AWS/EC2', stat: 'Sum', unit: 'Bytes' },
  ],
  ebs: [
    { name: 'VolumeReadOps', namespace: 'AWS/EBS', stat: 'Sum', unit: 'Count' },
    { name: 'VolumeWriteOps', namespace: 'AWS/EBS', stat: 'Sum', unit: 'Count' },
  ],
  alb: [
    { name: 'RequestCount', namespace: 'AWS/ApplicationELB', stat: 'Sum', unit: 'Count' },
  ],
  nlb: [
    { name: 'NewFlowCount', namespace: 'AWS/NetworkELB', stat: 'Sum', unit: 'Count', note: 'an NLB has no RequestCount; new flows stand in for requests' },
  ],
  rds: [{ name: 'DatabaseConnections', namespace: 'AWS/RDS', stat: 'Maximum', unit: 'Count' }],
  lambda: [
    { name: 'Invocations', namespace: 'AWS/Lambda', stat: 'Sum', unit: 'Count' },
    { name: 'Duration', namespace: 'AWS/Lambda', stat: 'Average', unit: 'Milliseconds' },
    { name: 'used_memory_max', namespace: 'LambdaInsights', stat: 'Maximum', unit: 'Megabytes', note: 'Lambda Insights, or the max of "Max Memory Used" in the REPORT log lines' },
  ],
  dynamodb: [
    { name: 'ConsumedReadCapacityUnits', namespace: 'AWS/DynamoDB', stat: 'Maximum', unit: 'Count/Second', note: 'peak per-second rate: max over the day of the 1-minute Sum / 60' },
    { name: 'ConsumedWriteCapacityUnits', namespace: 'AWS/DynamoDB', stat: 'Maximum', unit: 'Count/Second', note: 'peak per-second rate: max over the day of the 1-minute Sum / 60' },
  ],
  nat: [
    { name: 'BytesOutToDestination', namespace: 'AWS/NATGateway', stat: 'Sum', unit: 'Bytes' },
    { name: 'BytesInFromDestination', namespace: 'AWS/NATGateway', stat: 'Sum', unit: 'Bytes' },
  ],
} as const satisfies Record<string, readonly DailyMetricSpec[]>;

/** Everything one rule evaluation sees. */
export interface CostInput {
  resource: ResourceRecord;
  metrics: DailyMetrics;
}

/** Parses a resource's state with a schema, naming the failing field (`state.volumeType`). */
export function parseState<T>(schema: z.ZodType<T>, resource: ResourceRecord): T {
  return parseOrThrow(schema, resource.state, 'state');
}

/** Parses daily metrics, naming the failing point (`metrics.CPUUtilization.3.date`). */
export function parseDailyMetrics(input: unknown): DailyMetrics {
  return parseOrThrow(DailyMetricsSchema, input, 'metrics');
}

/** UTC date `YYYY-MM-DD` of an epoch-ms instant. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The `days` complete UTC days before `nowMs` (yesterday back), oldest first. */
export function lastCompleteDays(nowMs: number, days: number): string[] {
  const today = Date.parse(`${utcDate(nowMs)}T00:00:00Z`);
  const out: string[] = [];
  for (let i = days; i >= 1; i--) out.push(utcDate(today - i * 86_400_000));
  return out;
}

/**
 * The series' values on the window's days, by date; days without a point are absent. Points
 * outside the window are ignored so a stale series never counts as recent history.
 */
export function valuesInWindow(series: readonly DailyPoint[] | undefined, window: readonly string[]): Map<string, number> {
  const wanted = new Set(window);
  const out = new Map<string, number>();
  for (const p of series ?? []) if (wanted.has(p.date)) out.set(p.date, p.value);
  return out;
}

/** Days of the window on which every named series has a value. */
export function daysWithAll(metrics: DailyMetrics, names: readonly string[], window: readonly string[]): string[] {
  const maps = names.map((n) => valuesInWindow(metrics[n], window));
  return window.filter((d) => maps.every((m) => m.has(d)));
}
