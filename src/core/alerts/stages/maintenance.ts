import { Cron } from 'croner';
import { z } from 'zod';
import { severityRank } from '../../shared/severity.js';
import type { Alert } from '../alert.js';
import { DurationSchema } from '../duration.js';
import { alertLabelSet, matchAll, MatcherSchema } from '../matchers.js';

export const MaintenanceWindowSchema = z
  .object({
    name: z.string().min(1),
    /** Standard 5-field cron for when the window opens. */
    cron: z.string().min(1),
    duration: DurationSchema,
    timezone: z.string().default('UTC'),
    matchers: z.array(MatcherSchema).default([]),
    /** Let alerts at or above this severity through (e.g. SEV-1). Unset: everything matching is muted. */
    allowSeverity: z.enum(['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4']).optional(),
  })
  .superRefine((w, ctx) => {
    try {
      new Cron(w.cron, { timezone: w.timezone, paused: true });
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['cron'], message: `invalid cron or time zone: ${(e as Error).message}` });
    }
  });
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;

const crons = new WeakMap<object, Cron>();

/** Open iff the window's first opening after (at − duration) is at or before `at`. */
export function windowOpen(w: Pick<MaintenanceWindow, 'cron' | 'duration' | 'timezone'>, at: string): boolean {
  const t = Date.parse(at);
  let cron = crons.get(w);
  if (!cron) crons.set(w, (cron = new Cron(w.cron, { timezone: w.timezone, paused: true })));
  const next = cron.nextRun(new Date(t - w.duration));
  return !!next && next.getTime() <= t;
}

/** The maintenance window muting this alert at `at`, if any (critical may be let through). */
export function findMaintenanceWindow(alert: Alert, windows: readonly MaintenanceWindow[], at: string): MaintenanceWindow | undefined {
  const labels = alertLabelSet(alert);
  return windows.find((w) => {
    if (w.allowSeverity && severityRank(alert.severity) <= severityRank(w.allowSeverity)) return false;
    return matchAll(w.matchers, labels) && windowOpen(w, at);
  });
}
