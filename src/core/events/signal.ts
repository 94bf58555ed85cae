import { z } from 'zod';
import { SEVERITIES } from '../shared/severity.js';

/**
 * A Signal is one normalized input: whatever arrived (a CloudWatch alarm change, a GuardDuty
 * finding, an anomaly from our detectors…) reduced to one shape the alert pipeline understands.
 */
export const SIGNAL_SOURCES = [
  'cloudwatch-alarm',
  'guardduty',
  'securityhub',
  'config',
  'health',
  'cloudtrail',
  'anomaly',
  'alertmanager',
  'webhook',
  'slo',
  'compliance',
  'cost',
  'sandbox',
] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

export const SIGNAL_KINDS = [
  'metric-alarm',
  'anomaly',
  'security-finding',
  'compliance',
  'health',
  'change',
  'slo-burn',
  'cost-anomaly',
  'generic',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** firing/resolved drive alert state; `info` (e.g. a CloudTrail change) never opens an alert. */
export const SIGNAL_STATES = ['firing', 'resolved', 'info'] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

/** Source-level urgency before the severity rules run: critical/warning from the threshold table, or a finding's label. */
export const SIGNAL_LEVELS = ['critical', 'high', 'warning', 'medium', 'low', 'info'] as const;
export type SignalLevel = (typeof SIGNAL_LEVELS)[number];

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp');

export const SignalSchema = z.object({
  /** Stable id; the same source event always yields the same id, so re-deliveries never double count. */
  id: z.string().min(1),
  /** The event's id in its source system (EventBridge id, finding id, alarm name + timestamp…). */
  sourceId: z.string().min(1),
  source: z.enum(SIGNAL_SOURCES),
  kind: z.enum(SIGNAL_KINDS),
  resourceArn: z.string().min(1),
  resourceType: z.string().optional(),
  /** `<namespace> <metricName>`, e.g. `AWS/EC2 CPUUtilization`. */
  metric: z.string().optional(),
  /** Alarm name, finding type, rule id… whatever identifies the detecting rule. */
  rule: z.string().optional(),
  state: z.enum(SIGNAL_STATES),
  level: z.enum(SIGNAL_LEVELS).optional(),
  /** A severity asserted by the source (e.g. an SLO page); the severity rules may still override. */
  severity: z.enum(SEVERITIES).optional(),
  value: z.number().optional(),
  threshold: z.number().optional(),
  title: z.string().min(1),
  description: z.string().optional(),
  labels: z.record(z.string(), z.string()).default({}),
  /** When the source says it happened (ISO 8601). */
  time: isoTime,
  account: z.string().optional(),
  region: z.string().optional(),
  raw: z.unknown().optional(),
});
export type Signal = z.infer<typeof SignalSchema>;
export type SignalInput = z.input<typeof SignalSchema>;
