import { z } from 'zod';
import { clamp01, defineDetector, normalTail } from './types.js';

/**
 * The production ensemble: two cheap raw signals turned into one calibrated, likelihood-style
 * score, then gated so that one incident yields one early alarm.
 *
 * 1. Context novelty (after CAD OSE's idea): the value is quantised coarsely on the running range
 *    and the detector remembers which short sequences of levels it has seen (orders 1..maxOrder).
 *    Novelty = share of orders whose sequence is new.
 * 2. Prediction error: distance from an exponentially weighted level, in units of the weighted
 *    absolute deviation.
 * 3. Likelihood (after Numenta's anomaly likelihood): the mean of the raw score over a short
 *    window is compared with a Gaussian fitted to its own longer history; the tail probability
 *    is mapped to [0, 1] on a log scale, so only rare bursts score high, whatever the series.
 * 4. Range break: a value beyond the running min/max by more than a tolerance scores 1.
 * 5. Gating: after a score reaches `alarmLevel` the output stays 0 for `restRows` rows (the
 *    detector keeps learning meanwhile).
 * Everything is causal: range, level and history come only from rows already seen.
 */
const Params = z.object({
  levels: z.number().int().min(2).max(32).default(8),
  maxOrder: z.number().int().min(1).max(6).default(5),
  errorWeight: z.number().min(0).max(1).default(0.5),
  errorScale: z.number().positive().default(4),
  levelAlpha: z.number().gt(0).lt(1).default(0.1),
  devAlpha: z.number().gt(0).lt(1).default(0.02),
  shortWindow: z.number().int().min(1).max(200).default(10),
  historyWindow: z.number().int().min(50).max(20000).default(2000),
  minStd: z.number().positive().default(0.02),
  warmupRows: z.number().int().min(1).default(150),
  rangeTolerance: z.number().min(0).default(0.05),
  alarmLevel: z.number().min(0).max(1).default(0.5),
  restRows: z.number().int().min(0).default(100),
  bandWidth: z.number().positive().default(3),
});
export type EnsembleParams = z.infer<typeof Params>;

export interface EnsembleState {
  params: EnsembleParams;
  n: number;
  min: number;
  max: number;
  level: number;
  dev: number;
  /** The last `maxOrder + 1` quantised levels, newest first. */
  recent: number[];
  /** Seen level sequences: key → 1. Integer keys keep the state plain JSON. */
  contexts: Record<number, 1>;
  raw: number[];
  rawPos: number;
  rawSum: number;
  hist: number[];
  histPos: number;
  histCount: number;
  histSum: number;
  histSumSq: number;
  rest: number;
}

export default defineDetector<EnsembleParams, EnsembleState>({
  id: 'ensemble',
  title: 'Production ensemble (context novelty + prediction error → likelihood, gated)',
  summary: 'One calibrated likelihood-style score from quantised-context novelty and robust prediction error, silent after an alarm.',
  kind: 'univariate',
  schema: Params,
  create: (params) => ({
    params,
    n: 0,
    min: 0,
    max: 0,
    level: 0,
    dev: 0,
    recent: new Array<number>(params.maxOrder + 1).fill(0),
    contexts: {},
    raw: new Array<number>(params.shortWindow).fill(0),
    rawPos: 0,
    rawSum: 0,
    hist: new Array<number>(params.historyWindow).fill(0),
    histPos: 0,
    histCount: 0,
    histSum: 0,
    histSumSq: 0,
    rest: 0,
  }),
  update(s, point) {
    const p = s.params;
    const x = point.value;
    s.n++;
    if (s.n === 1) {
      s.min = s.max = s.level = x;
    }
    const prevRange = s.max - s.min;
    const rangeBreak = s.n > p.warmupRows && prevRange > 0 && (x > s.max + p.rangeTolerance * prevRange || x < s.min - p.rangeTolerance * prevRange);
    if (x < s.min) s.min = x;
    if (x > s.max) s.max = x;
    const range = s.max - s.min;

    // 1. context novelty over orders 1..maxOrder
    const q = range > 0 ? Math.min(p.levels - 1, Math.floor(((x - s.min) / range) * p.levels)) : 0;
    const recent = s.recent;
    for (let i = recent.length - 1; i > 0; i--) recent[i] = recent[i - 1]!;
    recent[0] = q;
    let unseen = 0;
    let key = q;
    let base = p.levels;
    const orders = Math.min(p.maxOrder, s.n - 1);
    const orderBase = p.levels ** (p.maxOrder + 1);
    for (let k = 1; k <= orders; k++) {
      key += recent[k]! * base;
      base *= p.levels;
      const full = key + k * orderBase;
      if (s.contexts[full] === undefined) {
        unseen++;
        s.contexts[full] = 1;
      }
    }
    const novelty = orders > 0 ? unseen / orders : 0;

    // 2. prediction error against the weighted level, before the level learns this point
    const scale = s.dev + 1e-3 * range + 1e-12;
    const err = Math.abs(x - s.level) / scale;
    const errScore = 1 - Math.exp(-err / p.errorScale);
    const expected = s.level;
    const half = p.bandWidth * 1.25 * scale;
    s.dev += p.devAlpha * (Math.abs(x - s.level) - s.dev);
    s.level += p.levelAlpha * (x - s.level);

    // 3. likelihood of the short average of the raw score under its own history
    const rawScore = (1 - p.errorWeight) * novelty + p.errorWeight * errScore;
    s.rawSum += rawScore - s.raw[s.rawPos]!;
    s.raw[s.rawPos] = rawScore;
    s.rawPos = (s.rawPos + 1) % p.shortWindow;
    const avg = s.rawSum / Math.min(s.n, p.shortWindow);
    let score = 0;
    if (s.histCount > 0) {
      const mean = s.histSum / s.histCount;
      const variance = Math.max(0, s.histSumSq / s.histCount - mean * mean);
      const std = Math.max(Math.sqrt(variance), p.minStd);
      const tail = normalTail((avg - mean) / std);
      score = Math.log(tail + 1e-10) / Math.log(1e-10);
    }
    const old = s.hist[s.histPos]!;
    if (s.histCount === p.historyWindow) {
      s.histSum -= old;
      s.histSumSq -= old * old;
    } else s.histCount++;
    s.hist[s.histPos] = avg;
    s.histSum += avg;
    s.histSumSq += avg * avg;
    s.histPos = (s.histPos + 1) % p.historyWindow;

    // 4. range break, 5. warm-up and gating
    if (rangeBreak) score = 1;
    if (s.n <= p.warmupRows) score = 0;
    if (s.rest > 0) {
      s.rest--;
      score = 0;
    } else if (score >= p.alarmLevel) s.rest = p.restRows;
    return { score: clamp01(score), expected, lower: expected - half, upper: expected + half };
  },
});
