import type { z } from 'zod';
import { AlertingConfigSchema } from '../../core/alerts/config.js';

export { AlertingConfigSchema };
/** What callers pass (every field optional, durations as `30s`/`5m` or ms). */
export type AlertingConfig = z.input<typeof AlertingConfigSchema>;
/** The validated config with every default filled in. */
export type ResolvedAlertingConfig = z.output<typeof AlertingConfigSchema>;

export function resolveAlertingConfig(config: AlertingConfig | undefined): ResolvedAlertingConfig {
  return AlertingConfigSchema.parse(config ?? {});
}
