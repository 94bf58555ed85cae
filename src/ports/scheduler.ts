/**
 * Cron-style jobs on the platform's clock (virtual time locally, so a 5-minute job runs every
 * 5 virtual minutes; EventBridge Scheduler on AWS).
 */
export interface ScheduledJob {
  name: string;
  /** Standard 5-field cron (or 6 with seconds), evaluated in `timezone` (default UTC). */
  cron: string;
  timezone?: string;
  run: (scheduledFor: Date) => Promise<void> | void;
}

export interface ScheduleInfo {
  name: string;
  cron: string;
  timezone: string;
  nextRun?: string;
  lastRun?: string;
  lastError?: string;
}

export interface Scheduler {
  add(job: ScheduledJob): void;
  remove(name: string): void;
  list(): ScheduleInfo[];
  /** Runs every job whose time has come at the clock's current time (driven by the clock's ticks). */
  runDue(): Promise<number>;
}
