import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulate } from '../../core/slo/burn/math.js';
import { sliEventSeries } from '../../core/slo/sli/events.js';
import { sliQueryPlan } from '../../core/slo/sli/queries.js';
import type { SloDefinition } from '../../core/slo/spec/model.js';
import { loadSloDefinitions } from '../../core/slo/spec/resolve.js';
import { evaluationRange, sloStatusAtTime } from '../../core/slo/status.js';
import { createSliEventReader, type QueryMemo } from './eventReader.js';
import { SyntheticMetrics } from './testing/syntheticMetrics.js';
import { ORDERS_DURATION, ORDERS_ERRORS, ORDERS_INVOCATIONS } from './testing/world.js';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const T0 = Date.parse('2026-11-01T00:00:00Z');
const SLO_DIR = join(import.meta.dirname, '..', '..', '..', 'slos');
const spec = (file: string) => ({ name: file, text: readFileSync(join(SLO_DIR, file), 'utf8') });
const SLOS = loadSloDefinitions([spec('orders.yaml'), spec('web.yaml')]);
const byId = (id: string) => SLOS.find((s) => s.id === id) as SloDefinition;
const WEB_ASG = { namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensions: { AutoScalingGroupName: 'web-asg' } };

/** Noisy traffic with errors, latency spikes, gaps and an outage of the web group. */
function world(): SyntheticMetrics {
  const wave = (t: number) => Math.abs(Math.sin(t / 7_777_777));
  return new SyntheticMetrics(T0 - 40 * D)
    .set(ORDERS_INVOCATIONS, (t) => (t % (97 * MIN) === 0 ? undefined : 800 + ((t / MIN) % 13) * 10))
    .set(ORDERS_ERRORS, (t) => Math.round(20 * wave(t) ** 8))
    .set(ORDERS_DURATION, (t, stat) => ({ p50: 100, p90: 300, p95: 500 + 900 * wave(t), p99: 900 + 600 * wave(t) })[stat as 'p50'])
    .set(WEB_ASG, (t) => (t % (53 * MIN) < 3 * MIN ? 0 : 4));
}

/** The status from a full read of the whole range: what every evaluation computed before. */
async function fullRead(metrics: SyntheticMetrics, slo: SloDefinition, nowMs: number) {
  const range = evaluationRange(slo, nowMs);
  const plan = sliQueryPlan(slo);
  const series = await metrics.getMetricData(plan.queries, range.startMs, range.endMs);
  return sloStatusAtTime(slo, cumulate(sliEventSeries(slo, plan, series, range.startMs, range.endMs)), range.endMs);
}

describe('Function: createSliEventReader', () => {
  it.each(['orders-success', 'orders-latency', 'web-availability'])('%s: every incremental evaluation equals a full read, reading only the new minutes', async (id) => {
    const slo = byId(id);
    const metrics = world();
    const reader = createSliEventReader(metrics);
    // Every 37 minutes for a day, across the turn of the calendar month (web-availability).
    for (let now = T0 - 12 * H; now <= T0 + 12 * H; now += 37 * MIN) {
      metrics.calls.length = 0;
      const range = evaluationRange(slo, now);
      const got = sloStatusAtTime(slo, await reader.read(slo, range.startMs, range.endMs), range.endMs);
      expect(got).toEqual(await fullRead(metrics, slo, now));
      if (now > T0 - 12 * H) {
        // 37 new minutes and the 5-minute settle span.
        expect(metrics.calls[0]!.endMs - metrics.calls[0]!.startMs, new Date(now).toISOString()).toBe(42 * MIN);
      }
    }
  });

  it('equals a full read for any sequence of evaluation times, including jumps and evaluations of the past (property)', async () => {
    const slo = byId('orders-success');
    const metrics = world();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -3 * 1440, max: 4 * 1440 }), { minLength: 1, maxLength: 8 }), async (steps) => {
        const reader = createSliEventReader(metrics, { settleMs: 2 * MIN });
        let now = T0;
        for (const minutes of steps) {
          now += minutes * MIN;
          const range = evaluationRange(slo, now);
          const got = sloStatusAtTime(slo, await reader.read(slo, range.startMs, range.endMs), range.endMs);
          expect(got).toEqual(await fullRead(metrics, slo, now));
        }
      }),
      { numRuns: 10 },
    );
  });

  it('reads a metric shared by two SLOs once per tick', async () => {
    const metrics = world();
    const reader = createSliEventReader(metrics);
    const read = async (now: number) => {
      const memo: QueryMemo = new Map();
      for (const slo of [byId('orders-success'), byId('orders-latency')]) {
        const range = evaluationRange(slo, now);
        await reader.read(slo, range.startMs, range.endMs, memo);
      }
    };
    await read(T0);
    metrics.calls.length = 0;
    await read(T0 + MIN);
    const names = metrics.calls.flatMap((c) => c.queries.map((q) => `${q.metric.metricName}/${q.stat}`));
    expect(names.sort()).toEqual(['Duration/p50', 'Duration/p90', 'Duration/p95', 'Duration/p99', 'Errors/Sum', 'Invocations/Sum']);
  });

  it('starts over when the SLI changes, and keeps nothing after a failed read', async () => {
    const metrics = world();
    const reader = createSliEventReader(metrics);
    const slo = byId('orders-success');
    const range = evaluationRange(slo, T0);
    await reader.read(slo, range.startMs, range.endMs);
    const stricter = { ...slo, sli: { ...slo.sli, total: { terms: [{ sign: 1 as const, metric: ORDERS_INVOCATIONS, stat: 'Sum' as const }, { sign: 1 as const, metric: ORDERS_ERRORS, stat: 'Sum' as const }] } } };
    metrics.calls.length = 0;
    await reader.read(stricter, range.startMs, range.endMs);
    expect(metrics.calls[0]!.startMs).toBe(range.startMs);

    metrics.failWith = new Error('ThrottlingException');
    await expect(reader.read(stricter, range.startMs + H, range.endMs + H)).rejects.toThrow('ThrottlingException');
    metrics.failWith = undefined;
    const later = evaluationRange(slo, T0 + H);
    const got = sloStatusAtTime(stricter, await reader.read(stricter, later.startMs, later.endMs), later.endMs);
    const plan = sliQueryPlan(stricter);
    const series = await metrics.getMetricData(plan.queries, later.startMs, later.endMs);
    expect(got).toEqual(sloStatusAtTime(stricter, cumulate(sliEventSeries(stricter, plan, series, later.startMs, later.endMs)), later.endMs));
    reader.forget(slo.id);
    expect(reader.heldSteps(slo.id)).toBe(0);
  });
});
