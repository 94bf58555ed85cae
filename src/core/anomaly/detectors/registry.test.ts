import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashNormal } from '../../shared/hash.js';
import { ValidationError } from '../../shared/errors.js';
import { DETECTORS, PRODUCTION_DETECTOR_ID, VECTOR_DETECTORS, getDetector, type MetricPoint } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const STEP = 300_000;
const T0 = Date.UTC(2026, 0, 5);

/** A daily-seasonal noisy series with a spike at 80% and a level shift at 90%. */
function series(n: number, seed = 'a'): MetricPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const t = T0 + i * STEP;
    const daily = 10 * Math.sin((2 * Math.PI * (t % 86_400_000)) / 86_400_000);
    const spike = i === Math.floor(n * 0.8) ? 80 : 0;
    const shift = i >= Math.floor(n * 0.9) ? 30 : 0;
    return { t, value: 50 + daily + 2 * hashNormal(`${seed}:${i}`) + spike + shift };
  });
}

describe('Registry: DETECTORS', () => {
  it('has unique ids, each matching its file, and the production ensemble', () => {
    const ids = [...DETECTORS, ...VECTOR_DETECTORS].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(existsSync(join(here, `${id}.ts`))).toBe(true);
    expect(getDetector(PRODUCTION_DETECTOR_ID)?.id).toBe('ensemble');
  });

  describe.each(DETECTORS.map((d) => [d.id, d] as const))('Detector: %s', (_id, det) => {
    const points = series(3000);

    it('describes itself and validates parameters, naming the field', () => {
      expect(det.title.length).toBeGreaterThan(0);
      expect(det.kind).toBe('univariate');
      expect(det.schema.safeParse(det.defaults).success).toBe(true);
      const firstKey = Object.keys(det.defaults)[0]!;
      expect(() => det.init({ [firstKey]: 'not-a-valid-value' })).toThrow(ValidationError);
    });

    it('returns a score in [0, 1] and a band with lower ≤ expected ≤ upper', () => {
      const state = det.init();
      for (const p of points) {
        const r = det.update(state, p);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(Number.isFinite(r.expected)).toBe(true);
        expect(r.lower).toBeLessThanOrEqual(r.expected + 1e-9);
        expect(r.upper).toBeGreaterThanOrEqual(r.expected - 1e-9);
      }
    });

    it('resumes identically from a JSON round-trip of its state', () => {
      const a = det.init();
      for (const p of points.slice(0, 2000)) det.update(a, p);
      const b = JSON.parse(JSON.stringify(a)) as typeof a;
      for (const p of points.slice(2000)) expect(det.update(b, p)).toEqual(det.update(a, p));
    });

    it('is deterministic and causal: the future never changes past scores', () => {
      fc.assert(
        fc.property(fc.integer({ min: 200, max: 1200 }), fc.string({ minLength: 1, maxLength: 4 }), (cut, seed) => {
          const other = series(1500, seed);
          const a = det.init();
          const b = det.init();
          const pa = points.slice(0, 1500).map((p) => det.update(a, p).score);
          const pb = [...points.slice(0, cut), ...other.slice(cut)].map((p) => det.update(b, p).score);
          expect(pb.slice(0, cut)).toEqual(pa.slice(0, cut));
        }),
        { numRuns: 5 },
      );
    });

    it('scores the spike or the shift above every score of the quiet stretch before them', () => {
      // Alarm gating off, so a gated early alarm cannot hide the planted anomalies.
      const state = det.init('restRows' in det.defaults ? { restRows: 0 } : {});
      const scores = points.map((p) => det.update(state, p).score);
      const quiet = Math.max(...scores.slice(1500, 2300));
      const anomalous = Math.max(...scores.slice(2400, 2420), ...scores.slice(2700, 2760));
      expect(anomalous).toBeGreaterThan(quiet);
    });
  });
});

describe('Registry: VECTOR_DETECTORS', () => {
  describe.each(VECTOR_DETECTORS.map((d) => [d.id, d] as const))('Detector: %s', (_id, det) => {
    const points = Array.from({ length: 600 }, (_, i) => ({ t: T0 + i * 3_600_000, values: [50 + 5 * hashNormal(`c${i}`), 10 + hashNormal(`n${i}`), 0] }));

    it('is multivariate, scores in [0, 1] and resumes identically from a JSON round-trip', () => {
      expect(det.kind).toBe('multivariate');
      const a = det.init({ trees: 20 });
      for (const p of points.slice(0, 400)) det.update(a, p);
      const b = JSON.parse(JSON.stringify(a)) as typeof a;
      for (const p of points.slice(400)) {
        const r = det.update(b, p);
        expect(r).toEqual(det.update(a, p));
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
      }
    });
  });
});
