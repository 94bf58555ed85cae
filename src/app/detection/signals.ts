import { SignalSchema, type Signal } from '../../core/events/signal.js';
import { stableHash } from '../../core/shared/hash.js';
import type { MetricInfo } from '../../ports/metrics.js';
import type { Collection, Doc } from '../../ports/store.js';
import { resourceTypeOf } from './config.js';

/** One metric's reading at a point, as the detector saw it. */
export interface MetricReading {
  metricKey: string;
  metric: string;
  value: number;
  expected: number;
  lower: number;
  upper: number;
  score: number;
}

export interface AnomalyDoc {
  id: string;
  metricKey: string;
  resourceArn: string;
  resourceType?: string;
  metric: string;
  detector: string;
  status: 'open' | 'resolved';
  /** ISO time of the first anomalous point (the collection's sort field). */
  time: string;
  endTime?: string;
  value: number;
  expected: number;
  lower: number;
  upper: number;
  score: number;
  peakScore: number;
  direction: 'above' | 'below';
  contributing: MetricReading[];
}

/** The resource a metric describes: its ARN when the Metrics port knows it, else one built from the dimensions. */
export function resourceArnOf(info: MetricInfo, region: string, account: string): string {
  if (info.resourceArn) return info.resourceArn;
  const d = info.metric.dimensions;
  if (d.InstanceId) return `arn:aws:ec2:${region}:${account}:instance/${d.InstanceId}`;
  if (d.AutoScalingGroupName) return `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:*:autoScalingGroupName/${d.AutoScalingGroupName}`;
  if (d.DBInstanceIdentifier) return `arn:aws:rds:${region}:${account}:db:${d.DBInstanceIdentifier}`;
  if (d.FunctionName) return `arn:aws:lambda:${region}:${account}:function:${d.FunctionName}`;
  if (d.TableName) return `arn:aws:dynamodb:${region}:${account}:table/${d.TableName}`;
  if (d.QueueName) return `arn:aws:sqs:${region}:${account}:${d.QueueName}`;
  if (d.ClusterName && d.ServiceName) return `arn:aws:ecs:${region}:${account}:service/${d.ClusterName}/${d.ServiceName}`;
  if (d.LoadBalancer) return `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/${d.LoadBalancer}`;
  return `arn:aws:cloudwatch:${region}:${account}:metric/${info.metric.namespace}/${info.metric.metricName}`;
}

const fmt = (x: number): string => (Math.abs(x) >= 1000 || Math.abs(x) < 0.01 ? x.toPrecision(4) : x.toFixed(2));

/** The Signal for an anomaly that starts (`firing`) or ends (`resolved`). */
export function anomalySignal(a: AnomalyDoc, state: 'firing' | 'resolved', info: MetricInfo, at: string, region: string, account: string): Signal {
  const band = `[${fmt(a.lower)}, ${fmt(a.upper)}]`;
  const others = a.contributing.filter((c) => c.metricKey !== a.metricKey);
  return SignalSchema.parse({
    id: stableHash(`anomaly|${a.id}|${state}`),
    sourceId: `${a.id}:${state}`,
    source: 'anomaly',
    kind: 'anomaly',
    resourceArn: a.resourceArn,
    resourceType: a.resourceType ?? resourceTypeOf(info),
    metric: a.metric,
    rule: `anomaly:${a.detector}`,
    state,
    level: a.peakScore >= 0.9 ? 'high' : 'warning',
    value: a.value,
    threshold: a.direction === 'above' ? a.upper : a.lower,
    title:
      state === 'firing'
        ? `Anomaly: ${info.metric.metricName} ${a.direction} expected band ${band} (value ${fmt(a.value)})`
        : `Anomaly resolved: ${info.metric.metricName} back inside expected band ${band}`,
    description: others.length > 0 ? `Also unusual on the same resource: ${others.map((c) => c.metric).join(', ')}` : undefined,
    labels: {
      detector: a.detector,
      metricKey: a.metricKey,
      anomalyId: a.id,
      score: a.score.toFixed(3),
      expected: String(a.expected),
      lower: String(a.lower),
      upper: String(a.upper),
      direction: a.direction,
      contributing: a.contributing.map((c) => c.metric).join(','),
      ...Object.fromEntries(Object.entries(info.metric.dimensions).map(([k, v]) => [`dim_${k}`, v])),
    },
    time: at,
    region,
    account,
    raw: { anomaly: a },
  });
}

export interface AnomalyQuery {
  metricKey?: string;
  resourceArn?: string;
  status?: string;
  limit?: number;
}

/** Stored anomalies, newest first, filtered by metric, resource and status (local and on AWS). */
export async function queryAnomalies(anomalies: Collection<AnomalyDoc & Doc>, q: AnomalyQuery = {}): Promise<(AnomalyDoc & Doc)[]> {
  const where: Record<string, string> = {};
  if (q.metricKey) where.metricKey = q.metricKey;
  if (q.resourceArn) where.resourceArn = q.resourceArn;
  const limit = q.limit ?? 100;
  // Status is not an index: read a wider page and filter.
  const items = await anomalies.find({ where, order: 'desc', limit: q.status ? limit * 5 : limit });
  return (q.status ? items.filter((a) => a.status === q.status) : items).slice(0, limit);
}
