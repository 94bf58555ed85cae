import { z } from 'zod';
import type { Alert } from '../alert.js';
import { DurationSchema } from '../duration.js';

export const FlapConfigSchema = z.object({
  /** Transitions (firing↔resolved) within the window that make an alert flapping. */
  threshold: z.number().int().min(2).default(4),
  window: DurationSchema.default(30 * 60_000),
});
export type FlapConfig = z.infer<typeof FlapConfigSchema>;

/**
 * An alert toggling more than the threshold within the window is one flapping alert: it keeps its
 * incident open and does not re-notify on every toggle.
 */
export function isFlapping(alert: Pick<Alert, 'stateChanges'>, cfg: FlapConfig, at: string): boolean {
  const since = Date.parse(at) - cfg.window;
  const recent = (alert.stateChanges ?? []).filter((t) => Date.parse(t) >= since);
  return recent.length >= cfg.threshold;
}
