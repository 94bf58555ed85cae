import { describe, expect, it } from 'vitest';
import { createAbsence, stepAbsence } from './absence.js';
import { stepContextNovelty, type ContextNoveltyState } from './context-novelty.js';
import { rangeExcess } from './range.js';
import { createVolatility, stepVolatility } from './volatility.js';

describe('Function: rangeExcess', () => {
  it.each([
    [0, 10, 10.6, 0.05, 1],
    [0, 10, 10.4, 0.05, 0],
    [0, 10, -0.6, 0.05, -1],
    [0, 10, 5, 0, 0],
    [0, 10, 10.01, 0, 1],
    [3, 3, 100, 0.05, 0],
  ] as const)('range [%d, %d], value %d, tolerance %d → %d', (lo, hi, v, tolerance, expected) => {
    expect(rangeExcess(lo, hi, v, tolerance)).toBe(expected);
  });
});

describe('Function: stepVolatility', () => {
  const p = { volWindow: 8, volTolerance: 0.05, volLow: true };
  const run = (xs: number[], params = p): number[] => {
    const v = createVolatility(params, xs[0]!);
    return xs.flatMap((x, i) => (stepVolatility(v, params, x, true) ? [i] : []));
  };
  // alternating ±1 (|Δx| = 2), with one noisier stretch early so the mean has a range to break
  const calm = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => ((from + i) % 2 ? 1 : -1) * (from + i >= 20 && from + i < 24 ? 1.5 : 1));

  it.each([
    ['a burst of spread', [...calm(100), ...Array.from({ length: 20 }, (_, i) => (i % 2 ? 8 : -8))], 100, true],
    ['a sudden stop (volLow)', [...calm(100), ...new Array<number>(20).fill(1)], 100, true],
    ['more of the same', calm(120), 100, false],
  ])('%s after row 100: breaks within one window only when the spread changes', (_, xs, at, breaks) => {
    const hits = run(xs as number[]).filter((i) => i >= (at as number));
    if (breaks) expect(hits[0]).toBeLessThan((at as number) + 8);
    else expect(hits).toEqual([]);
  });

  it('ignores a sudden stop when volLow is off', () => {
    expect(run([...calm(100), ...new Array<number>(20).fill(1)], { ...p, volLow: false }).filter((i) => i >= 100)).toEqual([]);
  });
});

describe('Function: stepAbsence', () => {
  const p = { absenceLevel: 0.5, absenceTolerance: 0.5, absenceMinGaps: 3 };
  const spikes = (every: number, until: number, length: number): number[] => Array.from({ length }, (_, i) => (i % every === 0 && i < until ? 10 : 0));
  const alarms = (xs: number[], armed = true): number[] => {
    const a = createAbsence();
    let min = 0;
    let max = 0;
    return xs.flatMap((x, i) => {
      min = Math.min(min, x);
      max = Math.max(max, x);
      return stepAbsence(a, p, x, i + 1, min, max - min, armed) ? [i] : [];
    });
  };

  it('alarms once when the gap reaches 1.5 × the longest earlier one, and not while spikes keep coming', () => {
    // spikes at rows 0, 10 … 50 (longest gap 10), then silence: the gap exceeds 15 rows at row 66
    expect(alarms(spikes(10, 51, 120))).toEqual([66]);
    expect(alarms(spikes(10, 120, 120))).toEqual([]);
  });

  it('needs absenceMinGaps gaps first, and stays silent when not armed', () => {
    expect(alarms(spikes(10, 21, 120))).toEqual([]);
    expect(alarms(spikes(10, 51, 120), false)).toEqual([]);
  });
});

describe('Function: stepContextNovelty', () => {
  const p = { levels: 10, maxOrder: 2, grids: 1, maxContexts: 1000, forgetRows: 0 };
  const fresh = (): ContextNoveltyState => ({ recent: [0, 0, 0], contexts: [] });

  it('scores a repeated pattern as known and a new one as novel', () => {
    const s = fresh();
    const cycle = [0, 5, 10];
    const scores = Array.from({ length: 30 }, (_, i) => stepContextNovelty(s, p, cycle[i % 3]!, i + 1, 0, 10));
    expect(scores.slice(10)).toEqual(new Array<number>(20).fill(0));
    expect(stepContextNovelty(s, p, 3, 31, 0, 10)).toBe(1);
  });

  it('forgets contexts unseen for two generations', () => {
    const s = fresh();
    const withForget = { ...p, forgetRows: 10 };
    for (let n = 1; n <= 9; n++) stepContextNovelty(s, withForget, n % 2 ? 0 : 10, n, 0, 10);
    // 30 rows of a flat middle value: the alternating contexts age out of both generations
    for (let n = 10; n <= 39; n++) stepContextNovelty(s, withForget, 5, n, 0, 10);
    expect(stepContextNovelty(s, withForget, 0, 40, 0, 10)).toBeGreaterThan(0);
    expect(stepContextNovelty(s, withForget, 10, 41, 0, 10)).toBe(1);
  });
});
