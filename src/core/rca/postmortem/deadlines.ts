/** Post-mortems are due 48 h after resolution (product default, configurable). */
export const POSTMORTEM_DUE_HOURS = 48;

/** Reminder offsets relative to the due time: a day before, four hours before, at the deadline. */
export const REMINDER_OFFSETS_MS: readonly number[] = [-24 * 3_600_000, -4 * 3_600_000, 0];
/** Once overdue, remind every this often. */
export const OVERDUE_REMINDER_EVERY_MS = 24 * 3_600_000;

export function postmortemDueAt(resolvedAtIso: string, hours = POSTMORTEM_DUE_HOURS): string {
  return new Date(Date.parse(resolvedAtIso) + hours * 3_600_000).toISOString();
}

export type DeadlineState = 'on-track' | 'due-soon' | 'overdue' | 'done';

export interface DeadlineStatus {
  state: DeadlineState;
  /** Negative when overdue. */
  remainingMs: number;
  /** The latest passed reminder time if it was not sent yet (ISO); record it in `remindersSent` once sent. */
  remindersDue: string[];
  nextReminderAt?: string;
}

/**
 * Where a post-mortem stands against its deadline and which reminders are due. Reminders are
 * keyed by their scheduled time, so recording the sent ones makes reminding idempotent.
 */
export function deadlineStatus(pm: { dueAt: string; status: string; remindersSent?: readonly string[] }, nowMs: number, dueSoonMs = 24 * 3_600_000): DeadlineStatus {
  const due = Date.parse(pm.dueAt);
  const remainingMs = due - nowMs;
  if (pm.status === 'published') return { state: 'done', remainingMs, remindersDue: [] };
  const sent = new Set(pm.remindersSent ?? []);
  const schedule = REMINDER_OFFSETS_MS.map((o) => due + o);
  // Overdue reminders: one per day after the deadline, up to now (and the next one).
  for (let t = due + OVERDUE_REMINDER_EVERY_MS; t <= nowMs + OVERDUE_REMINDER_EVERY_MS; t += OVERDUE_REMINDER_EVERY_MS) schedule.push(t);
  const iso = schedule.map((t) => new Date(t).toISOString());
  // Only the latest passed reminder matters (it supersedes older missed ones): nobody wants three at once.
  let lastPassed: string | undefined;
  schedule.forEach((t, i) => {
    if (t <= nowMs) lastPassed = iso[i];
  });
  const latest = lastPassed !== undefined && !sent.has(lastPassed) ? [lastPassed] : [];
  const next = schedule.find((t) => t > nowMs);
  const state: DeadlineState = remainingMs < 0 ? 'overdue' : remainingMs <= dueSoonMs ? 'due-soon' : 'on-track';
  return { state, remainingMs, remindersDue: latest, ...(next !== undefined ? { nextReminderAt: new Date(next).toISOString() } : {}) };
}
