import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventBuckets } from './buckets.js';
import { cumulate, type EventSeries } from './math.js';

const MIN = 60_000;
const series = (startMs: number, good: number[], total: number[]): EventSeries => ({ startMs, stepMs: MIN, good: Float64Array.from(good), total: Float64Array.from(total) });

describe('Class: EventBuckets', () => {
  it('writes, overwrites, slides and sums like cumulate over the same steps', () => {
    const b = new EventBuckets(MIN, 0, 4);
    b.write(series(0, [1, 2, 3], [10, 10, 10]));
    b.write(series(2 * MIN, [4, 5], [10, 20])); // overwrites step 2, adds step 3
    expect(b.length).toBe(4);
    const cum = b.cumulative(0, 4 * MIN);
    expect([...cum.good]).toEqual([0, 1, 3, 7, 12]);
    expect([...cum.total]).toEqual([0, 10, 20, 30, 50]);

    b.dropBefore(2 * MIN);
    expect([b.startMs, b.endMs]).toEqual([2 * MIN, 4 * MIN]);
    // Steps before what is held, and after it, are empty.
    expect([...b.cumulative(MIN, 5 * MIN).good]).toEqual([0, 0, 4, 9, 9]);
  });

  it('leaves a gap empty when a write starts after the end, and ignores steps before the start', () => {
    const b = new EventBuckets(MIN, 10 * MIN);
    b.write(series(8 * MIN, [1, 1, 1], [2, 2, 2]));
    b.write(series(13 * MIN, [5], [5]));
    expect([...b.cumulative(10 * MIN, 14 * MIN).total]).toEqual([0, 2, 2, 2, 7]);
  });

  it('empties itself when dropping past its end', () => {
    const b = new EventBuckets(MIN, 0);
    b.write(series(0, [1, 1], [1, 1]));
    b.dropBefore(5 * MIN);
    expect([b.startMs, b.length]).toEqual([5 * MIN, 0]);
    b.write(series(6 * MIN, [3], [4]));
    expect([...b.cumulative(5 * MIN, 7 * MIN).good]).toEqual([0, 0, 3]);
  });

  it('rejects a series on another step', () => {
    expect(() => new EventBuckets(MIN, 0).write({ ...series(0, [1], [1]), stepMs: 5 * MIN })).toThrow('does not match');
  });

  it('holds exactly what a fresh series of the same range holds, after any sequence of slides and writes (property)', () => {
    // A model: the value of every minute is a function of the minute; the buckets see it in random pieces.
    const value = (m: number) => ({ good: (m * 7) % 11, total: 11 + (m % 5) });
    fc.assert(
      fc.property(fc.array(fc.record({ advance: fc.integer({ min: 0, max: 40 }), window: fc.integer({ min: 1, max: 60 }), reread: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 8 }), (steps, capacity) => {
        let end = 60;
        const b = new EventBuckets(MIN, (end - 60) * MIN, capacity);
        let readUntil = end - 60;
        for (const s of steps) {
          end += s.advance;
          const start = Math.max(0, end - s.window);
          const from = Math.max(start, Math.min(end, readUntil - s.reread));
          const ms = Array.from({ length: end - from }, (_, i) => value(from + i));
          b.dropBefore(start * MIN);
          b.write(series(from * MIN, ms.map((v) => v.good), ms.map((v) => v.total)));
          readUntil = Math.max(readUntil, end);
          if (start * MIN < b.startMs) continue; // a range before what is held is read afresh by the caller
          const expected = Array.from({ length: end - start }, (_, i) => value(start + i));
          const want = cumulate(series(start * MIN, expected.map((v) => v.good), expected.map((v) => v.total)));
          const got = b.cumulative(start * MIN, end * MIN);
          expect([...got.good]).toEqual([...want.good]);
          expect([...got.total]).toEqual([...want.total]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
