import { z } from 'zod';
import { DURATION_PATTERN } from './duration.js';

/**
 * The OpenSLO v1 documents we read (Service, SLI, SLO, AlertPolicy, AlertCondition), as zod
 * schemas over the raw YAML. Normalisation into one resolved SloDefinition happens in resolve.ts.
 * Unknown fields are kept out (strict objects) so a misspelt key is an error, not a silent default.
 */

const name = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a lowercase DNS label (a-z, 0-9, -)');
const duration = z.string().regex(DURATION_PATTERN, 'must be a duration like 5m, 1h, 28d');

export const MetadataSchema = z.strictObject({
  name,
  displayName: z.string().optional(),
  labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const CW_STATS = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p90', 'p95', 'p99'] as const;

/** `[{ name: LoadBalancer, value: app/checkout/123 }]`, as CloudWatch writes dimensions. */
const DimensionsSchema = z.array(z.strictObject({ name: z.string().min(1), value: z.string().min(1) }));

const MetricStatSchema = z.strictObject({
  metric: z.strictObject({ namespace: z.string().min(1), metricName: z.string().min(1), dimensions: DimensionsSchema.default([]) }),
  period: z.number().int().positive().default(60),
  stat: z.enum(CW_STATS),
});

/** One entry of a CloudWatch MetricDataQueries list: a metric stat or an expression over other ids. */
const MetricDataQuerySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, 'must start with a lowercase letter (CloudWatch query id)'),
    metricStat: MetricStatSchema.optional(),
    expression: z.string().min(1).optional(),
    returnData: z.boolean().optional(),
    label: z.string().optional(),
  })
  .refine((q) => (q.metricStat ? 1 : 0) + (q.expression ? 1 : 0) === 1, 'needs exactly one of metricStat or expression');

/**
 * OpenSLO's CloudWatch metric source: either one metric (namespace/metricName/dimensions/stat) or a
 * MetricDataQueries list whose one returned expression adds/subtracts other queries.
 */
export const CloudWatchSourceSpecSchema = z
  .strictObject({
    region: z.string().optional(),
    accountId: z.string().optional(),
    namespace: z.string().min(1).optional(),
    metricName: z.string().min(1).optional(),
    stat: z.enum(CW_STATS).optional(),
    dimensions: DimensionsSchema.optional(),
    metrics: z.array(MetricDataQuerySchema).min(1).optional(),
  })
  .refine((s) => (s.metrics ? !s.namespace && !s.metricName : !!(s.namespace && s.metricName && s.stat)), 'needs either metrics (MetricDataQueries) or namespace, metricName and stat');

export const MetricSourceSchema = z.strictObject({
  metricSource: z.strictObject({
    type: z.literal('CloudWatch'),
    metricSourceRef: z.string().optional(),
    spec: CloudWatchSourceSpecSchema,
  }),
});

/**
 * Latency from percentiles: the share of requests under `thresholdMs` is interpolated from the
 * percentile statistics (p50…p99) and weighted by the request count. An extension to OpenSLO for
 * CloudWatch, whose standard statistics are percentiles rather than histogram buckets.
 */
const LatencyShareSchema = z.strictObject({
  thresholdMs: z.number().positive(),
  /** Multiply the metric's values by this to get milliseconds (ALB TargetResponseTime is in seconds: 1000). */
  valueToMs: z.number().positive().default(1),
  percentiles: z.array(z.enum(['p50', 'p90', 'p95', 'p99'])).min(1).default(['p50', 'p90', 'p95', 'p99']),
  count: MetricSourceSchema,
});

export const SliSpecSchema = z
  .strictObject({
    description: z.string().optional(),
    ratioMetric: z
      .strictObject({
        counter: z.boolean().default(true),
        good: MetricSourceSchema.optional(),
        bad: MetricSourceSchema.optional(),
        total: MetricSourceSchema,
      })
      .refine((r) => (r.good ? 1 : 0) + (r.bad ? 1 : 0) === 1, 'needs exactly one of good or bad')
      .optional(),
    thresholdMetric: MetricSourceSchema.extend({ latencyShare: LatencyShareSchema.optional() }).optional(),
  })
  .refine((s) => (s.ratioMetric ? 1 : 0) + (s.thresholdMetric ? 1 : 0) === 1, 'needs exactly one of ratioMetric or thresholdMetric');

const TimeWindowSchema = z
  .strictObject({
    duration: z.string().regex(/^(\d+[smhdw]|1M|1Q|1Y)$/, 'must be a duration like 7d, 28d, 30d (rolling) or 1M (calendar month)'),
    isRolling: z.boolean(),
    calendar: z.strictObject({ startTime: z.string(), timeZone: z.string() }).optional(),
  })
  .refine((w) => w.isRolling || w.duration === '1M', 'calendar windows support duration 1M (calendar month)')
  .refine((w) => !w.isRolling || DURATION_PATTERN.test(w.duration), 'rolling windows need a fixed duration (7d, 28d, 30d)');

