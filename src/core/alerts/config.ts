import { z } from 'zod';
import { DurationSchema } from './duration.js';
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
