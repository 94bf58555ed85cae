import type { MetricSeries } from '../../../ports/metrics.js';
import type { EventSeries } from '../burn/math.js';
import type { MetricSum, SloDefinition, ThresholdOp } from '../spec/model.js';
import { SLI_PERIOD_S, type SliQueryPlan } from './queries.js';

const MINUTE = SLI_PERIOD_S * 1000;

/** A query's values on the minute grid starting at `startMs`; NaN where CloudWatch returned nothing. */
function onGrid(series: MetricSeries | undefined, startMs: number, minutes: number): Float64Array {
  const out = new Float64Array(minutes).fill(NaN);
  if (!series) return out;
  for (let i = 0; i < series.timestamps.length; i++) {
    const idx = Math.floor(((series.timestamps[i] as number) - startMs) / MINUTE);
    if (idx >= 0 && idx < minutes) out[idx] = series.values[i] as number;
  }
  return out;
}

function sumOnGrid(sum: MetricSum, plan: SliQueryPlan, byId: Map<string, MetricSeries>, startMs: number, minutes: number): { values: Float64Array; present: Uint8Array } {
  const values = new Float64Array(minutes);
  const present = new Uint8Array(minutes);
  for (const term of sum.terms) {
    const series = byId.get(plan.idOf(term.metric, term.stat));
    if (!series) continue;
    const { timestamps, values: vals } = series;
    const sign = term.sign;
    // Accumulate straight from the datapoints: a missing counter datapoint means no events in that
    // minute (CloudWatch omits zero sums), and this is the hot loop of every evaluation.
    for (let i = 0; i < timestamps.length; i++) {
      const idx = Math.floor(((timestamps[i] as number) - startMs) / MINUTE);
      if (idx < 0 || idx >= minutes) continue;
      const v = vals[i] as number;
      if (v !== v) continue; // NaN
      values[idx] = (values[idx] as number) + sign * v;
      present[idx] = 1;
    }
  }
  return { values, present };
}

const compare = (v: number, op: ThresholdOp, threshold: number): boolean => (op === 'lt' ? v < threshold : op === 'lte' ? v <= threshold : op === 'gt' ? v > threshold : v >= threshold);

const PERCENTILE_SHARE = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 } as const;

/**
 * The share of requests at or under `thresholdMs`, read off the percentile curve: linear between
 * the known (latency, share) points, from (0 ms, 0) below the first; at or above the highest
 * percentile the request is counted as fast (publish a higher percentile for tighter objectives).
 */
export function shareUnder(thresholdMs: number, points: Array<{ ms: number; share: number }>): number {
  const known = points.filter((p) => Number.isFinite(p.ms)).sort((a, b) => a.share - b.share);
  if (known.length === 0) return NaN;
  let prev = { ms: 0, share: 0 };
  for (const p of known) {
    if (thresholdMs < p.ms) {
      const span = p.ms - prev.ms;
      return span <= 0 ? prev.share : prev.share + ((p.share - prev.share) * (thresholdMs - prev.ms)) / span;
    }
    prev = p;
  }
  return 1;
}

/**
 * Turns an SLO's metric series into good/total events per evaluation step over [startMs, endMs),
 * applying the budgeting method: Occurrences counts requests (or data points for threshold SLIs);
 * Timeslices counts slices, each good when its ratio reaches the slice target. Minutes without
 * data are no events, never good or bad ones.
 */
export function sliEventSeries(slo: SloDefinition, plan: SliQueryPlan, series: MetricSeries[], startMs: number, endMs: number): EventSeries {
  const minutes = Math.max(0, Math.floor((endMs - startMs) / MINUTE));
  const byId = new Map(series.map((s) => [s.id, s]));
  const good = new Float64Array(minutes);
  const total = new Float64Array(minutes);
  const sli = slo.sli;

  if (sli.kind === 'ratio') {
    const t = sumOnGrid(sli.total, plan, byId, startMs, minutes);
    const g = sli.good ? sumOnGrid(sli.good, plan, byId, startMs, minutes) : undefined;
    const b = sli.bad ? sumOnGrid(sli.bad, plan, byId, startMs, minutes) : undefined;
    for (let i = 0; i < minutes; i++) {
      const tot = Math.max(0, t.values[i] as number);
      total[i] = tot;
      good[i] = g ? Math.min(tot, Math.max(0, g.values[i] as number)) : Math.max(0, tot - Math.max(0, (b as { values: Float64Array }).values[i] as number));
    }
  } else if (sli.kind === 'threshold') {
    const v = sumOnGrid(sli.metric, plan, byId, startMs, minutes);
    for (let i = 0; i < minutes; i++) {
      if (!v.present[i]) continue;
      total[i] = 1;
      good[i] = compare(v.values[i] as number, sli.op, sli.threshold) ? 1 : 0;
    }
  } else {
    const count = sumOnGrid(sli.count, plan, byId, startMs, minutes);
    const grids = sli.percentiles.map((p) => ({ share: PERCENTILE_SHARE[p], grid: onGrid(byId.get(plan.idOf(sli.latency.metric, p)), startMs, minutes) }));
    for (let i = 0; i < minutes; i++) {
      const c = Math.max(0, count.values[i] as number);
      if (c <= 0) continue;
      const share = shareUnder(sli.thresholdMs, grids.map((g) => ({ ms: (g.grid[i] as number) * sli.valueToMs, share: g.share })));
      total[i] = c;
      // Requests without latency data in that minute count as good: missing telemetry is not an outage.
      good[i] = Number.isNaN(share) ? c : c * share;
    }
  }

  if (slo.budgeting === 'Occurrences') return { startMs, stepMs: MINUTE, good, total };
  return toTimeslices(good, total, startMs, slo.stepMs, slo.timeSliceTarget);
}

/** Groups minutes into slices; a slice with events is one event, good when good/total ≥ the slice target. */
function toTimeslices(good: Float64Array, total: Float64Array, startMs: number, stepMs: number, sliceTarget: number): EventSeries {
  const per = Math.max(1, Math.round(stepMs / MINUTE));
  const n = Math.floor(total.length / per);
  const g = new Float64Array(n);
  const t = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let sg = 0;
    let st = 0;
    for (let k = s * per; k < (s + 1) * per; k++) {
      sg += good[k] as number;
      st += total[k] as number;
    }
    if (st <= 0) continue;
    t[s] = 1;
    // A tiny tolerance so 0.999 of float sums still meets a 0.999 slice target.
    g[s] = sg / st >= sliceTarget - 1e-12 ? 1 : 0;
  }
  return { startMs, stepMs: per * MINUTE, good: g, total: t };
}
