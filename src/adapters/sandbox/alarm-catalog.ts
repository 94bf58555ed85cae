import type { ResourceRecord } from '../../ports/cloud.js';
import type { MetricId, Statistic } from '../../ports/metrics.js';

export type AlarmLevel = 'warning' | 'critical';
export type Comparison = 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

/** A CloudWatch metric alarm as the sandbox evaluates it (M of N datapoints, like CloudWatch). */
export interface AlarmDef {
  name: string;
  description: string;
  metric: MetricId;
  stat: Statistic;
  /** Seconds. */
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparison: Comparison;
  level: AlarmLevel;
  service: string;
  environment: string;
  resourceArn: string;
}

interface Threshold {
  slug: string;
  metricName: string;
  stat: Statistic;
  warning?: number;
  critical: number;
  comparison?: Comparison;
  /** period × evaluation periods per level; the critical CPU alarm is the 10-minute catalogue trigger. */
  eval?: Partial<Record<AlarmLevel, { period: number; periods: number }>>;
  /** One alarm per resource (instances, health checks): the name carries the resource name instead of the service. */
  perResource?: boolean;
}

/** Critical-only row evaluated over `minutes` one-minute periods (the catalogue trigger windows). */
const critical = (slug: string, metricName: string, stat: Statistic, threshold: number, comparison: Comparison, minutes: number, perResource = false): Threshold => ({
  slug, metricName, stat, critical: threshold, comparison, eval: { critical: { period: 60, periods: minutes } }, ...(perResource ? { perResource } : {}),
});

/**
 * The product's alarm threshold table (warning / critical per metric), applied to every sandbox
 * resource of the matching type. Alarm names follow `<environment>-<service>-<metric>-<severity>`.
 */
export function thresholdsFor(r: ResourceRecord): Threshold[] {
  switch (r.type) {
    case 'AWS::AutoScaling::AutoScalingGroup':
      return [
        {
          slug: 'cpu-utilization', metricName: 'CPUUtilization', stat: 'Average', warning: 70, critical: 90,
          eval: { warning: { period: 60, periods: 15 }, critical: { period: 60, periods: 10 } },
        },
      ];
    case 'AWS::EC2::Instance':
      return [critical('status-check-failed', 'StatusCheckFailed', 'Maximum', 0, 'GreaterThanThreshold', 2, true)];
    case 'AWS::Lambda::Function': {
      const timeoutMs = Number(r.state.Timeout ?? 30) * 1000;
      return [
        { slug: 'error-rate', metricName: 'ErrorRate', stat: 'Average', warning: 1, critical: 5 },
        { slug: 'p99-duration', metricName: 'Duration', stat: 'p99', warning: 0.8 * timeoutMs, critical: 0.95 * timeoutMs },
        critical('throttles', 'Throttles', 'Sum', 100, 'GreaterThanThreshold', 1),
      ];
    }
    case 'AWS::Lambda::Alias':
      return [critical('alias-errors', 'Errors', 'Sum', 10, 'GreaterThanThreshold', 3)];
    case 'AWS::SQS::Queue':
      return r.name.endsWith('-dlq')
        ? [critical('dlq-depth', 'ApproximateNumberOfMessagesVisible', 'Maximum', 100, 'GreaterThanThreshold', 5)]
        : [
            { slug: 'oldest-message-age', metricName: 'ApproximateAgeOfOldestMessage', stat: 'Maximum', warning: 300, critical: 900 },
            critical('queue-depth', 'ApproximateNumberOfMessagesVisible', 'Maximum', 10_000, 'GreaterThanThreshold', 5),
          ];
    case 'AWS::DynamoDB::Table':
      return [
        { slug: 'throttled-requests', metricName: 'ThrottledRequests', stat: 'Sum', warning: 1, critical: 10 },
        critical('read-throttle-events', 'ReadThrottleEvents', 'Sum', 0, 'GreaterThanThreshold', 5),
      ];
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return [{ slug: '5xx-count', metricName: 'HTTPCode_Target_5XX_Count', stat: 'Sum', warning: 10, critical: 50, eval: { warning: { period: 60, periods: 2 }, critical: { period: 60, periods: 2 } } }];
    case 'AWS::ECS::Service':
      return [critical('running-tasks', 'RunningTaskCount', 'Minimum', 1, 'LessThanThreshold', 2)];
    case 'AWS::EC2::Volume':
      return [critical('disk-used-percent', 'disk_used_percent', 'Average', 85, 'GreaterThanThreshold', 5)];
    case 'AWS::Route53::HealthCheck':
      return [critical('health-check-status', 'HealthCheckStatus', 'Minimum', 1, 'LessThanThreshold', 3, true)];
    case 'AWS::SNS::Topic':
      return [critical('notifications-failed', 'NumberOfNotificationsFailed', 'Sum', 5, 'GreaterThanThreshold', 5)];
    default:
      return [];
  }
}

export function alarmsFor(r: ResourceRecord, metricIdFor: (metricName: string) => MetricId | undefined): AlarmDef[] {
  const env = r.tags['environment'] ?? 'staging';
  const service = r.tags['service'] ?? r.name;
  const out: AlarmDef[] = [];
  for (const t of thresholdsFor(r)) {
    const metric = metricIdFor(t.metricName);
    if (!metric) continue;
    for (const level of ['warning', 'critical'] as const) {
      const threshold = t[level];
      if (threshold === undefined) continue;
      const ev = t.eval?.[level] ?? { period: 60, periods: 3 };
      const comparison = t.comparison ?? 'GreaterThanOrEqualToThreshold';
      out.push({
        name: `${env}-${t.perResource ? r.name : service}-${t.slug}-${level}`,
        description: `${t.metricName} ${comparison} ${threshold} for ${(ev.period * ev.periods) / 60} min on ${r.name}`,
        metric,
        stat: t.stat,
        period: ev.period,
        evaluationPeriods: ev.periods,
        datapointsToAlarm: ev.periods,
        threshold,
        comparison,
        level,
        service,
        environment: env,
        resourceArn: r.arn,
      });
    }
  }
  return out;
}

export function breaches(value: number, a: Pick<AlarmDef, 'comparison' | 'threshold'>): boolean {
  switch (a.comparison) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= a.threshold;
    case 'GreaterThanThreshold':
      return value > a.threshold;
    case 'LessThanThreshold':
      return value < a.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= a.threshold;
  }
}
