/** A CloudWatch metric identity: namespace, name and dimensions. */
export interface MetricId {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

export type Statistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount' | 'p50' | 'p90' | 'p95' | 'p99';

export interface MetricQuery {
  id: string;
  metric: MetricId;
  stat: Statistic;
  /** Seconds. */
  period: number;
}

export interface MetricSeries {
  id: string;
  metric: MetricId;
  unit?: string;
  /** Epoch ms, ascending. */
  timestamps: number[];
  values: number[];
}

export interface MetricInfo {
  metric: MetricId;
  unit: string;
  resourceArn?: string;
}

/** Reads metrics (CloudWatch GetMetricData on AWS; the sandbox's generator locally). */
export interface Metrics {
  getMetricData(queries: MetricQuery[], startMs: number, endMs: number): Promise<MetricSeries[]>;
  listMetrics(filter?: { namespace?: string; resourceArn?: string }): Promise<MetricInfo[]>;
}

/** `AWS/EC2 CPUUtilization AutoScalingGroupName=web-asg` — a stable key for a metric. */
export function metricKey(m: MetricId): string {
  const dims = Object.keys(m.dimensions)
    .sort()
    .map((k) => `${k}=${m.dimensions[k]}`)
    .join(',');
  return `${m.namespace} ${m.metricName}${dims ? ` ${dims}` : ''}`;
}
