import type { ResourceRecord } from '../../ports/cloud.js';
import type { Metrics } from '../../ports/metrics.js';
import type { DailyMetrics } from '../../core/cost/inputs.js';
import { metricsNeeded } from '../../core/cost/evaluate.js';
import { dailyMetricQueries, toDailyMetrics } from '../../core/cost/metricQueries.js';
import type { TagSplit } from '../../core/cost/spend/tags.js';

type State = Record<string, unknown>;

/**
 * The sandbox fleet records no creation time for volumes, load balancers, databases, tables or
 * functions. Its metric generator simulates history back to 2026-01-01 (the trend epoch), so a
 * resource without a timestamp is treated as existing since then. Real AWS records carry the field.
 */
export const SANDBOX_HISTORY_START = '2026-01-01T00:00:00.000Z';

const obj = (v: unknown): State => (v && typeof v === 'object' && !Array.isArray(v) ? (v as State) : {});
const first = <T>(...vs: unknown[]): T | undefined => vs.find((v) => v !== undefined && v !== null) as T | undefined;
const defined = (o: State): State => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

/**
 * Translates a sandbox resource (AWS API field names, PascalCase, as DescribeX returns them) into
 * the cost input model (camelCase fields, docs/cost.md). Fields already in the cost model win, so a
 * record from the AWS adapter passes through unchanged. The original fields are kept alongside.
 * Where the sandbox lacks a field the default is stated here and in docs/cost.md:
 * - creation times → SANDBOX_HISTORY_START;
 * - snapshots: `amiIds` = [] (the sandbox has no AMIs, so none references a snapshot);
 * - load balancers: the fleet's `HealthyTargets` count becomes one target group;
 * - RDS: `dbInstanceStatus` = `available` (the sandbox database serves connections; it has no status field);
 * - DynamoDB: `autoScaling` = false (the sandbox has no Application Auto Scaling);
 * - Lambda: `architectures` = ['x86_64'] (the AWS default when unset).
 */
export function toCostResource(r: ResourceRecord): ResourceRecord {
  const s = r.state;
  let t: State;
  switch (r.type) {
    case 'AWS::EC2::Instance':
      t = { instanceType: first(s.instanceType, s.InstanceType), state: first(s.state, obj(s.State).Name), launchTime: first(s.launchTime, s.LaunchTime), platform: first(s.platform, s.Platform) };
      break;
    case 'AWS::EC2::Volume': {
      const att = (first<unknown[]>(s.attachments, s.Attachments) ?? []).map((a) => obj(a)).map((a) => defined({ instanceId: first(a.instanceId, a.InstanceId), state: first(a.state, a.State) }));
      t = { volumeType: first(s.volumeType, s.VolumeType), size: first(s.size, s.Size), iops: first(s.iops, s.Iops), throughput: first(s.throughput, s.Throughput), attachments: att, createTime: first(s.createTime, s.CreateTime) ?? SANDBOX_HISTORY_START };
      break;
    }
    case 'AWS::EC2::Snapshot':
      t = { startTime: first(s.startTime, s.StartTime), volumeSize: first(s.volumeSize, s.VolumeSize), storageTier: first(s.storageTier, s.StorageTier), volumeId: first(s.volumeId, s.VolumeId), amiIds: first(s.amiIds) ?? [] };
      break;
    case 'AWS::EC2::EIP':
      t = { allocationId: first(s.allocationId, s.AllocationId), publicIp: first(s.publicIp, s.PublicIp), associationId: first(s.associationId, s.AssociationId), instanceId: first(s.instanceId, s.InstanceId), networkInterfaceId: first(s.networkInterfaceId, s.NetworkInterfaceId) };
      break;
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const healthy = first<number>(s.HealthyTargets);
      const groups = first<unknown[]>(s.targetGroups) ?? (healthy !== undefined ? [{ targetGroupArn: `${r.arn}/targets`, healthyTargetCount: healthy, registeredTargetCount: first<number>(s.RegisteredTargets) ?? healthy }] : []);
      t = { type: first(s.type, s.Type), createdTime: first(s.createdTime, s.CreatedTime) ?? SANDBOX_HISTORY_START, stateCode: first(s.stateCode, obj(s.State).Code), targetGroups: groups };
      break;
    }
    case 'AWS::RDS::DBInstance':
      t = {
        dbInstanceClass: first(s.dbInstanceClass, s.DBInstanceClass),
        multiAZ: first(s.multiAZ, s.MultiAZ),
        engine: first(s.engine, s.Engine),
        dbInstanceStatus: first(s.dbInstanceStatus, s.DBInstanceStatus) ?? 'available',
        instanceCreateTime: first(s.instanceCreateTime, s.InstanceCreateTime) ?? SANDBOX_HISTORY_START,
        allocatedStorage: first(s.allocatedStorage, s.AllocatedStorage),
      };
      break;
    case 'AWS::Lambda::Function':
      t = { memorySize: first(s.memorySize, s.MemorySize), architectures: first(s.architectures, s.Architectures) ?? ['x86_64'], lastModified: first(s.lastModified, s.LastModified) ?? SANDBOX_HISTORY_START, runtime: first(s.runtime, s.Runtime) };
      break;
    case 'AWS::DynamoDB::Table': {
      const pt = obj(first(s.ProvisionedThroughput));
      t = {
        billingMode: first(s.billingMode, obj(s.BillingModeSummary).BillingMode, s.BillingMode),
        provisionedThroughput: first(s.provisionedThroughput) ?? { readCapacityUnits: pt.ReadCapacityUnits, writeCapacityUnits: pt.WriteCapacityUnits },
        creationDateTime: first(s.creationDateTime, s.CreationDateTime) ?? SANDBOX_HISTORY_START,
        autoScaling: first(s.autoScaling) ?? false,
      };
      break;
    }
    case 'AWS::EC2::NatGateway':
      t = { state: first(s.state, s.State), createTime: first(s.createTime, s.CreateTime) ?? SANDBOX_HISTORY_START, connectivityType: first(s.connectivityType, s.ConnectivityType) };
      break;
    default:
      return r;
  }
  return { ...r, state: { ...s, ...defined(t) } };
}

