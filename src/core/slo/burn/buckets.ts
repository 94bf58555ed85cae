import { cumulate, type CumulativeEvents, type EventSeries } from './math.js';

/**
 * Good and total events per evaluation step over a range that slides forward, kept between
 * evaluations: an SLO evaluated every minute over 30 days + its longest alert window (≈ 47 000
 * minutes) then reads and converts only the minutes that are new, drops those that left the
 * range, and sums the rest. Prefix sums are taken with `cumulate` over exactly the steps a fresh
 * read would produce, so the results are the same numbers, bit for bit.
 *
 * @example
 * const buckets = new EventBuckets(60_000, range.startMs);
 * buckets.write(sliEventSeries(slo, plan, series, from, range.endMs));
 * buckets.dropBefore(range.startMs);
 * const cum = buckets.cumulative(range.startMs, range.endMs);
 */
export class EventBuckets {
  private good: Float64Array;
  private total: Float64Array;
  /** Index in the arrays of the step that starts at `startMs`. */
  private offset = 0;
  private count = 0;

  constructor(
    readonly stepMs: number,
    /** Start of the first step held. */
    private first: number,
    capacity = 1024,
  ) {
    this.good = new Float64Array(capacity);
    this.total = new Float64Array(capacity);
  }

  get startMs(): number {
    return this.first;
  }

  /** End (exclusive) of the last step held. */
  get endMs(): number {
    return this.first + this.count * this.stepMs;
  }

  /** Number of steps held. */
  get length(): number {
    return this.count;
  }

  /**
   * Writes a series' steps at their times, overwriting what is there and extending the range
   * (steps between the current end and the series' start become empty). Steps before `startMs`
   * are ignored: the range never grows backwards.
   */
  write(series: EventSeries): void {
    if (series.stepMs !== this.stepMs) throw new Error(`step ${series.stepMs} ms does not match the buckets' ${this.stepMs} ms`);
    const n = series.total.length;
    const from = Math.round((series.startMs - this.first) / this.stepMs);
    const end = from + n;
    if (end <= 0) return;
    if (end > this.count) this.grow(end);
    for (let i = Math.max(0, -from); i < n; i++) {
      this.good[this.offset + from + i] = series.good[i] as number;
      this.total[this.offset + from + i] = series.total[i] as number;
    }
  }

  /** Forgets the steps before `ms` (aligned down to the step); past the end, the buckets become empty there. */
  dropBefore(ms: number): void {
    const k = Math.floor((ms - this.first) / this.stepMs);
    if (k <= 0) return;
    if (k >= this.count) {
      this.first += k * this.stepMs;
      this.offset = 0;
      this.count = 0;
      return;
    }
    this.offset += k;
    this.count -= k;
    this.first += k * this.stepMs;
  }

  /** Prefix sums of the steps in [startMs, endMs); steps not held count as empty. */
  cumulative(startMs: number, endMs: number): CumulativeEvents {
    const n = Math.max(0, Math.round((endMs - startMs) / this.stepMs));
    const from = Math.round((startMs - this.first) / this.stepMs);
    if (from >= 0 && from + n <= this.count) {
      const a = this.offset + from;
      return cumulate({ startMs, stepMs: this.stepMs, good: this.good.subarray(a, a + n), total: this.total.subarray(a, a + n) });
    }
    // Partly outside what is held: copy what overlaps onto an empty grid.
    const good = new Float64Array(n);
    const total = new Float64Array(n);
    for (let i = Math.max(0, -from); i < n && from + i < this.count; i++) {
      good[i] = this.good[this.offset + from + i] as number;
      total[i] = this.total[this.offset + from + i] as number;
    }
    return cumulate({ startMs, stepMs: this.stepMs, good, total });
  }

  /** Makes room for `steps` steps from `startMs`: compacts the dropped front away, or doubles the capacity. */
  private grow(steps: number): void {
    if (this.offset + steps <= this.good.length) {
      this.zero(this.offset + this.count, this.offset + steps);
    } else if (steps <= this.good.length && this.offset > 0) {
      this.good.copyWithin(0, this.offset, this.offset + this.count);
      this.total.copyWithin(0, this.offset, this.offset + this.count);
      this.offset = 0;
      this.zero(this.count, steps);
    } else {
      const capacity = Math.max(steps, this.good.length * 2);
      const good = new Float64Array(capacity);
      const total = new Float64Array(capacity);
      good.set(this.good.subarray(this.offset, this.offset + this.count));
      total.set(this.total.subarray(this.offset, this.offset + this.count));
      this.good = good;
      this.total = total;
      this.offset = 0;
    }
    this.count = steps;
  }

  private zero(from: number, to: number): void {
    this.good.fill(0, from, to);
    this.total.fill(0, from, to);
  }
}
