import type { Clock } from '../../../ports/clock.js';

/** A clock that only moves when told to; `sleep` resolves once `advance` passes its deadline. */
export class ManualClock implements Clock {
  private t: number;
  private sleepers: { until: number; resolve: () => void }[] = [];
  constructor(start: number | string = '2026-11-23T14:00:00.000Z') {
    this.t = typeof start === 'string' ? Date.parse(start) : start;
  }
  now(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.sleepers.push({ until: this.t + ms, resolve }));
  }
  advance(ms: number): void {
    this.set(this.t + ms);
  }
  set(to: number | string): void {
    this.t = typeof to === 'string' ? Date.parse(to) : to;
    const due = this.sleepers.filter((s) => s.until <= this.t);
    this.sleepers = this.sleepers.filter((s) => s.until > this.t);
    for (const s of due) s.resolve();
  }
  iso(): string {
    return new Date(this.t).toISOString();
  }
}
