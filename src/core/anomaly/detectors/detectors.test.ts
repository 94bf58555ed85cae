import { describe, expect, it } from 'vitest';
import { hashNormal } from '../../shared/hash.js';
import ensemble from './ensemble.js';
import { averagePathLength, isolationScore, trainIsolationForest } from './forest.js';
import isolationForest from './isolationForest.js';
import levelShift from './levelShift.js';
import seasonalBaseline from './seasonalBaseline.js';
import { normalTail } from './types.js';

const STEP = 300_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);
const noise = (k: string): number => hashNormal(k);

describe('Function: normalTail', () => {
  it.each([
    [0, 0.5],
    [1.959964, 0.025],
    [-1.959964, 0.975],
    [4.264891, 1e-5],
  ])('Q(%f) ≈ %f', (z, q) => expect(normalTail(z) / q).toBeCloseTo(1, 4));
});

describe('Function: trainIsolationForest / isolationScore', () => {
  const rows = Array.from({ length: 1000 }, (_, i) => [noise(`x${i}`), noise(`y${i}`)]);
  it('gives an outlier a score above 0.5 and typical points below', () => {
    const model = trainIsolationForest(rows, { trees: 100, sampleSize: 256, seed: 1, contamination: 'auto' });
    expect(model.threshold).toBe(0.5);
    expect(isolationScore(model, [6, -6])).toBeGreaterThan(0.6);
    expect(isolationScore(model, [0, 0])).toBeLessThan(0.5);
  });
  it('sets the threshold to the training quantile for a numeric contamination', () => {
    const model = trainIsolationForest(rows, { trees: 50, sampleSize: 128, seed: 2, contamination: 0.05 });
    const flagged = rows.filter((r) => isolationScore(model, r) > model.threshold).length;
    expect(flagged).toBeGreaterThanOrEqual(40);
    expect(flagged).toBeLessThanOrEqual(60);
  });
  it('uses the paper’s c(n)', () => {
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 3);
  });
});

describe('Detector: isolationForest (multivariate)', () => {
  it('stays silent until 14 days are covered, then flags a joint outlier', () => {
    const state = isolationForest.init({ trees: 50 });
    const n = (14 * DAY) / STEP + 10;
    let before = 0;
    for (let i = 0; i < n; i++) {
      const cpu = 40 + 5 * noise(`c${i}`);
      // network follows CPU: the outlier below breaks that relation, not either range alone
      const r = isolationForest.update(state, { t: T0 + i * STEP, values: [cpu, 2 * cpu + noise(`n${i}`), 1] });
      if (i < (14 * DAY) / STEP - 2) before = Math.max(before, r.score);
    }
    expect(before).toBe(0);
    expect(state.trainings).toBe(1);
    const normal = isolationForest.update(state, { t: T0 + n * STEP, values: [40, 80, 1] });
    const odd = isolationForest.update(state, { t: T0 + (n + 1) * STEP, values: [95, 20, 0] });
    expect(normal.score).toBeLessThan(0.5);
    expect(odd.score).toBeGreaterThan(0.5);
  });
});

describe('Detector: seasonalBaseline', () => {
  it('learns the daily shape so the band follows it, and flags a night-time drop', () => {
    const state = seasonalBaseline.init();
    const value = (t: number): number => 100 + 50 * Math.sin((2 * Math.PI * (t % DAY)) / DAY);
    let last = { score: 0, expected: 0, lower: 0, upper: 0 };
    for (let i = 0; i < (10 * DAY) / STEP; i++) last = seasonalBaseline.update(state, { t: T0 + i * STEP, value: value(T0 + i * STEP) + noise(`s${i}`) });
    const t = T0 + (10 * DAY) / STEP * STEP;
    const ok = seasonalBaseline.update(state, { t, value: value(t) });
    expect(Math.abs(ok.expected - value(t))).toBeLessThan(5);
    expect(ok.score).toBeLessThan(0.5);
    const drop = seasonalBaseline.update(state, { t: t + STEP, value: value(t + STEP) - 40 });
    expect(drop.score).toBeGreaterThan(0.5);
    expect(drop.lower).toBeGreaterThan(value(t + STEP) - 40);
    expect(last.upper).toBeGreaterThan(last.lower);
  });
});

