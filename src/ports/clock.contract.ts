import { describe, expect, it } from 'vitest';
import type { Clock } from './clock.js';

/** Every Clock: time never goes backwards, and sleep(ms) resolves once the clock has moved ms. */
export function describeClockContract(name: string, make: () => { clock: Clock; advance: (ms: number) => Promise<void> }): void {
  describe(`Clock contract: ${name}`, () => {
    it('never goes backwards', async () => {
      const { clock, advance } = make();
      let last = clock.now();
      for (let i = 0; i < 5; i++) {
        await advance(10);
        const t = clock.now();
        expect(t).toBeGreaterThanOrEqual(last);
        last = t;
      }
    });

    it('resolves sleep only after the clock moved by at least the duration', async () => {
      const { clock, advance } = make();
      const start = clock.now();
      let woke = 0;
      const p = clock.sleep(1000).then(() => (woke = clock.now()));
      await advance(1000);
      await p;
      expect(woke - start).toBeGreaterThanOrEqual(1000);
    });

    it('resolves a zero or negative sleep at once', async () => {
      const { clock } = make();
      await expect(clock.sleep(0)).resolves.toBeUndefined();
      await expect(clock.sleep(-5)).resolves.toBeUndefined();
    });
  });
}
