import { z } from 'zod';
import { DurationSchema } from './duration.js';
import { RouteSchema, TimeIntervalSchema } from './routing.js';
import { FlapConfigSchema } from './stages/flap.js';
import { InhibitRuleSchema } from './stages/inhibit.js';
import { MaintenanceWindowSchema } from './stages/maintenance.js';
import { DEFAULT_SEVERITY_RULES, DEFAULT_THRESHOLDS, SeverityRuleSchema, ThresholdRowSchema } from './stages/severity.js';

/**
 * The alerting pipeline's configuration (YAML on disk, validated here). Every field has the
 * product's default, so `{}` is a complete config.
 */
export const GroupingConfigSchema = z.object({
  /** Labels whose values put alerts in the same incident. */
  groupBy: z.array(z.string().min(1)).default(['service', 'environment']),
  /** Alerts on the same resource or service within this window join an open incident across sources. */
  correlationWindow: DurationSchema.default(15 * 60_000),
  groupWait: DurationSchema.default(30_000),
  groupInterval: DurationSchema.default(5 * 60_000),
  repeatInterval: DurationSchema.default(4 * 3_600_000),
});

export const CoreAlertingConfigSchema = z.object({
  /** Resolve an incident when all its alerts have resolved. Off by default: a human confirms. */
  autoResolve: z.boolean().default(false),
  defaultEnvironment: z.string().default('prod'),
  customerFacingServices: z.array(z.string()).default([]),
  runbookUrlTemplate: z.string().optional(),
  consoleUrl: z.string().default('http://localhost:3000'),
  severity: z
    .object({
      thresholds: z.array(ThresholdRowSchema).default(DEFAULT_THRESHOLDS),
      rules: z.array(SeverityRuleSchema).min(1).default(DEFAULT_SEVERITY_RULES),
    })
    .default({ thresholds: DEFAULT_THRESHOLDS, rules: DEFAULT_SEVERITY_RULES }),
  grouping: GroupingConfigSchema.default(GroupingConfigSchema.parse({})),
});

/** A receiver names a notifier instance; its settings (webhook URL, topic ARN…) are the adapter's. */
export const ReceiverSchema = z.looseObject({
  name: z.string().min(1),
  type: z.enum(['sns', 'slack', 'email', 'pagerduty', 'webhook', 'outbox']),
});

export const TransientPauseSchema = z.object({
  enabled: z.boolean().default(true),
  /** How long to hold the first notification of an alert class that usually clears by itself (2–15 min). */
  pause: DurationSchema.refine((ms) => ms >= 2 * 60_000 && ms <= 15 * 60_000, 'must be between 2m and 15m').default(5 * 60_000),
  /** Episodes of a class seen before the pause applies. */
  minEpisodes: z.number().int().min(1).default(3),
  /** Share of episodes that resolved within the pause for the class to count as transient. */
  selfResolveRatio: z.number().min(0).max(1).default(0.8),
});

export const RetrySchema = z.object({
  maxAttempts: z.number().int().min(1).default(5),
  baseDelay: DurationSchema.default(10_000),
  maxDelay: DurationSchema.default(10 * 60_000),
  /** Seed for the jitter, so retries are reproducible in tests and replays. */
  seed: z.number().int().default(42),
});

export const AlertingConfigSchema = CoreAlertingConfigSchema.extend({
  route: RouteSchema.default({ receiver: 'outbox', matchers: [], continue: false, activeTimeIntervals: [], muteTimeIntervals: [], routes: [] }),
  receivers: z.array(ReceiverSchema).default([{ name: 'outbox', type: 'outbox' }]),
  timeIntervals: z.array(TimeIntervalSchema).default([]),
  inhibitRules: z.array(InhibitRuleSchema).default([]),
  maintenanceWindows: z.array(MaintenanceWindowSchema).default([]),
  flap: FlapConfigSchema.default(FlapConfigSchema.parse({})),
  transientPause: TransientPauseSchema.default(TransientPauseSchema.parse({})),
  retry: RetrySchema.default(RetrySchema.parse({})),
});
export type AlertingConfigInput = z.input<typeof AlertingConfigSchema>;
export type AlertingConfigResolved = z.output<typeof AlertingConfigSchema>;
