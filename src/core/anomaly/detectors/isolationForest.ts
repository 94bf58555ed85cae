import { z } from 'zod';
import { calibratedScore, isolationScore, trainIsolationForest, type IsolationForestModel } from './forest.js';
import { defineDetector, type VectorPoint } from './types.js';

/**
 * Multivariate Isolation Forest over one resource's metrics (e.g. CPU, network in/out, disk,
 * status checks, in a fixed order). It keeps `trainingDays` of history, trains once that much
 * history exists (the back-fill provides it) and retrains every `retrainHours`. Contamination
 * 'auto' flags scores above 0.5 (the paper's rule); a number sets the threshold to that training
 * quantile. The output score is calibrated so the threshold reads 0.5. Band: the first metric's
 * training mean and range.
 */
const Params = z.object({
  trainingDays: z.number().positive().default(14),
  retrainHours: z.number().positive().default(24),
  trees: z.number().int().min(1).max(500).default(100),
  sampleSize: z.number().int().min(2).max(4096).default(256),
  contamination: z.union([z.literal('auto'), z.number().gt(0).lt(0.5)]).default('auto'),
  seed: z.number().int().default(42),
});
export type IsolationForestParams = z.infer<typeof Params>;

export interface IsolationForestState {
  params: IsolationForestParams;
  times: number[];
  rows: number[][];
  model: IsolationForestModel | null;
  trainedAt: number;
  trainings: number;
  band: { expected: number; lower: number; upper: number };
}

const DAY = 86_400_000;

export default defineDetector<IsolationForestParams, IsolationForestState, VectorPoint>({
  id: 'isolationForest',
  title: 'Isolation Forest over one resource’s metrics (14-day training, contamination auto)',
  summary: 'Multivariate Isolation Forest trained on the last 14 days; anomalous when the path length is short.',
  kind: 'multivariate',
  schema: Params,
  create: (params) => ({ params, times: [], rows: [], model: null, trainedAt: 0, trainings: 0, band: { expected: 0, lower: 0, upper: 0 } }),
  update(s, point) {
    const p = s.params;
    const x = point.values;
    let score = 0;
    if (s.model && s.model.dims === x.length) score = calibratedScore(s.model, isolationScore(s.model, x));
    const out = { score, ...s.band };
    s.times.push(point.t);
    s.rows.push([...x]);
    const horizon = point.t - p.trainingDays * DAY;
    let drop = 0;
    while (drop < s.times.length && s.times[drop]! < horizon) drop++;
    if (drop > 0) {
      s.times.splice(0, drop);
      s.rows.splice(0, drop);
    }
    const covered = s.times.length > 1 && point.t - s.times[0]! >= p.trainingDays * DAY - 2 * (point.t - s.times[s.times.length - 2]!);
    const due = !s.model || point.t - s.trainedAt >= p.retrainHours * 3_600_000;
    if (covered && due) {
      s.model = trainIsolationForest(s.rows, { trees: p.trees, sampleSize: p.sampleSize, seed: p.seed + s.trainings, contamination: p.contamination });
      s.trainedAt = point.t;
      s.trainings++;
      const first = s.rows.map((r) => r[0]!);
      s.band = { expected: first.reduce((a, b) => a + b, 0) / first.length, lower: Math.min(...first), upper: Math.max(...first) };
    }
    return out;
  },
});
