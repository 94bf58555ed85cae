import { z } from 'zod';
import type { MetricInfo, Statistic } from '../../ports/metrics.js';
import { parseOrThrow } from '../../core/shared/zod.js';

const STATISTICS = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p90', 'p95', 'p99'] as const;

/** Which metrics to watch: a namespace, optionally narrowed to metric names and a resource type. */
export const MetricSelectorSchema = z.object({
  namespace: z.string().min(1),
  metricNames: z.array(z.string().min(1)).optional(),
  /** CloudFormation type of the resource behind the metric, e.g. `AWS::EC2::Instance`. */
  resourceType: z.string().optional(),
  stat: z.enum(STATISTICS).optional(),
});
export type MetricSelector = z.infer<typeof MetricSelectorSchema>;

/** Sensible defaults for the resource types the product manages (EC2/ASG, RDS, ECS, Lambda, ALB, SQS, DynamoDB, CloudFront). */
export const DEFAULT_MONITORED: MetricSelector[] = [
  { namespace: 'AWS/EC2', metricNames: ['CPUUtilization', 'NetworkIn', 'NetworkOut', 'DiskWriteBytes', 'DiskReadBytes', 'StatusCheckFailed'] },
  { namespace: 'CWAgent', metricNames: ['mem_used_percent', 'disk_used_percent'] },
  { namespace: 'AWS/RDS', metricNames: ['CPUUtilization', 'DatabaseConnections', 'FreeStorageSpace', 'ReadLatency', 'WriteLatency'] },
  { namespace: 'AWS/ECS', metricNames: ['CPUUtilization', 'MemoryUtilization'] },
  { namespace: 'AWS/Lambda', metricNames: ['Errors', 'Throttles', 'Duration', 'Invocations', 'ErrorRate'] },
  { namespace: 'AWS/ApplicationELB', metricNames: ['RequestCount', 'TargetResponseTime', 'HTTPCode_Target_5XX_Count'] },
  { namespace: 'AWS/SQS', metricNames: ['ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible'] },
  { namespace: 'AWS/DynamoDB', metricNames: ['ConsumedReadCapacityUnits', 'ThrottledRequests'] },
  { namespace: 'AWS/CloudFront', metricNames: ['5xxErrorRate'] },
];

export const DetectionConfigSchema = z.object({
  monitored: z.array(MetricSelectorSchema).default(DEFAULT_MONITORED),
  /** Seconds per datapoint (GetMetricData period). */
  periodSeconds: z.number().int().min(60).default(300),
  /** History read on first sight of a metric; it trains the detector and never alarms. */
  backfillDays: z.number().positive().default(14),
  /** Registry id of the detector, and its parameters (the benchmarked defaults unless set). */
  detector: z.string().default('ensemble'),
  params: z.record(z.string(), z.unknown()).default({}),
  /** A point whose score reaches this opens an anomaly. */
  threshold: z.number().gt(0).max(1).default(0.5),
  /** Open an anomaly only when the value is also outside the expected band, so every alarm can say where it should have been. */
  requireOutsideBand: z.boolean().default(true),
  /** An open anomaly resolves after this many consecutive points back inside the band… */
  resolveAfterPoints: z.number().int().min(1).default(3),
  /** …or, at the latest, after this many points. */
  maxAnomalyPoints: z.number().int().min(1).default(288),
  /** Recent points kept per metric for `explain` and the console chart. */
  explainPoints: z.number().int().min(1).max(5000).default(288),
  /** Metrics per GetMetricData call (CloudWatch allows 500). */
  batchSize: z.number().int().min(1).max(500).default(100),
  region: z.string().default('us-east-1'),
  account: z.string().default('000000000000'),
});
export type DetectionConfig = z.infer<typeof DetectionConfigSchema>;
export type DetectionConfigInput = z.input<typeof DetectionConfigSchema>;

export function parseDetectionConfig(input: unknown = {}): DetectionConfig {
  return parseOrThrow(DetectionConfigSchema, input ?? {}, 'config');
}

const RESOURCE_TYPES: Record<string, string> = {
  InstanceId: 'AWS::EC2::Instance',
  AutoScalingGroupName: 'AWS::AutoScaling::AutoScalingGroup',
  DBInstanceIdentifier: 'AWS::RDS::DBInstance',
  FunctionName: 'AWS::Lambda::Function',
  LoadBalancer: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  QueueName: 'AWS::SQS::Queue',
  TableName: 'AWS::DynamoDB::Table',
  DistributionId: 'AWS::CloudFront::Distribution',
  ServiceName: 'AWS::ECS::Service',
};

/** The resource type a metric belongs to, from its dimensions (ServiceName wins over ClusterName). */
export function resourceTypeOf(info: MetricInfo): string | undefined {
  for (const [dim, type] of Object.entries(RESOURCE_TYPES)) if (info.metric.dimensions[dim] !== undefined) return type;
  if (info.resourceArn) {
    const service = info.resourceArn.split(':')[2];
    if (service) return `AWS::${service.toUpperCase()}`;
  }
  return undefined;
}

export function selects(sel: MetricSelector, info: MetricInfo): boolean {
  if (info.metric.namespace !== sel.namespace) return false;
  if (sel.metricNames && !sel.metricNames.includes(info.metric.metricName)) return false;
  if (sel.resourceType && resourceTypeOf(info) !== sel.resourceType) return false;
  return true;
}

/** The statistic CloudWatch users read for a metric: sums for counts and bytes, p99 for latency, max for status checks. */
export function defaultStat(metricName: string): Statistic {
  if (/StatusCheck|AgeOfOldest/i.test(metricName)) return 'Maximum';
  if (/Latency|ResponseTime|Duration/i.test(metricName)) return 'p99';
  if (/Count$|Bytes$|^Network(In|Out)$|^Errors$|^Throttles$|^Invocations$|Requests$|Units$|HTTPCode/i.test(metricName)) return 'Sum';
  return 'Average';
}
