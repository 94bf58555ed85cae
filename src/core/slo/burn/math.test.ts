import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetRemaining, burnRate, countsBetween, countsInWindow, cumulate, errorRatio, timeToExhaustionMs, type EventSeries } from './math.js';

const H = 3_600_000;
const D = 24 * H;
const series = (good: number[], total: number[], stepMs = 60_000): EventSeries => ({ startMs: 0, stepMs, good: Float64Array.from(good), total: Float64Array.from(total) });

describe('Function: burnRate / budgetRemaining / errorRatio', () => {
  it.each([
    // [good, total, target, errorRatio, burnRate, budgetRemaining] — computed by hand
    [99_950, 100_000, 0.999, 0.0005, 0.5, 0.5],
    [99_900, 100_000, 0.999, 0.001, 1, 0],
    [98_560, 100_000, 0.999, 0.0144, 14.4, -13.4],
    [995, 1_000, 0.995, 0.005, 1, 0],
    [999, 1_000, 0.995, 0.001, 0.2, 0.8],
    [0, 1_000, 0.99, 1, 100, -99],
    [0, 0, 0.999, 0, 0, 1],
  ])('good=%d total=%d target=%d → error ratio %d, burn %d, remaining %d', (good, total, target, ratio, burn, remaining) => {
    const c = { good, total };
    expect(errorRatio(c)).toBeCloseTo(ratio, 10);
    expect(burnRate(c, target)).toBeCloseTo(burn, 8);
    expect(budgetRemaining(c, target)).toBeCloseTo(remaining, 8);
  });
});

describe('Function: timeToExhaustionMs', () => {
  it.each([
    [0.5, 2, 30 * D, 7.5 * D],
    [1, 1, 30 * D, 30 * D],
    [0.25, 14.4, 30 * D, (0.25 * 30 * D) / 14.4],
    [0, 3, 30 * D, 0],
    [-1, 3, 30 * D, 0],
    [0.7, 0, 30 * D, Infinity],
  ])('remaining %d at burn %d over %d ms lasts %d ms', (remaining, rate, window, expected) => {
    expect(timeToExhaustionMs(remaining, rate, window)).toBeCloseTo(expected, 3);
  });
});

describe('Function: cumulate / countsInWindow', () => {
  it('sums any window from prefix sums and clamps good to total', () => {
    const cum = cumulate(series([10, 5, 9, 20], [10, 10, 10, 10]));
    expect(countsBetween(cum, 0, 4)).toEqual({ good: 34, total: 40 });
    expect(countsInWindow(cum, 4, 120_000)).toEqual({ good: 19, total: 20 });
    expect(countsInWindow(cum, 2, 10 * 60_000)).toEqual({ good: 15, total: 20 });
  });

  it('never lets good drop below zero', () => {
    const cum = cumulate(series([-5, 3], [2, 2]));
    expect(countsBetween(cum, 0, 2)).toEqual({ good: 2, total: 4 });
  });
});

const stepArb = fc.record({ good: fc.nat(1000), extra: fc.nat(1000) }).map(({ good, extra }) => ({ good, total: good + extra }));

describe('Property: error budget', () => {
  it('never increases when only bad events (or no events) are added to a fixed window', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 50 }), fc.array(fc.nat(500), { minLength: 1, maxLength: 50 }), fc.constantFrom(0.9, 0.99, 0.995, 0.999, 0.9999), (history, badOnly, target) => {
        const good = [...history.map((s) => s.good), ...badOnly.map(() => 0)];
        const total = [...history.map((s) => s.total), ...badOnly];
        const cum = cumulate(series(good, total));
        let previous = budgetRemaining(countsBetween(cum, 0, history.length), target);
        for (let end = history.length + 1; end <= cum.length; end++) {
          const now = budgetRemaining(countsBetween(cum, 0, end), target);
          expect(now).toBeLessThanOrEqual(previous + 1e-12);
          previous = now;
        }
      }),
    );
  });

  it('puts a long window burn between the smallest and largest burn of the short windows that tile it', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 12, maxLength: 12 }).filter((s) => s.some((x) => x.total > 0)), fc.constantFrom(0.99, 0.999), (steps, target) => {
        const cum = cumulate(series(steps.map((s) => s.good), steps.map((s) => s.total)));
        const long = burnRate(countsInWindow(cum, 12, 12 * 60_000), target);
        const shorts = [3, 6, 9, 12].map((end) => countsInWindow(cum, end, 3 * 60_000)).filter((c) => c.total > 0).map((c) => burnRate(c, target));
        expect(long).toBeGreaterThanOrEqual(Math.min(...shorts) - 1e-9);
        expect(long).toBeLessThanOrEqual(Math.max(...shorts) + 1e-9);
      }),
    );
  });
});
