import { z } from 'zod';

/** A resource by name, id or ARN (resolved against the sandbox fleet). */
const resource = z.string().min(1, 'name a sandbox resource (name, id or ARN)');
const startInMinutes = z.number().min(0).default(0);

export const METRIC_PATTERNS = ['step', 'ramp', 'spike', 'flatline', 'dropout', 'noise', 'scale'] as const;

/** Change a metric's shape for a while: +magnitude (step/ramp/spike), a constant (flatline), ×magnitude (scale)… */
export const MetricFaultSchema = z.object({
  type: z.literal('metric'),
  resource,
  metric: z.string().min(1, 'a CloudWatch metric name, e.g. CPUUtilization'),
  pattern: z.enum(METRIC_PATTERNS),
  magnitude: z.number(),
  startInMinutes,
  durationMinutes: z.number().positive(),
});

/** Change a resource's state (deep-merged), e.g. `{ RunningCount: 0 }` or a public access block turned off. */
export const StateFaultSchema = z.object({
  type: z.literal('state'),
  resource,
  set: z.record(z.string(), z.unknown()).refine((o) => Object.keys(o).length > 0, 'set at least one state field'),
  startInMinutes,
  revertAfterMinutes: z.number().positive().optional(),
  /** Who the CloudTrail-like change event names (default: the sandbox's fault injector). */
  principal: z.string().optional(),
  eventName: z.string().optional(),
});

export const EVENT_KINDS = ['cloudwatch-alarm', 'cloudtrail', 'guardduty', 'securityhub', 'health', 'config'] as const;

/** Emit a raw AWS event in its documented shape (the normalizers see exactly what AWS would send). */
export const EventFaultSchema = z.object({
  type: z.literal('event'),
  event: z.enum(EVENT_KINDS),
  resource,
  startInMinutes,
  details: z.record(z.string(), z.unknown()).default({}),
});

/** Write application log lines at a rate (templates may use {n} and {id} placeholders). */
export const LogFaultSchema = z.object({
  type: z.literal('logs'),
  resource,
  template: z.string().min(1),
  level: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']).default('ERROR'),
  ratePerMinute: z.number().positive().max(10_000),
  startInMinutes,
  durationMinutes: z.number().positive(),
});

export const FaultSpecSchema = z.discriminatedUnion('type', [MetricFaultSchema, StateFaultSchema, EventFaultSchema, LogFaultSchema]);
export type FaultSpec = z.infer<typeof FaultSpecSchema>;
export type FaultSpecInput = z.input<typeof FaultSpecSchema>;
export type MetricFault = z.infer<typeof MetricFaultSchema>;
export type StateFault = z.infer<typeof StateFaultSchema>;
export type EventFault = z.infer<typeof EventFaultSchema>;
export type LogFault = z.infer<typeof LogFaultSchema>;

/** A scenario file (`aiops sandbox run <file>`): a named composition of fault primitives. */
export const ScenarioFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id'),
  title: z.string().min(1),
  description: z.string().default(''),
  faults: z.array(FaultSpecSchema).min(1, 'a scenario needs at least one fault'),
});
export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;
