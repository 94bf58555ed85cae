import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../../ports/metrics.js';
import { loadSloDefinitions } from '../spec/resolve.js';
import { shareUnder, sliEventSeries } from './events.js';
import { sliQueryPlan } from './queries.js';

const MIN = 60_000;
const dims = '[{ name: FunctionName, value: fn }]';
const src = (metric: string, stat = 'Sum') => `{ metricSource: { type: CloudWatch, spec: { namespace: AWS/Lambda, metricName: ${metric}, stat: ${stat}, dimensions: ${dims} } } }`;

function slo(indicator: string, budgeting = 'Occurrences', objective = '{ target: 0.99 }') {
  const text = `apiVersion: openslo/v1
kind: SLO
metadata: { name: s }
spec:
  service: fn
  indicator:
    metadata: { name: i }
    spec:
${indicator}
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: ${budgeting}
  objectives: [${objective}]`;
  const [def] = loadSloDefinitions([{ name: 't.yaml', text }]);
  if (!def) throw new Error('no slo');
  return def;
}

const series = (id: string, values: Array<number | undefined>): MetricSeries => {
  const timestamps: number[] = [];
  const vals: number[] = [];
  values.forEach((v, i) => {
    if (v !== undefined) {
      timestamps.push(i * MIN);
      vals.push(v);
    }
  });
  return { id, metric: { namespace: 'x', metricName: 'y', dimensions: {} }, timestamps, values: vals };
};

describe('Function: sliEventSeries', () => {
  it('counts good = total − bad per minute for a bad/total ratio; missing minutes are no events', () => {
    const def = slo(`      ratioMetric:\n        bad: ${src('Errors')}\n        total: ${src('Invocations')}`);
    const plan = sliQueryPlan(def);
    expect(plan.queries.map((q) => q.metric.metricName)).toEqual(['Errors', 'Invocations']);
    const out = sliEventSeries(def, plan, [series('q0', [1, undefined, 5, 0]), series('q1', [100, 50, 4, undefined])], 0, 4 * MIN);
    expect(Array.from(out.total)).toEqual([100, 50, 4, 0]);
    expect(Array.from(out.good)).toEqual([99, 50, 0, 0]);
  });

  it('turns a threshold SLI into one event per minute with data (Occurrences)', () => {
    const def = slo(`      thresholdMetric: ${src('Duration', 'p99')}`, 'Occurrences', '{ target: 0.99, op: lte, value: 300 }');
    const out = sliEventSeries(def, sliQueryPlan(def), [series('q0', [100, 301, undefined, 300])], 0, 4 * MIN);
    expect(Array.from(out.total)).toEqual([1, 1, 0, 1]);
    expect(Array.from(out.good)).toEqual([1, 0, 0, 1]);
  });

  it('groups minutes into timeslices that are good only when the slice ratio reaches the slice target', () => {
    const def = slo(`      ratioMetric:\n        good: ${src('Successes')}\n        total: ${src('Invocations')}`, 'Timeslices', '{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 2m }');
    const out = sliEventSeries(def, sliQueryPlan(def), [series('q0', [10, 9, 10, 8, undefined, undefined]), series('q1', [10, 10, 10, 10, undefined, undefined])], 0, 6 * MIN);
    expect(out.stepMs).toBe(2 * MIN);
    expect(Array.from(out.total)).toEqual([1, 1, 0]); // the empty slice is no event
    expect(Array.from(out.good)).toEqual([1, 0, 0]); // 19/20 = 0.95 meets, 18/20 misses
  });

  it('estimates the share of fast requests from percentiles, weighted by the request count', () => {
    const def = slo(`      thresholdMetric:\n        metricSource: { type: CloudWatch, spec: { namespace: AWS/Lambda, metricName: Duration, stat: p99, dimensions: ${dims} } }\n        latencyShare:\n          thresholdMs: 1000\n          percentiles: [p90, p99]\n          count: ${src('Invocations')}`);
    const plan = sliQueryPlan(def);
    expect(plan.queries.map((q) => q.stat)).toEqual(['p90', 'p99', 'Sum']);
    // minute 0: p90 = 500, p99 = 1500 → share at 1000 ms = 0.9 + 0.09 · 0.5 = 0.945
    const out = sliEventSeries(def, plan, [series('q0', [500, 200]), series('q1', [1500, 900]), series('q2', [200, 100])], 0, 2 * MIN);
    expect(out.good[0]).toBeCloseTo(189, 9);
    expect(out.good[1]).toBeCloseTo(100, 9);
  });
});

describe('Function: shareUnder', () => {
  it.each([
    [250, 0.25],
    [500, 0.5],
    [750, 0.7],
    [1250, 0.925],
    [1500, 1],
    [5000, 1],
  ])('at %d ms over p50=500, p90=1000, p95=1500 gives %d', (ms, share) => {
    expect(shareUnder(ms, [{ ms: 500, share: 0.5 }, { ms: 1000, share: 0.9 }, { ms: 1500, share: 0.95 }])).toBeCloseTo(share, 9);
  });
});