describe('Detector: levelShift', () => {
  it('alarms once on a lasting shift and re-anchors', () => {
    const state = levelShift.init();
    const scores: number[] = [];
    for (let i = 0; i < 2000; i++) scores.push(levelShift.update(state, { t: T0 + i * STEP, value: (i >= 1000 ? 20 : 10) + noise(`l${i}`) }).score);
    expect(Math.max(...scores.slice(100, 1000))).toBeLessThan(0.5);
    const alarms = scores.map((s, i) => (s >= 0.5 ? i : -1)).filter((i) => i >= 0);
    expect(alarms[0]).toBeGreaterThanOrEqual(1000);
    expect(alarms[0]).toBeLessThan(1010);
    expect(alarms.length).toBeLessThanOrEqual(3);
    expect(state.mean).toBeGreaterThan(18);
  });
});

describe('Detector: ensemble', () => {
  it('alarms early on a spike, then stays silent for restRows', () => {
    const state = ensemble.init();
    const scores: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = T0 + i * STEP;
      const v = 50 + 10 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + noise(`e${i}`) + (i >= 2500 && i < 2510 ? 60 : 0);
      scores.push(ensemble.update(state, { t, value: v }).score);
    }
    expect(scores[2500]).toBe(1);
    expect(Math.max(...scores.slice(2501, 2500 + state.params.restRows))).toBe(0);
    expect(Math.max(...scores.slice(0, state.params.warmupRows))).toBe(0);
  });

  const spikeThenDrop = (params: Parameters<typeof ensemble.init>[0]): number[] => {
    const state = ensemble.init(params);
    return Array.from({ length: 2700 }, (_, i) => {
      const t = T0 + i * STEP;
      const spike = i >= 2500 && i < 2505 ? 60 : 0;
      const drop = i >= 2530 && i < 2535 ? -60 : 0;
      const higher = i >= 2560 && i < 2562 ? 80 : 0;
      return ensemble.update(state, { t, value: 50 + 10 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + noise(`e${i}`) + spike + drop + higher }).score;
    });
  };

  it('lets a break the other way through the rest, but not a repeat of the same excursion', () => {
    const scores = spikeThenDrop({});
    expect(scores[2500]).toBe(1);
    // the drop breaks the range downwards within the rest: a different excursion, so it alarms at once
    expect(scores[2530]).toBe(1);
    expect(Math.max(...scores.slice(2531, 2560))).toBe(0);
    // a new upward break after the downward one is again a different excursion
    expect(scores[2560]).toBe(1);
    expect(Math.max(...scores.slice(2561, 2660))).toBe(0);
  });

  it('resumes a state persisted with contexts as a { key: 1 } record exactly like the list form', () => {
    const series = Array.from({ length: 1200 }, (_, i) => ({ t: T0 + i * STEP, value: 50 + 10 * Math.sin(i / 20) + noise(`l${i}`) }));
    const current = ensemble.init();
    for (const p of series.slice(0, 600)) ensemble.update(current, p);
    const legacy = JSON.parse(JSON.stringify(current)) as typeof current;
    (legacy as unknown as { contexts: Record<number, 1> }).contexts = Object.fromEntries(current.contexts.map((k) => [k, 1]));
    const resumed = JSON.parse(JSON.stringify(current)) as typeof current;
    for (const p of series.slice(600)) expect(ensemble.update(legacy, p)).toEqual(ensemble.update(resumed, p));
    expect(legacy.contexts).toHaveLength(resumed.contexts.length);
  });

  // Quiet noise around 50 with two early spikes (so the value range is ±10), then from row 2000 an
  // oscillation of ±4 that never leaves that range: only the spread changes.
  const oscillationOnset = (params: Parameters<typeof ensemble.init>[0]): number[] => {
    const state = ensemble.init(params);
    return Array.from({ length: 2300 }, (_, i) => {
      const spike = i === 300 ? 10 : i === 700 ? -10 : 0;
      const oscillation = i >= 2000 && i < 2100 ? (i % 2 ? 4 : -4) : 0;
      return ensemble.update(state, { t: T0 + i * STEP, value: 50 + 0.3 * noise(`o${i}`) + spike + oscillation }).score;
    });
  };
  const alarmsFrom = (scores: number[], from: number): number[] => scores.flatMap((s, i) => (i >= from && s >= 0.5 ? [i] : []));

  it('sees a sudden change of spread inside the usual range through the volatility channel, and only through it', () => {
    expect(alarmsFrom(oscillationOnset({}), 1000)).toEqual([2003]);
    expect(alarmsFrom(oscillationOnset({ volWindow: 0 }), 1000)).toEqual([]);
  });

  it('forgets contexts unseen for two generations and resumes across a generation switch', () => {
    const series = Array.from({ length: 1500 }, (_, i) => ({ t: T0 + i * STEP, value: 50 + 10 * Math.sin(i / 20) + noise(`f${i}`) }));
    const whole = ensemble.init({ forgetRows: 300 });
    const outs = series.slice(0, 700).map((p) => ensemble.update(whole, p));
    expect(whole.oldContexts!.length).toBeGreaterThan(0);
    const resumed = JSON.parse(JSON.stringify(whole)) as typeof whole;
    for (const p of series.slice(700)) expect(ensemble.update(resumed, p)).toEqual(ensemble.update(whole, p));
    expect(outs.length).toBe(700);
    expect(whole.contexts.length + whole.oldContexts!.length).toBeLessThanOrEqual(whole.params.maxContexts);
  });

  // Noise around 0 with a spike of 10 every 100 rows until row 2000, then no more spikes.
  const spikesStop = (params: Parameters<typeof ensemble.init>[0]): number[] => {
    const state = ensemble.init(params);
    return Array.from({ length: 2600 }, (_, i) => {
      const spike = i % 100 === 50 && i < 2000 ? 10 : 0;
      return ensemble.update(state, { t: T0 + i * STEP, value: 0.2 * noise(`q${i}`) + spike }).score;
    });
  };

  it('alarms once when a spiky series stays quiet half as long again as its longest gap (absence channel)', () => {
    // last spike at row 1950, longest gap 100 rows: the gap passes 150 rows at row 2101 (the shape
    // discords see the missing spike too, two rows later, so they are off here)
    expect(alarmsFrom(spikesStop({ discord: null, absenceLevel: 0.5 }), 1000)).toEqual([2101]);
    expect(alarmsFrom(spikesStop({ discord: null, absenceLevel: 0 }), 1000)).toEqual([]);
  });

  it('Bonferroni-corrects the likelihood for the rows tested so far: the bar rises by 0.1 per tenfold', () => {
    // likelihood only, ungated, so both runs learn the same and differ only in the correction
    const likOnly = { smoothWindows: [], volWindow: 0, rangeTolerance: 1e9, discord: null, restRows: 0, gate: 'alarm' as const };
    const run = (bonferroni: boolean): number[] => {
      const state = ensemble.init({ ...likOnly, bonferroni });
      return Array.from({ length: 6000 }, (_, i) => ensemble.update(state, { t: T0 + i * STEP, value: 50 + Math.abs(noise(`bf${i}`)) ** 2 * Math.sign(noise(`bs${i}`)) }).score);
    };
    const on = run(true);
    const off = run(false);
    const warmupRows = ensemble.init().params.warmupRows;
    let checked = 0;
    for (let i = warmupRows; i < on.length; i++) {
      expect(on[i]!).toBeLessThanOrEqual(off[i]! + 1e-12);
      if (on[i]! > 0.2) {
        expect(on[i]!).toBeCloseTo(off[i]! - Math.log10((i + 1) / warmupRows) / 10, 3);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(on.filter((x) => x >= 0.5).length).toBeLessThan(off.filter((x) => x >= 0.5).length);
  });

  it('keeps the whole rest silent when restBreakThrough is off', () => {
    const scores = spikeThenDrop({ restBreakThrough: false });
    expect(scores[2500]).toBe(1);
    expect(Math.max(...scores.slice(2501, 2600))).toBe(0);
  });
});
