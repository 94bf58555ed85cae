import type { ResourceRecord } from '../../ports/cloud.js';
import type { MetricId, Statistic } from '../../ports/metrics.js';

type State = Record<string, unknown>;

/**
 * How one sandbox metric behaves: a seasonal baseline (daily/weekly shape, trend, seeded noise)
 * and, for metrics that depend on the resource's state, an `effect` that turns the baseline (the
 * *demand*) into what CloudWatch would report given the current state (capacity, running tasks…).
 */
export interface SandboxMetricDef {
  id: MetricId;
  resourceArn: string;
  unit: string;
  stat: Statistic;
  base: number;
  /** Relative amplitude of the daily cycle (peak mid-afternoon UTC). */
  daily: number;
  /** Relative dip at weekends. */
  weekly: number;
  /** Relative growth per day. */
  trendPerDay: number;
  /** Standard deviation of the noise, in metric units. */
  noise: number;
  min: number;
  max?: number;
  integer?: boolean;
  effect?: (demand: number, state: State, initial: State, world: World) => number;
  /** For a metric that is part of another (the ALB's per-class counts of RequestCount): its value from the resource's other metrics at the same minute. */
  derive?: (demand: number, sibling: Sibling) => number;
}

/** Other resources' state at the same minute: some metrics depend on a related resource (a queue on its consumer). */
export type World = (arn: string) => State;

/** Another metric of the same resource at the same minute, faults applied (NaN: no datapoint). */
export type Sibling = (metricName: string) => number;

/** A surge that more capacity absorbs: once capacity rose above its initial value, only a normal level remains. */
const absorbed = (v: number, capacity: number, initialCapacity: number, normal: number): number => (capacity > initialCapacity ? Math.min(v, normal) : v);

const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const rcu = (st: State): number => num((st.ProvisionedThroughput as State | undefined)?.ReadCapacityUnits);

/** An ALB response class as a percentage of RequestCount (integer counts, as CloudWatch publishes them). */
const classShare = (pct: number) => ({ base: pct, daily: 0, weekly: 0, noise: pct * 0.05, unit: 'Count', stat: 'Sum' as const, integer: true });
/** A count CloudWatch would omit (no datapoint) counts as zero in a sum. */
const orZero = (v: number): number => (Number.isNaN(v) ? 0 : v);

function def(r: ResourceRecord, namespace: string, metricName: string, dimensions: Record<string, string>, p: Partial<SandboxMetricDef> & { base: number; unit: string }): SandboxMetricDef {
  return { id: { namespace, metricName, dimensions }, resourceArn: r.arn, stat: 'Average', daily: 0.25, weekly: 0.1, trendPerDay: 0, noise: p.base * 0.03, min: 0, ...p };
}

