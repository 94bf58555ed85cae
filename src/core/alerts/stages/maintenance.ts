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

interface WindowMemo {
  cron: Cron;
  /** The last interval found open [from, to) and the last one found closed [from, to). */
  open?: [number, number];
  closed?: [number, number];
}
const memos = new WeakMap<object, WindowMemo>();

/**
 * Open iff the window's first opening after (at − duration) is at or before `at`. Each answer
 * covers an interval (open: [opening, opening + duration); closed: [at, next opening)), so the
 * alert storm's many checks at nearby times cost one cron computation per interval.
 */
export function windowOpen(w: Pick<MaintenanceWindow, 'cron' | 'duration' | 'timezone'>, at: string): boolean {
  const t = Date.parse(at);
  let memo = memos.get(w);
  if (!memo) memos.set(w, (memo = { cron: new Cron(w.cron, { timezone: w.timezone, paused: true }) }));
  if (memo.open && t >= memo.open[0] && t < memo.open[1]) return true;
  if (memo.closed && t >= memo.closed[0] && t < memo.closed[1]) return false;
  const next = memo.cron.nextRun(new Date(t - w.duration));
  if (next && next.getTime() <= t) {
    memo.open = [next.getTime(), next.getTime() + w.duration];
    return true;
  }
  // No opening in (t − duration, next): closed for every time in [t, next).
  memo.closed = [t, next ? next.getTime() : Number.POSITIVE_INFINITY];
  return false;
}

/** The maintenance window muting this alert at `at`, if any (critical may be let through). */
export function findMaintenanceWindow(alert: Alert, windows: readonly MaintenanceWindow[], at: string): MaintenanceWindow | undefined {
  const labels = alertLabelSet(alert);
  return windows.find((w) => {
    if (w.allowSeverity && severityRank(alert.severity) <= severityRank(w.allowSeverity)) return false;
    return matchAll(w.matchers, labels) && windowOpen(w, at);
  });
}