const OPS = ['lt', 'lte', 'gt', 'gte'] as const;

const ObjectiveSchema = z.strictObject({
  displayName: z.string().optional(),
  op: z.enum(OPS).optional(),
  value: z.number().optional(),
  target: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1 (e.g. 0.999)').optional(),
  targetPercent: z.number().gt(0).lt(100).optional(),
  timeSliceTarget: z.number().gt(0).lte(1).optional(),
  timeSliceWindow: duration.optional(),
  indicatorRef: z.string().optional(),
});

const AlertConditionSpecSchema = z.strictObject({
  description: z.string().optional(),
  severity: z.enum(['page', 'ticket']),
  condition: z.strictObject({
    kind: z.literal('burnrate'),
    op: z.enum(['gt', 'gte']).default('gte'),
    threshold: z.number().positive(),
    /** The long window of the multi-window pair. */
    lookbackWindow: duration,
    /** The short window: the alert fires only while the burn rate over both windows is above threshold. */
    alertAfter: duration,
  }),
});

export const AlertConditionDocSchema = z.strictObject({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('AlertCondition'),
  metadata: MetadataSchema,
  spec: AlertConditionSpecSchema,
});

const InlineConditionSchema = z.strictObject({ kind: z.literal('AlertCondition'), metadata: MetadataSchema, spec: AlertConditionSpecSchema });

export const AlertPolicySpecSchema = z.strictObject({
  description: z.string().optional(),
  alertWhenNoData: z.boolean().default(false),
  alertWhenResolved: z.boolean().default(true),
  alertWhenBreaching: z.boolean().default(true),
  conditions: z.array(z.union([InlineConditionSchema, z.strictObject({ conditionRef: z.string().min(1) })])).min(1),
  notificationTargets: z.array(z.strictObject({ targetRef: z.string().min(1) })).default([]),
});

export const SloSpecSchema = z
  .strictObject({
    description: z.string().optional(),
    service: z.string().min(1),
    indicatorRef: z.string().optional(),
    indicator: z.strictObject({ metadata: MetadataSchema, spec: SliSpecSchema }).optional(),
    timeWindow: z.array(TimeWindowSchema).length(1, 'exactly one time window'),
    budgetingMethod: z.enum(['Occurrences', 'Timeslices']),
    objectives: z.array(ObjectiveSchema).length(1, 'exactly one objective per SLO (split multi-objective SLOs into files)'),
    alertPolicies: z.array(z.union([z.string().min(1), z.strictObject({ kind: z.literal('AlertPolicy'), metadata: MetadataSchema, spec: AlertPolicySpecSchema })])).default([]),
  })
  .refine((s) => (s.indicatorRef ? 1 : 0) + (s.indicator ? 1 : 0) === 1, 'needs exactly one of indicatorRef or indicator');

const doc = <K extends string, S extends z.ZodType>(kind: K, spec: S) =>
  z.strictObject({ apiVersion: z.literal('openslo/v1'), kind: z.literal(kind), metadata: MetadataSchema, spec });

export const ServiceDocSchema = doc('Service', z.strictObject({ description: z.string().optional() }).default({}));
export const SliDocSchema = doc('SLI', SliSpecSchema);
export const SloDocSchema = doc('SLO', SloSpecSchema);
export const AlertPolicyDocSchema = doc('AlertPolicy', AlertPolicySpecSchema);

export const DOC_SCHEMAS = {
  Service: ServiceDocSchema,
  SLI: SliDocSchema,
  SLO: SloDocSchema,
  AlertPolicy: AlertPolicyDocSchema,
  AlertCondition: AlertConditionDocSchema,
} as const;
export type DocKind = keyof typeof DOC_SCHEMAS;

export type ServiceDoc = z.infer<typeof ServiceDocSchema>;
export type SliDoc = z.infer<typeof SliDocSchema>;
export type SloDoc = z.infer<typeof SloDocSchema>;
export type AlertPolicyDoc = z.infer<typeof AlertPolicyDocSchema>;
export type AlertConditionDoc = z.infer<typeof AlertConditionDocSchema>;
export type SliSpec = z.infer<typeof SliSpecSchema>;
export type MetricSource = z.infer<typeof MetricSourceSchema>;
export type CloudWatchSourceSpec = z.infer<typeof CloudWatchSourceSpecSchema>;
export type AlertConditionSpec = z.infer<typeof AlertConditionSpecSchema>;
