import type { Clock } from '../../../ports/clock.js';

/** A clock that only moves when told to; `sleep` moves it (nothing else runs on it in SLO tests). */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
  sleep(ms: number): Promise<void> {
    this.current += ms;
    return Promise.resolve();
  }
}
