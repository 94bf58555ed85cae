import type { z } from 'zod';
import { CoreAlertingConfigSchema } from '../../core/alerts/config.js';

export const AlertingConfigSchema = CoreAlertingConfigSchema;
/** What callers pass (every field optional, durations as `30s`/`5m` or ms). */
export type AlertingConfig = z.input<typeof AlertingConfigSchema>;
/** The validated config with every default filled in. */
export type ResolvedAlertingConfig = z.output<typeof AlertingConfigSchema>;

export function resolveAlertingConfig(config: AlertingConfig | undefined): ResolvedAlertingConfig {
  return AlertingConfigSchema.parse(config ?? {});
}
