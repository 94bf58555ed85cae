import type { MetricId } from '../../../ports/metrics.js';
import { SyntheticMetrics } from './syntheticMetrics.js';

/** The sandbox metric identities the default specs in slos/ read. */
export const ORDERS_INVOCATIONS: MetricId = { namespace: 'AWS/Lambda', metricName: 'Invocations', dimensions: { FunctionName: 'orders-processor' } };
export const ORDERS_ERRORS: MetricId = { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: 'orders-processor' } };
export const ORDERS_DURATION: MetricId = { namespace: 'AWS/Lambda', metricName: 'Duration', dimensions: { FunctionName: 'orders-processor' } };

/**
 * Synthetic orders-processor traffic: `perMinute` invocations, of which `errorShare(t)` fail.
 * Duration percentiles are steady and well under the 1 s latency objective.
 */
export function ordersWorld(opts: { dataStartMs: number; perMinute?: number; errorShare: (tMs: number) => number }): SyntheticMetrics {
  const perMinute = opts.perMinute ?? 1000;
  const durations = { p50: 120, p90: 300, p95: 420, p99: 700 } as Record<string, number>;
  return new SyntheticMetrics(opts.dataStartMs)
    .set(ORDERS_INVOCATIONS, () => perMinute)
    .set(ORDERS_ERRORS, (t) => perMinute * Math.min(1, Math.max(0, opts.errorShare(t))))
    .set(ORDERS_DURATION, (_t, stat) => durations[stat]);
}
