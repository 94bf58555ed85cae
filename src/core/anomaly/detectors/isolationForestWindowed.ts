import { z } from 'zod';
import { calibratedScore, isolationScore, trainIsolationForest, type IsolationForestModel } from './forest.js';
import { defineDetector } from './types.js';

/**
 * Univariate Isolation Forest on windowed features, so the forest can be scored on single series
 * such as NAB's. Features of the last `window` values: the value, its distance from the window
 * mean, the step from the previous value, the window's standard deviation and its slope.
 * Trains after `warmupRows` on up to `trainingDays` of history, then retrains every
 * `retrainRows` rows (history older than `trainingDays` is forgotten). Contamination as in the
 * multivariate detector. After a score ≥ 0.5, `restRows` rows stay silent.
 */
const Params = z.object({
  window: z.number().int().min(2).max(256).default(8),
  trainingDays: z.number().positive().default(14),
  warmupRows: z.number().int().min(16).default(300),
  retrainRows: z.number().int().min(16).default(1000),
  trees: z.number().int().min(1).max(500).default(100),
  sampleSize: z.number().int().min(2).max(4096).default(256),
  contamination: z.union([z.literal('auto'), z.number().gt(0).lt(0.5)]).default('auto'),
  restRows: z.number().int().min(0).default(100),
  seed: z.number().int().default(7),
});
export type IsolationForestWindowedParams = z.infer<typeof Params>;

export interface IsolationForestWindowedState {
  params: IsolationForestWindowedParams;
  n: number;
  recent: number[];
  times: number[];
  features: number[][];
  model: IsolationForestModel | null;
  sinceTraining: number;
  trainings: number;
  rest: number;
}

const DAY = 86_400_000;

function features(recent: readonly number[]): number[] {
  const w = recent.length;
  let sum = 0;
  let sumSq = 0;
  let sxy = 0;
  for (let i = 0; i < w; i++) {
    const v = recent[i]!;
    sum += v;
    sumSq += v * v;
    sxy += i * v;
  }
  const mean = sum / w;
  const x = recent[w - 1]!;
  const sx = ((w - 1) * w) / 2;
  const sxx = ((w - 1) * w * (2 * w - 1)) / 6;
  const slope = (w * sxy - sx * sum) / (w * sxx - sx * sx);
  return [x, x - mean, x - recent[w - 2]!, Math.sqrt(Math.max(0, sumSq / w - mean * mean)), slope];
}

export default defineDetector<IsolationForestWindowedParams, IsolationForestWindowedState>({
  id: 'isolationForestWindowed',
  title: 'Isolation Forest on windowed features (univariate)',
  summary: 'Isolation Forest over value, deviation, step, spread and slope of the recent window.',
  kind: 'univariate',
  schema: Params,
  create: (params) => ({ params, n: 0, recent: [], times: [], features: [], model: null, sinceTraining: 0, trainings: 0, rest: 0 }),
  update(s, { t, value }) {
    const p = s.params;
    s.n++;
    s.recent.push(value);
    if (s.recent.length > p.window) s.recent.shift();
    const expected = s.recent.reduce((a, b) => a + b, 0) / s.recent.length;
    if (s.recent.length < p.window) return { score: 0, expected, lower: expected, upper: expected };
    const f = features(s.recent);
    let score = s.model ? calibratedScore(s.model, isolationScore(s.model, f)) : 0;
    if (s.rest > 0) {
      s.rest--;
      score = 0;
    } else if (score >= 0.5) s.rest = p.restRows;
    s.times.push(t);
    s.features.push(f);
    let drop = 0;
    while (drop < s.times.length && s.times[drop]! < t - p.trainingDays * DAY) drop++;
    if (drop > 0) {
      s.times.splice(0, drop);
      s.features.splice(0, drop);
    }
    s.sinceTraining++;
    if ((!s.model && s.features.length >= p.warmupRows) || (s.model && s.sinceTraining >= p.retrainRows)) {
      s.model = trainIsolationForest(s.features, { trees: p.trees, sampleSize: p.sampleSize, seed: p.seed + s.trainings, contamination: p.contamination });
      s.sinceTraining = 0;
      s.trainings++;
    }
    // Band: the window mean ± 3 window standard deviations.
    const spread = 3 * f[3]!;
    return { score, expected, lower: expected - spread, upper: expected + spread };
  },
});
