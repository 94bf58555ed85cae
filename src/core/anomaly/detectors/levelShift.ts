import { z } from 'zod';
import { defineDetector } from './types.js';

/**
 * Robust level-shift detector: a two-sided CUSUM on clipped robust z-scores against a slowly
 * learnt reference level. When either sum crosses `threshold` the shift is declared (score ≥ 0.5)
 * and the reference jumps to the recent level, so a lasting shift alarms once, not forever.
 */
const Params = z.object({
  drift: z.number().min(0).default(0.5),
  threshold: z.number().positive().default(8),
  alpha: z.number().gt(0).lt(1).default(0.01),
  fastAlpha: z.number().gt(0).lt(1).default(0.2),
  clip: z.number().positive().default(4),
  warmupPoints: z.number().int().min(2).default(60),
  bandSigmas: z.number().positive().default(3),
});
export type LevelShiftParams = z.infer<typeof Params>;

export interface LevelShiftState {
  params: LevelShiftParams;
  n: number;
  mean: number;
  dev: number;
  recent: number;
  up: number;
  down: number;
}

export default defineDetector<LevelShiftParams, LevelShiftState>({
  id: 'levelShift',
  title: 'Robust level-shift detector (two-sided CUSUM)',
  summary: 'Accumulates clipped robust z-scores; alarms once when the level moves and re-anchors.',
  kind: 'univariate',
  schema: Params,
  create: (params) => ({ params, n: 0, mean: 0, dev: 0, recent: 0, up: 0, down: 0 }),
  update(s, { value: x }) {
    const p = s.params;
    s.n++;
    if (s.n === 1) s.mean = s.recent = x;
    const sigma = 1.2533 * s.dev + 1e-9 * (1 + Math.abs(s.mean));
    const expected = s.mean;
    const half = p.bandSigmas * sigma;
    s.recent += p.fastAlpha * (x - s.recent);
    if (s.n <= p.warmupPoints) {
      // Plain running mean and mean absolute deviation while the reference forms.
      s.dev += (Math.abs(x - s.mean) - s.dev) / s.n;
      s.mean += (x - s.mean) / s.n;
      return { score: 0, expected, lower: expected - half, upper: expected + half };
    }
    const z = Math.max(-p.clip, Math.min(p.clip, (x - s.mean) / sigma));
    s.up = Math.max(0, s.up + z - p.drift);
    s.down = Math.max(0, s.down - z - p.drift);
    const stat = Math.max(s.up, s.down);
    const score = stat / (stat + p.threshold);
    if (stat >= p.threshold) {
      s.mean = s.recent;
      s.up = s.down = 0;
    } else {
      const limit = p.clip * sigma;
      s.mean += p.alpha * Math.max(-limit, Math.min(limit, x - s.mean));
      s.dev += p.alpha * (Math.min(Math.abs(x - s.mean), limit) - s.dev);
    }
    return { score, expected, lower: expected - half, upper: expected + half };
  },
});
