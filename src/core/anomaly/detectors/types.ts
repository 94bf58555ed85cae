import type { z } from 'zod';
import { parseOrThrow } from '../../shared/zod.js';

/** One observation of a univariate metric: epoch ms and value. */
export interface MetricPoint {
  t: number;
  value: number;
}

/** One observation of several metrics of one resource at the same time (fixed feature order). */
export interface VectorPoint {
  t: number;
  values: number[];
}

/** What a detector says about the point it just consumed. */
export interface DetectorResult {
  /** Anomaly score in [0, 1]; comparable across series (one global threshold works). */
  score: number;
  /** The value the detector expected, and the band it considers normal (CloudWatch-style). */
  expected: number;
  lower: number;
  upper: number;
}

/**
 * A streaming detector: a typed descriptor plus a deterministic `update`. The state is a plain
 * JSON value (numbers, arrays, plain objects), so a job can persist it and resume later. For
 * speed `update` advances the state in place; the output depends only on (state, point), never on
 * the wall clock or unseeded randomness, and it only ever sees rows that came before.
 */
export interface Detector<P extends object, S extends { params: P }, Pt = MetricPoint> {
  id: string;
  title: string;
  summary: string;
  kind: Pt extends VectorPoint ? 'multivariate' : 'univariate';
  schema: z.ZodType<P>;
  defaults: P;
  init(params?: Partial<P>): S;
  update(state: S, point: Pt): DetectorResult;
}

// The registry holds detectors with different parameter and state shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDetector = Detector<any, any, MetricPoint>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyVectorDetector = Detector<any, any, VectorPoint>;

/** Builds a detector descriptor whose `init` validates parameters (ValidationError names the field). */
export function defineDetector<P extends object, S extends { params: P }, Pt = MetricPoint>(d: {
  id: string;
  title: string;
  summary: string;
  kind: Pt extends VectorPoint ? 'multivariate' : 'univariate';
  schema: z.ZodType<P>;
  create(params: P): S;
  update(state: S, point: Pt): DetectorResult;
}): Detector<P, S, Pt> {
  const defaults = parseOrThrow(d.schema, {}, 'params');
  return {
    id: d.id,
    title: d.title,
    summary: d.summary,
    kind: d.kind,
    schema: d.schema,
    defaults,
    init: (params = {}) => d.create(parseOrThrow(d.schema, { ...defaults, ...params }, 'params')),
    update: d.update,
  };
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : Number.isFinite(x) ? x : 1);

/** Upper tail of the standard normal, Q(z) = P(Z > z), via Numerical Recipes' erfc (relative error < 1.2e-7, so deep tails stay usable). */
export function normalTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}