/** The CloudWatch metrics each sandbox resource publishes, with names, dimensions and units as AWS uses them. */
export function metricsFor(r: ResourceRecord, fleet: readonly ResourceRecord[] = []): SandboxMetricDef[] {
  const s = r.state;
  switch (r.type) {
    case 'AWS::AutoScaling::AutoScalingGroup': {
      const dims = { AutoScalingGroupName: r.name };
      // CPU is demand spread over capacity, and rises super-linearly near saturation (retries, GC,
      // lock contention): scaling out lowers it more than proportionally, as it does on real fleets.
      const perCapacity = (v: number, st: State, init: State) => {
        const u = (v / 100) * (num(init.DesiredCapacity, 1) / Math.max(1, num(st.DesiredCapacity, 1)));
        return 100 * u * (1 + 2 * Math.max(0, u - 0.55));
      };
      return [
        def(r, 'AWS/EC2', 'CPUUtilization', dims, { base: 38, noise: 2.5, unit: 'Percent', max: 100, effect: perCapacity }),
        def(r, 'AWS/EC2', 'NetworkIn', dims, { base: 5.2e7, unit: 'Bytes', stat: 'Sum', noise: 2e6 }),
        def(r, 'AWS/EC2', 'NetworkOut', dims, { base: 8.1e7, unit: 'Bytes', stat: 'Sum', noise: 3e6 }),
        def(r, 'AWS/AutoScaling', 'GroupInServiceInstances', dims, { base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', integer: true, effect: (_v, st) => num(st.DesiredCapacity) }),
      ];
    }
    case 'AWS::EC2::Instance': {
      const dims = { InstanceId: r.id };
      const idle = r.tags['service'] === 'batch';
      const running = (v: number, st: State) => ((st.State as { Name?: string } | undefined)?.Name === 'running' ? v : 0);
      return [
        def(r, 'AWS/EC2', 'CPUUtilization', dims, { base: idle ? 1.8 : 36, noise: idle ? 0.4 : 3, unit: 'Percent', max: 100, effect: running }),
        // An idle box exchanges only agent heartbeats and updates: ~1.5 KB in and ~1.2 KB out per
        // minute (≈ 3.9 MB a day together, under Trusted Advisor's 5 MB low-utilisation line).
        def(r, 'AWS/EC2', 'NetworkIn', dims, { base: idle ? 1.5e3 : 1.3e7, unit: 'Bytes', stat: 'Sum', noise: idle ? 100 : 5e5, effect: running }),
        def(r, 'AWS/EC2', 'NetworkOut', dims, { base: idle ? 1.2e3 : 1.6e7, unit: 'Bytes', stat: 'Sum', noise: idle ? 100 : 6e5, effect: running }),
        def(r, 'AWS/EC2', 'StatusCheckFailed', dims, {
          base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', stat: 'Maximum', integer: true,
          effect: (_v, st) => ((st.InstanceStatus as { Status?: string } | undefined)?.Status === 'impaired' ? 1 : 0),
        }),
      ];
    }
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const dims = { LoadBalancer: r.id };
      return [
        def(r, 'AWS/ApplicationELB', 'RequestCount', dims, { base: 6000, unit: 'Count', stat: 'Sum', noise: 150, integer: true, trendPerDay: 0.002 }),
        def(r, 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', dims, { base: 1.2, daily: 0.3, noise: 0.8, unit: 'Count', stat: 'Sum', integer: true }),
        // Per-class counts add up to RequestCount: 3XX and 4XX are shares of it (the demand is the
        // percentage, so a metric fault on them moves the share), 2XX is the rest.
        def(r, 'AWS/ApplicationELB', 'HTTPCode_Target_3XX_Count', dims, { ...classShare(4), derive: (pct, sibling) => (sibling('RequestCount') * pct) / 100 }),
        def(r, 'AWS/ApplicationELB', 'HTTPCode_Target_4XX_Count', dims, { ...classShare(2.5), derive: (pct, sibling) => (sibling('RequestCount') * pct) / 100 }),
        def(r, 'AWS/ApplicationELB', 'HTTPCode_Target_2XX_Count', dims, {
          base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', stat: 'Sum', integer: true,
          derive: (v, sibling) => v + Math.max(0, sibling('RequestCount') - orZero(sibling('HTTPCode_Target_3XX_Count')) - orZero(sibling('HTTPCode_Target_4XX_Count')) - orZero(sibling('HTTPCode_Target_5XX_Count'))),
        }),
        def(r, 'AWS/ApplicationELB', 'TargetResponseTime', dims, { base: 0.12, noise: 0.01, unit: 'Seconds', stat: 'p99' }),
      ];
    }
    case 'AWS::ECS::Service': {
      const cluster = String(s.clusterArn ?? '').split('/').pop() ?? '';
      const dims = { ClusterName: cluster, ServiceName: String(s.serviceName ?? r.name) };
      return [
        def(r, 'ECS/ContainerInsights', 'RunningTaskCount', dims, { base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', stat: 'Minimum', integer: true, effect: (_v, st) => num(st.runningCount) }),
        def(r, 'ECS/ContainerInsights', 'DesiredTaskCount', dims, { base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', integer: true, effect: (_v, st) => num(st.desiredCount) }),
        def(r, 'AWS/ECS', 'CPUUtilization', dims, { base: 44, noise: 3, unit: 'Percent', max: 100, effect: (v, st, init) => (num(st.runningCount) > 0 ? (v * num(init.runningCount, 1)) / num(st.runningCount, 1) : 0) }),
      ];
    }
    case 'AWS::Lambda::Function': {
      const dims = { FunctionName: r.name };
      const busy = r.name === 'orders-processor';
      const inv = busy ? 1200 : 40;
      const errorShare = 0.002;
      return [
        def(r, 'AWS/Lambda', 'Invocations', dims, { base: inv, unit: 'Count', stat: 'Sum', noise: inv * 0.03, integer: true }),
        def(r, 'AWS/Lambda', 'Errors', dims, { base: inv, unit: 'Count', stat: 'Sum', noise: inv * 0.03, integer: true, effect: (v) => v * errorShare }),
        def(r, 'AWS/Lambda', 'ErrorRate', dims, { base: 100 * errorShare, daily: 0, weekly: 0, noise: 0, unit: 'Percent' }),
        // Throttles injected by a fault assume the initial reserved concurrency; raising it absorbs them.
        def(r, 'AWS/Lambda', 'Throttles', dims, {
          base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', stat: 'Sum', integer: true,
          effect: (v, st, init) => absorbed(v, num(st.ReservedConcurrentExecutions), num(init.ReservedConcurrentExecutions), 0),
        }),
        def(r, 'AWS/Lambda', 'Duration', dims, { base: busy ? 420 : 1800, noise: 25, unit: 'Milliseconds', stat: 'p99' }),
      ];
    }
    case 'AWS::Lambda::Alias': {
      const fn = String(s.FunctionName ?? '');
      const dims = { FunctionName: fn, Resource: `${fn}:${String(s.Name ?? '')}` };
      // A faulty version (listed in BadVersions by a fault) errors; the alias's errors follow the version it points to.
      const bad = (st: State) => Array.isArray(st.BadVersions) && (st.BadVersions as unknown[]).includes(st.FunctionVersion);
      return [def(r, 'AWS/Lambda', 'Errors', dims, { base: 1, daily: 0, weekly: 0, noise: 0.5, unit: 'Count', stat: 'Sum', integer: true, effect: (v, st) => (bad(st) ? v : Math.min(v, 2)) })];
    }
    case 'AWS::SQS::Queue': {
      const dims = { QueueName: r.name };
      const dlq = r.name.endsWith('-dlq');
      // The queue's consumer: an event source mapping reading from it (its MaximumConcurrency drains the backlog).
      const consumer = fleet.find((x) => x.type === 'AWS::Lambda::EventSourceMapping' && x.state.EventSourceArn === r.arn);
      const concurrency = (st: State | undefined) => num((st?.ScalingConfig as State | undefined)?.MaximumConcurrency);
      return [
        def(r, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', dims, {
          base: dlq ? 0 : 120, noise: dlq ? 0 : 15, unit: 'Count', stat: 'Maximum', integer: true,
          effect: (v, st, init, world) => {
            if (dlq) return num(st.ApproximateNumberOfMessages);
            const depth = v + num(st.ApproximateNumberOfMessages) - num(init.ApproximateNumberOfMessages);
            return consumer ? absorbed(depth, concurrency(world(consumer.arn)), concurrency(consumer.state), 150) : depth;
          },
        }),
        def(r, 'AWS/SQS', 'ApproximateAgeOfOldestMessage', dims, { base: dlq ? 0 : 20, noise: dlq ? 0 : 4, unit: 'Seconds', stat: 'Maximum' }),
      ];
    }
    case 'AWS::DynamoDB::Table': {
      const dims = { TableName: r.name };
      return [
        def(r, 'AWS/DynamoDB', 'ConsumedReadCapacityUnits', dims, { base: 3200, unit: 'Count', stat: 'Sum', noise: 150 }),
        def(r, 'AWS/DynamoDB', 'ThrottledRequests', dims, { base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', stat: 'Sum', integer: true }),
        // Read throttles injected by a fault assume the initial read capacity; raising it absorbs them.
        def(r, 'AWS/DynamoDB', 'ReadThrottleEvents', dims, {
          base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', stat: 'Sum', integer: true,
          effect: (v, st, init) => absorbed(v, rcu(st), rcu(init), 0),
        }),
      ];
    }
    case 'AWS::RDS::DBInstance': {
      const dims = { DBInstanceIdentifier: r.name };
      return [
        def(r, 'AWS/RDS', 'CPUUtilization', dims, { base: 31, noise: 2, unit: 'Percent', max: 100 }),
        def(r, 'AWS/RDS', 'DatabaseConnections', dims, { base: 85, noise: 5, unit: 'Count', integer: true }),
      ];
    }
    case 'AWS::CloudFront::Distribution': {
      // Cached error pages keep the error rate up until an invalidation drops them.
      const invalidations = (st: State) => (Array.isArray(st.Invalidations) ? st.Invalidations.length : 0);
      return [
        def(r, 'AWS/CloudFront', '5xxErrorRate', { DistributionId: r.id, Region: 'Global' }, {
          base: 0.05, noise: 0.02, unit: 'Percent', max: 100,
          effect: (v, st, init) => absorbed(v, invalidations(st), invalidations(init), 0.1),
        }),
      ];
    }
    case 'AWS::EC2::Volume': {
      // The CloudWatch agent reports disk usage of attached volumes only.
      if (s.State !== 'in-use') return [];
      return [def(r, 'CWAgent', 'disk_used_percent', { VolumeId: r.id, path: '/', fstype: 'xfs' }, { base: num(s.UsedPercent, 40), daily: 0, weekly: 0, trendPerDay: 0, noise: 0.3, unit: 'Percent', max: 100 })];
    }
    case 'AWS::Route53::HealthCheck':
      return [
        def(r, 'AWS/Route53', 'HealthCheckStatus', { HealthCheckId: r.id }, {
          base: 1, daily: 0, weekly: 0, noise: 0, unit: 'None', stat: 'Minimum', integer: true,
          effect: (_v, st) => (st.Status === 'Healthy' ? 1 : 0),
        }),
      ];
    case 'AWS::SNS::Topic': {
      const dims = { TopicName: r.name };
      // Failures come from a subscription's endpoint; a paused subscription (a filter policy that matches nothing) gets no deliveries.
      const subs = fleet.filter((x) => x.type === 'AWS::SNS::Subscription' && x.state.TopicArn === r.arn);
      const paused = (world: World) => subs.length > 0 && subs.every((x) => (world(x.arn).FilterPolicy ?? null) !== (x.state.FilterPolicy ?? null));
      return [
        def(r, 'AWS/SNS', 'NumberOfMessagesPublished', dims, { base: 60, noise: 3, unit: 'Count', stat: 'Sum', integer: true }),
        def(r, 'AWS/SNS', 'NumberOfNotificationsFailed', dims, { base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', stat: 'Sum', integer: true, effect: (v, _st, _init, world) => (paused(world) ? 0 : v) }),
      ];
    }
    default:
      return [];
  }
}
