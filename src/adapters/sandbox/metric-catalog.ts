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
  effect?: (demand: number, state: State, initial: State) => number;
}

const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

function def(r: ResourceRecord, namespace: string, metricName: string, dimensions: Record<string, string>, p: Partial<SandboxMetricDef> & { base: number; unit: string }): SandboxMetricDef {
  return { id: { namespace, metricName, dimensions }, resourceArn: r.arn, stat: 'Average', daily: 0.25, weekly: 0.1, trendPerDay: 0, noise: p.base * 0.03, min: 0, ...p };
}

/** The CloudWatch metrics each sandbox resource publishes, with names, dimensions and units as AWS uses them. */
export function metricsFor(r: ResourceRecord): SandboxMetricDef[] {
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
        def(r, 'AWS/EC2', 'NetworkIn', dims, { base: idle ? 2.5e4 : 1.3e7, unit: 'Bytes', stat: 'Sum', noise: idle ? 2e3 : 5e5, effect: running }),
        def(r, 'AWS/EC2', 'StatusCheckFailed', dims, {
          base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', stat: 'Maximum', integer: true,
          effect: (_v, st) => ((st.StatusChecks as { InstanceStatus?: string } | undefined)?.InstanceStatus === 'impaired' ? 1 : 0),
        }),
      ];
    }
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const dims = { LoadBalancer: r.id };
      return [
        def(r, 'AWS/ApplicationELB', 'RequestCount', dims, { base: 6000, unit: 'Count', stat: 'Sum', noise: 150, integer: true, trendPerDay: 0.002 }),
        def(r, 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', dims, { base: 1.2, daily: 0.3, noise: 0.8, unit: 'Count', stat: 'Sum', integer: true }),
        def(r, 'AWS/ApplicationELB', 'TargetResponseTime', dims, { base: 0.12, noise: 0.01, unit: 'Seconds', stat: 'p99' }),
      ];
    }
    case 'AWS::ECS::Service': {
      const cluster = String(s.ClusterArn ?? '').split('/').pop() ?? '';
      const dims = { ClusterName: cluster, ServiceName: r.name };
      return [
        def(r, 'ECS/ContainerInsights', 'RunningTaskCount', dims, { base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', integer: true, effect: (_v, st) => num(st.RunningCount) }),
        def(r, 'ECS/ContainerInsights', 'DesiredTaskCount', dims, { base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', integer: true, effect: (_v, st) => num(st.DesiredCount) }),
        def(r, 'AWS/ECS', 'CPUUtilization', dims, { base: 44, noise: 3, unit: 'Percent', max: 100, effect: (v, st, init) => (num(st.RunningCount) > 0 ? (v * num(init.RunningCount, 1)) / num(st.RunningCount, 1) : 0) }),
      ];
    }
    case 'AWS::Lambda::Function': {
      const dims = { FunctionName: r.name };
      const busy = r.name === 'orders-processor';
      const inv = busy ? 1200 : 40;
      const errorShare = (st: State) => num((st.Aliases as Record<string, { ErrorRate?: number }> | undefined)?.live?.ErrorRate, 0.002);
      return [
        def(r, 'AWS/Lambda', 'Invocations', dims, { base: inv, unit: 'Count', stat: 'Sum', noise: inv * 0.03, integer: true }),
        def(r, 'AWS/Lambda', 'Errors', dims, { base: inv, unit: 'Count', stat: 'Sum', noise: inv * 0.03, integer: true, effect: (v, st) => v * errorShare(st) }),
        def(r, 'AWS/Lambda', 'ErrorRate', dims, { base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Percent', effect: (_v, st) => 100 * errorShare(st) }),
        def(r, 'AWS/Lambda', 'Throttles', dims, { base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', stat: 'Sum', integer: true }),
        def(r, 'AWS/Lambda', 'Duration', dims, { base: busy ? 420 : 1800, noise: 25, unit: 'Milliseconds', stat: 'p99' }),
      ];
    }
    case 'AWS::SQS::Queue': {
      const dims = { QueueName: r.name };
      const dlq = r.name.endsWith('-dlq');
      return [
        def(r, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', dims, {
          base: dlq ? 0 : 120, noise: dlq ? 0 : 15, unit: 'Count', integer: true,
          effect: (v, st, init) => (dlq ? num(st.ApproximateNumberOfMessages) : v + num(st.ApproximateNumberOfMessages) - num(init.ApproximateNumberOfMessages)),
        }),
        def(r, 'AWS/SQS', 'ApproximateAgeOfOldestMessage', dims, { base: dlq ? 0 : 20, noise: dlq ? 0 : 4, unit: 'Seconds', stat: 'Maximum' }),
      ];
    }
    case 'AWS::DynamoDB::Table': {
      const dims = { TableName: r.name };
      return [
        def(r, 'AWS/DynamoDB', 'ConsumedReadCapacityUnits', dims, { base: 3200, unit: 'Count', stat: 'Sum', noise: 150 }),
        def(r, 'AWS/DynamoDB', 'ThrottledRequests', dims, { base: 0, daily: 0, weekly: 0, noise: 0, unit: 'Count', stat: 'Sum', integer: true }),
      ];
    }
    case 'AWS::RDS::DBInstance': {
      const dims = { DBInstanceIdentifier: r.name };
      return [
        def(r, 'AWS/RDS', 'CPUUtilization', dims, { base: 31, noise: 2, unit: 'Percent', max: 100 }),
        def(r, 'AWS/RDS', 'DatabaseConnections', dims, { base: 85, noise: 5, unit: 'Count', integer: true }),
      ];
    }
    case 'AWS::CloudFront::Distribution':
      return [def(r, 'AWS/CloudFront', '5xxErrorRate', { DistributionId: r.id, Region: 'Global' }, { base: 0.05, noise: 0.02, unit: 'Percent', max: 100 })];
    default:
      return [];
  }
}
