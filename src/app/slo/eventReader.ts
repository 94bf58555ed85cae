import { EventBuckets } from '../../core/slo/burn/buckets.js';
import type { CumulativeEvents } from '../../core/slo/burn/math.js';
import { sliEventSeries } from '../../core/slo/sli/events.js';
import { sliQueryPlan, type SliQueryPlan } from '../../core/slo/sli/queries.js';
import type { SloDefinition } from '../../core/slo/spec/model.js';
import { alignDown } from '../../core/slo/status.js';
import { metricKey, type MetricQuery, type Metrics, type MetricSeries } from '../../ports/metrics.js';

/**
 * Metric reads shared by the SLOs of one evaluation tick: SLOs that read the same metric and
 * statistic over the same range (orders-success and orders-latency both read Invocations) read it
 * once. Create one per tick; it holds the series until it is dropped.
 */
export type QueryMemo = Map<string, Promise<MetricSeries>>;

export interface SliEventReaderOptions {
  /**
   * The most recent span re-read at every evaluation, because CloudWatch may still add datapoints
   * to minutes that have passed (default 5 minutes). Older minutes are read once.
   */
  settleMs?: number;
}

interface HeldEvents {
  /** What the buckets were computed from; a changed SLI or budgeting starts over. */
  key: string;
  plan: SliQueryPlan;
  buckets: EventBuckets;
  /** End (exclusive) of the last read. */
  readUntil: number;
}

const DEFAULT_SETTLE_MS = 5 * 60_000;

/**
 * Turns an SLO's metrics into cumulative good/total events over an evaluation range, reading
 * incrementally: the first call reads the whole range; later calls read only the steps since the
 * last one (plus the settle span), slide the held steps forward and sum them. Results are those of
 * a full read of the same range (the burn-rate math runs on the same per-step events).
 *
 * @example
 * const reader = createSliEventReader(metrics);
 * const memo: QueryMemo = new Map();
 * const cum = await reader.read(slo, range.startMs, range.endMs, memo);
 * sloStatusAtTime(slo, cum, range.endMs);
 */
export function createSliEventReader(metrics: Metrics, opts: SliEventReaderOptions = {}) {
  const settleMs = opts.settleMs ?? DEFAULT_SETTLE_MS;
  const held = new Map<string, HeldEvents>();
  // One read at a time: a read writes the buckets another one might be summing or sliding.
  let queue: Promise<unknown> = Promise.resolve();

  async function fetch(queries: MetricQuery[], startMs: number, endMs: number, memo: QueryMemo | undefined): Promise<MetricSeries[]> {
    if (!memo) return metrics.getMetricData(queries, startMs, endMs);
    const keyOf = (q: MetricQuery) => `${metricKey(q.metric)}|${q.stat}|${q.period}|${startMs}|${endMs}`;
    const missing = queries.filter((q) => !memo.has(keyOf(q)));
    if (missing.length > 0) {
      const batch = metrics.getMetricData(missing, startMs, endMs);
      // A failed read is not remembered: the next SLO asking for it tries again.
      batch.catch(() => missing.forEach((q) => memo.delete(keyOf(q))));
      missing.forEach((q) =>
        memo.set(
          keyOf(q),
          batch.then((all) => all.find((s) => s.id === q.id) ?? { id: q.id, metric: q.metric, timestamps: [], values: [] }),
        ),
      );
    }
    // Series come back under this SLO's query ids (another SLO's plan may name the same metric differently).
    return Promise.all(queries.map(async (q) => ({ ...(await (memo.get(keyOf(q)) as Promise<MetricSeries>)), id: q.id })));
  }

  async function readNow(slo: SloDefinition, startMs: number, endMs: number, memo: QueryMemo | undefined): Promise<CumulativeEvents> {
    const key = JSON.stringify([slo.sli, slo.budgeting, slo.stepMs, slo.timeSliceTarget]);
    let h = held.get(slo.id);
    // Start over for a new or changed SLO, and for a range that starts before what is held (an
    // evaluation of the past): the held steps cannot be extended backwards.
    const fresh = !h || h.key !== key || startMs < h.buckets.startMs;
    const from = fresh ? startMs : Math.max(startMs, Math.min(endMs, alignDown((h as HeldEvents).readUntil - settleMs, slo.stepMs)));
    const plan = fresh ? sliQueryPlan(slo) : (h as HeldEvents).plan;
    let series: MetricSeries[] = [];
    if (from < endMs) series = await fetch(plan.queries, from, endMs, memo);
    if (fresh) {
      h = { key, plan, buckets: new EventBuckets(slo.stepMs, startMs, Math.round((endMs - startMs) / slo.stepMs) + 64), readUntil: startMs };
      held.set(slo.id, h);
    }
    const state = h as HeldEvents;
    state.buckets.dropBefore(startMs);
    if (from < endMs) state.buckets.write(sliEventSeries(slo, plan, series, from, endMs));
    state.readUntil = Math.max(state.readUntil, endMs);
    return state.buckets.cumulative(startMs, endMs);
  }

  return {
    /** Cumulative events of the SLO over [startMs, endMs) (both aligned to its step). */
    read(slo: SloDefinition, startMs: number, endMs: number, memo?: QueryMemo): Promise<CumulativeEvents> {
      const run = queue.then(() => readNow(slo, startMs, endMs, memo));
      queue = run.catch(() => undefined);
      return run;
    },
    /** Forgets what is held for an SLO (removed, or its data known to have changed). */
    forget(sloId: string): void {
      held.delete(sloId);
    },
    /** Steps held per SLO (for tests and diagnostics). */
    heldSteps(sloId: string): number {
      return held.get(sloId)?.buckets.length ?? 0;
    },
  };
}

export type SliEventReader = ReturnType<typeof createSliEventReader>;
