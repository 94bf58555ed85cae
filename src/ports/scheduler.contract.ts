import { describe, expect, it } from 'vitest';
import type { Scheduler } from './scheduler.js';

/** Every Scheduler: runs a job when its cron time comes on the platform clock, once per occurrence. */
export function describeSchedulerContract(name: string, make: () => { scheduler: Scheduler; advance: (ms: number) => Promise<void> }): void {
  describe(`Scheduler contract: ${name}`, () => {
    it('runs a 5-minute job once per 5 minutes of platform time', async () => {
      const { scheduler, advance } = make();
      const runs: Date[] = [];
      scheduler.add({ name: 'detect', cron: '*/5 * * * *', run: (at) => void runs.push(at) });
      for (let i = 0; i < 30; i++) {
        await advance(60_000);
        await scheduler.runDue();
      }
      expect(runs.length).toBe(6);
      for (const r of runs) expect(r.getUTCMinutes() % 5).toBe(0);
    });

    it('lists jobs with their next run, records errors without stopping, and removes jobs', async () => {
      const { scheduler, advance } = make();
      scheduler.add({ name: 'broken', cron: '* * * * *', run: () => { throw new Error('boom'); } });
      await advance(61_000);
      await scheduler.runDue();
      const info = scheduler.list().find((j) => j.name === 'broken')!;
      expect(info.lastError).toBe('boom');
      expect(info.nextRun).toBeDefined();
      scheduler.remove('broken');
      expect(scheduler.list().some((j) => j.name === 'broken')).toBe(false);
    });
  });
}
