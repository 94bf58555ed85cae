import { Cron } from 'croner';
import type { Clock } from '../../ports/clock.js';
import type { ScheduledJob, ScheduleInfo, Scheduler } from '../../ports/scheduler.js';

interface Entry {
  job: ScheduledJob;
  cron: Cron;
  nextRun?: number;
  lastRun?: number;
  lastError?: string;
}

/**
 * Cron jobs on the platform's clock. croner computes the next occurrence from the *clock's* time,
 * so on the sandbox's virtual clock a 5-minute job runs every 5 virtual minutes, and tests on a
 * manual clock trigger jobs by advancing time. Missed runs (e.g. while stopped) are not replayed:
 * the job runs once at the next due check, like EventBridge Scheduler with no flexible window.
 */
export class ClockScheduler implements Scheduler {
  private readonly entries = new Map<string, Entry>();
  private running = false;

  constructor(private readonly clock: Clock) {}

  add(job: ScheduledJob): void {
    const cron = new Cron(job.cron, { timezone: job.timezone ?? 'UTC', paused: true });
    const entry: Entry = { job, cron };
    entry.nextRun = this.next(entry, this.clock.now());
    this.entries.set(job.name, entry);
  }

  remove(name: string): void {
    this.entries.get(name)?.cron.stop();
    this.entries.delete(name);
  }

  list(): ScheduleInfo[] {
    return [...this.entries.values()].map((e) => ({
      name: e.job.name,
      cron: e.job.cron,
      timezone: e.job.timezone ?? 'UTC',
      ...(e.nextRun !== undefined ? { nextRun: new Date(e.nextRun).toISOString() } : {}),
      ...(e.lastRun !== undefined ? { lastRun: new Date(e.lastRun).toISOString() } : {}),
      ...(e.lastError ? { lastError: e.lastError } : {}),
    }));
  }

  async runDue(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let ran = 0;
    try {
      const now = this.clock.now();
      for (const e of this.entries.values()) {
        if (e.nextRun === undefined || e.nextRun > now) continue;
        const scheduledFor = new Date(e.nextRun);
        e.lastRun = now;
        e.nextRun = this.next(e, now);
        try {
          await e.job.run(scheduledFor);
          delete e.lastError;
        } catch (error) {
          e.lastError = String((error as Error)?.message ?? error);
        }
        ran++;
      }
    } finally {
      this.running = false;
    }
    return ran;
  }

  private next(e: Entry, fromMs: number): number | undefined {
    return e.cron.nextRun(new Date(fromMs))?.getTime();
  }
}
