import type { Clock } from '../../ports/clock.js';

interface Sleeper {
  at: number;
  resolve: () => void;
}

/** Wall-clock time. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, Math.max(0, ms)));
  }
}

/**
 * A clock whose `sleep` moves time itself: for tests and replays of one use case that runs alone
 * on it (nothing else waits on the clock, so a sleep can simply jump ahead).
 */
export class SteppingClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  sleep(ms: number): Promise<void> {
    this.current += Math.max(0, ms);
    return Promise.resolve();
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

/**
 * A clock that moves only when told to. Tests drive the whole platform with it: `advance` resolves
 * every sleeper whose time has come, in time order, yielding to the event loop between them so the
 * work each one triggers runs before time moves on.
 */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];
  private listeners = new Set<(now: number) => Promise<void> | void>();

  constructor(start: number | string = '2026-11-23T12:00:00.000Z') {
    this.current = typeof start === 'string' ? Date.parse(start) : start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.sleepers.push({ at: this.current + ms, resolve });
    });
  }

  /** Called after each step of `advance` (the platform hangs its tick here). */
  onTick(listener: (now: number) => Promise<void> | void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Moves time forward by `ms`, in steps of at most `stepMs`, settling work after each step. */
  async advance(ms: number, stepMs = 60_000): Promise<void> {
    const target = this.current + ms;
    while (this.current < target) {
      const nextSleeper = this.sleepers.reduce((m, s) => Math.min(m, s.at), Infinity);
      const next = Math.min(target, this.current + stepMs, nextSleeper);
      this.current = Math.max(this.current, next);
      await this.wake();
      for (const l of [...this.listeners]) await l(this.current);
      await this.wake();
    }
  }

  /** Lets pending promise chains run (several macrotask turns, since I/O callbacks may be involved). */
  async settle(turns = 5): Promise<void> {
    for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
  }

  private async wake(): Promise<void> {
    for (;;) {
      const due = this.sleepers.filter((s) => s.at <= this.current).sort((a, b) => a.at - b.at);
      if (due.length === 0) break;
      this.sleepers = this.sleepers.filter((s) => s.at > this.current);
      for (const s of due) s.resolve();
      await this.settle();
    }
    await this.settle();
  }
}

/**
 * Virtual time for the local platform: runs `speed` times faster than the wall clock from a start
 * instant, so a sandbox hour can pass in a minute. Sleeps are scaled real timers.
 */
export class VirtualClock implements Clock {
  private readonly realStart = Date.now();
  constructor(
    private readonly virtualStart: number,
    readonly speed: number,
  ) {
    if (!(speed > 0)) throw new RangeError(`sandbox speed must be > 0, got ${speed}`);
  }
  now(): number {
    return this.virtualStart + Math.floor((Date.now() - this.realStart) * this.speed);
  }
  sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, Math.max(0, ms / this.speed)));
  }
}