/**
 * Whether a sandbox record stands for a resource that no longer exists (and so costs nothing):
 * the sandbox keeps deleted volumes and snapshots, released addresses and terminated instances in
 * its inventory with their final state, where AWS would no longer list them.
 */
export function isGone(r: ResourceRecord): boolean {
  const s = r.state;
  switch (r.type) {
    case 'AWS::EC2::Volume':
      return s.State === 'deleted';
    case 'AWS::EC2::Snapshot':
      return s.State === 'deleted' || s.State === 'recycle-bin';
    case 'AWS::EC2::EIP':
      return s.Released === true;
    case 'AWS::EC2::Instance':
      return obj(s.State).Name === 'terminated';
    default:
      return false;
  }
}

/**
 * A DynamoDB table's peak consumed read and write rates (units per second) when its state gives
 * them (`PeakConsumedCapacity`, which the cost-overprovisioned-table scenario sets): the sandbox
 * publishes no write consumption, so this stands in for CloudWatch's ConsumedRead/WriteCapacityUnits.
 */
function tablePeaks(r: ResourceRecord): { read: number; write: number } | undefined {
  if (r.type !== 'AWS::DynamoDB::Table') return undefined;
  const p = obj(r.state.PeakConsumedCapacity);
  const read = p.ReadCapacityUnits;
  const write = p.WriteCapacityUnits;
  return typeof read === 'number' && typeof write === 'number' && read >= 0 && write >= 0 ? { read, write } : undefined;
}

/**
 * Daily aggregates for the sandbox: the same GetMetricData queries the AWS path sends (one-day
 * period), plus Lambda's `used_memory_max`, which the sandbox does not publish as a Lambda Insights
 * metric: it keeps the function's "Max Memory Used" (as the REPORT log lines give it) in the
 * function's `MaxMemoryUsed` state field, so each day with invocations gets that value.
 * Metrics the sandbox does not publish (DynamoDB `ConsumedWriteCapacityUnits`, EBS ops) stay missing, so the rules concerned answer "insufficient data" instead of guessing.
 * `metrics` must be the sandbox's Metrics port (its listMetrics names each series' resource).
 */
