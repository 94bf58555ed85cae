import type { ResourceRecord } from '../../ports/cloud.js';
import type { MetricQuery, MetricSeries } from '../../ports/metrics.js';
import { metricsNeeded } from './evaluate.js';
import type { DailyMetrics, DailyMetricSpec } from './inputs.js';
import { DYNAMODB_TYPE, EBS_TYPE, EC2_TYPE, ELB_TYPE, LAMBDA_TYPE, NAT_TYPE, RDS_TYPE, utcDate } from './inputs.js';

/** CloudWatch dimensions that identify a resource's metrics, per namespace. */
export function metricDimensions(resource: ResourceRecord, spec: DailyMetricSpec): Record<string, string> | undefined {
  switch (resource.type) {
    case EC2_TYPE:
      return { InstanceId: resource.id };
    case EBS_TYPE:
      return { VolumeId: resource.id };
    case ELB_TYPE: {
      // `LoadBalancer` dimension = the ARN suffix after `loadbalancer/` (app/<name>/<id>).
      const suffix = resource.arn.split(':loadbalancer/')[1];
      return suffix ? { LoadBalancer: suffix } : undefined;
    }
    case RDS_TYPE:
      return { DBInstanceIdentifier: resource.id };
    case LAMBDA_TYPE:
      return spec.namespace === 'LambdaInsights' ? { function_name: resource.id } : { FunctionName: resource.id };
    case DYNAMODB_TYPE:
      return { TableName: resource.id };
    case NAT_TYPE:
      return { NatGatewayId: resource.id };
    default:
      return undefined;
  }
}

export interface DailyQueryPlan {
  queries: MetricQuery[];
  /** query id → which resource and metric it feeds, and the divisor turning it into the daily value. */
  targets: Map<string, { resourceArn: string; name: string; divisor: number }>;
}

/**
 * GetMetricData queries (one-day period) for every metric the rules need on these resources.
 * DynamoDB consumed capacity is fetched as the day's Maximum of 1-minute sums and divided by 60,
 * giving the peak per-second rate the rule compares with provisioned units.
 */
export function dailyMetricQueries(resources: readonly ResourceRecord[]): DailyQueryPlan {
  const queries: MetricQuery[] = [];
  const targets: DailyQueryPlan['targets'] = new Map();
  for (const r of resources) {
    for (const spec of metricsNeeded(r.type)) {
      const dimensions = metricDimensions(r, spec);
      if (!dimensions) continue;
      const id = `q${queries.length}`;
      queries.push({ id, metric: { namespace: spec.namespace, metricName: spec.name, dimensions }, stat: spec.stat, period: 86_400 });
      targets.set(id, { resourceArn: r.arn, name: spec.name, divisor: r.type === DYNAMODB_TYPE ? 60 : 1 });
    }
  }
  return { queries, targets };
}

/** Turns GetMetricData results into per-resource DailyMetrics (points keyed by UTC date, ascending). */
export function toDailyMetrics(plan: DailyQueryPlan, series: readonly MetricSeries[]): Map<string, DailyMetrics> {
  const out = new Map<string, DailyMetrics>();
  for (const s of series) {
    const t = plan.targets.get(s.id);
    if (!t) continue;
    let m = out.get(t.resourceArn);
    if (!m) out.set(t.resourceArn, (m = {}));
    const byDate = new Map<string, number>();
    s.timestamps.forEach((ts, i) => byDate.set(utcDate(ts), s.values[i]! / t.divisor));
    m[t.name] = [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value }));
  }
  return out;
}