export function sandboxDailyMetrics(metrics: Metrics) {
  return async (resources: ResourceRecord[], startMs: number, endMs: number): Promise<Map<string, DailyMetrics>> => {
    // Every cost rule reads all of its resource type's daily metrics together (a day counts only
    // when each series has a point), so a resource whose metrics the sandbox does not all publish
    // cannot get a verdict from them: its series are not computed (the sandbox derives each daily
    // point from 1,440 simulated minutes, and DynamoDB tables lack write metrics). Lambda's
    // used_memory_max is derived from state below, so it is not required from the generator.
    const published = new Map<string, Set<string>>();
    for (const m of await metrics.listMetrics()) {
      if (!m.resourceArn) continue;
      let names = published.get(m.resourceArn);
      if (!names) published.set(m.resourceArn, (names = new Set()));
      names.add(m.metric.metricName);
    }
    const required = (r: ResourceRecord): string[] =>
      metricsNeeded(r.type)
        .map((spec) => spec.name)
        .filter((name) => name !== 'used_memory_max')
        // A load balancer needs the one metric of its kind: RequestCount (ALB) or NewFlowCount (NLB).
        .filter((name) => r.type !== 'AWS::ElasticLoadBalancingV2::LoadBalancer' || name === (r.state.type === 'network' ? 'NewFlowCount' : 'RequestCount'));
    const complete = resources.filter((r) => !tablePeaks(r) && required(r).every((name) => published.get(r.arn)?.has(name)));
    const plan = dailyMetricQueries(complete);
    // endMs is today's midnight: stop one period earlier so the day in progress is never read.
    const out = toDailyMetrics(plan, await metrics.getMetricData(plan.queries, startMs, endMs - 1));
    for (const r of resources) {
      if (r.type !== 'AWS::Lambda::Function') continue;
      const used = first<number>(r.state.usedMemoryMax, r.state.MaxMemoryUsed);
      const m = out.get(r.arn);
      if (used === undefined || !m) continue;
      m['used_memory_max'] = (m['Invocations'] ?? []).filter((p) => p.value >= 1).map((p) => ({ date: p.date, value: used }));
    }
    // Tables whose peak consumption is given in state get that peak on every complete day of the window.
    const days: string[] = [];
    for (let d = startMs; d + 86_400_000 <= endMs; d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
    for (const r of resources) {
      const peaks = tablePeaks(r);
      if (!peaks) continue;
      out.set(r.arn, {
        ConsumedReadCapacityUnits: days.map((date) => ({ date, value: peaks.read })),
        ConsumedWriteCapacityUnits: days.map((date) => ({ date, value: peaks.write })),
      });
    }
    return out;
  };
}

/**
 * How the sandbox bill spreads over the fleet's resource-level `service` tag (the generated bill has
 * one row per day × billing service × account, tagged with account-level tags only). The shares
 * follow the fleet: EC2 compute is 4 × m5.large for `web` ($0.384/h) against one m4.xlarge for
 * `batch` ($0.20/h); "EC2 - Other" is mostly the 500 GiB orphaned `batch` volume; RDS and DynamoDB
 * serve `orders`; the ALB fronts `checkout`. What a service's shares leave is untagged spend, as on
 * a real bill (CloudWatch, shared VPC endpoints, untagged buckets).
 */
export const SANDBOX_SERVICE_TAG_SPLIT: TagSplit = {
  key: 'service',
  shares: {
    'Amazon Elastic Compute Cloud - Compute': { web: 0.66, batch: 0.34 },
    'EC2 - Other': { batch: 0.85, web: 0.1 },
    'Amazon Relational Database Service': { orders: 1 },
    'Amazon DynamoDB': { orders: 1 },
    'AWS Lambda': { orders: 0.7, media: 0.2 },
    'Elastic Load Balancing': { checkout: 1 },
    'Amazon Simple Storage Service': { checkout: 0.6, ops: 0.3 },
    'Amazon Virtual Private Cloud': { ops: 0.2 },
    'AWS Data Transfer': { web: 0.5, checkout: 0.3 },
  },
};
