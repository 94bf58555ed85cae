import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { StoredSlo } from '../slo/index.js';
import { advanceUntil, startTestPlatform, type TestPlatform } from '../../../test/integration/helpers.js';
import { SyntheticMetrics } from '../slo/testing/syntheticMetrics.js';
import type { Metrics } from '../../ports/metrics.js';
import { checkSloSpecs, chunkedReads } from './slo.js';
import { ORDERS_THROTTLES_SPEC as SPEC } from '../slo/testing/specs.js';

const MIN = 60_000;
let t: TestPlatform | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const step = async (tp: TestPlatform, minutes = 1) => {
  for (let i = 0; i < minutes; i++) {
    await tp.clock.advance(MIN);
    await tp.platform.tick();
  }
};

describe('Function: installSlo', () => {
  it('loads the default specs, evaluates every minute of platform time and backfills each SLO once', async () => {
    t = await startTestPlatform({ features: ['slo'] });
    const slo = t.platform.features.slo;
    expect((await slo.list()).map((s) => s.id)).toEqual(['checkout-availability', 'checkout-latency-p99', 'orders-latency', 'orders-success', 'web-availability']);
    // Nothing is evaluated before the scheduler's first minute.
    expect((await slo.get('orders-success')).last).toBeUndefined();

    await step(t);
    const first = await slo.get('orders-success');
    expect(first.last?.at).toBe(new Date(t.clock.now()).toISOString());
    expect(first.last?.state).toBe('ok');
    await step(t);
    expect((await slo.get('orders-success')).last?.at).toBe(new Date(t.clock.now()).toISOString());

    // One SLO is backfilled per minute: after five minutes every one has 30 days of hourly history.
    await step(t, 3);
    for (const s of await slo.list()) {
      const points = await slo.history(s.id);
      expect(points.length, s.id).toBeGreaterThanOrEqual(720);
    }
    // The sandbox's healthy baseline burns less than the budget allows: no alert fires.
    const statuses = (await slo.list()).map((s) => s.last!);
    for (const s of statuses) expect(s.firing, s.sloId).toEqual([]);
    expect((await slo.get('checkout-availability')).last?.sli).toBeGreaterThan(0.999);
  });

  it('turns an orders-processor error surge into a page-level burn alert, an incident with the service label, and resolves it', async () => {
    t = await startTestPlatform({ features: ['slo'] });
    const p = t.platform;
    await step(t);
    // Half of the ~1 200 invocations a minute fail for 40 minutes: a burn of about 100×. The sandbox
    // derives Errors from invocations × the alias's error share (0.2 %), so ×250 makes it 50 %.
    await p.sandbox.inject([{ type: 'metric', resource: 'orders-processor', metric: 'Errors', pattern: 'scale', magnitude: 250, durationMinutes: 40 }], 'test');
    const alerts = p.store.collection<Alert>('alerts');
    const burnAlert = async () => (await alerts.find()).find((a) => a.rule === 'slo-burn-1h-5m' && a.labels.slo === 'orders-success');
    const minutes = await advanceUntil(t, async () => (await burnAlert()) !== undefined, 30);
    // The 1 h window reaches 14.4× after 14.4 × 0.005 / 0.5 × 60 ≈ 8.6 minutes of 50 % errors.
    expect(minutes).toBeGreaterThanOrEqual(8);
    expect(minutes).toBeLessThanOrEqual(12);

    const alert = (await burnAlert())!;
    expect(alert).toMatchObject({ status: 'firing', source: 'slo', severity: 'SEV-2' });
    expect(alert.labels).toMatchObject({ service: 'orders', slo: 'orders-success', alertname: 'SLOErrorBudgetBurn', window: '1h/5m' });
    const incident = await p.store.collection<Incident>('incidents').get(alert.incidentId!);
    expect(incident).toMatchObject({ status: 'open', service: 'orders' });

    const stored = await p.store.collection<StoredSlo>('slos').get('orders-success');
    expect(stored?.last?.state).toBe('burning');
    expect(Object.keys(stored!.firing)).toContain('1h-5m');

    // The surge ends; the 5 m short window clears a few minutes later and the alert resolves.
    await advanceUntil(t, async () => (await alerts.get(alert.id))?.status === 'resolved', 60);
    expect((await p.features.slo.get('orders-success')).firing['1h-5m']).toBeUndefined();
  });

  it('creates, lists and removes an SLO from a spec text, rejecting an invalid one with the field named', async () => {
    t = await startTestPlatform({ features: ['slo'] });
    const slo = t.platform.features.slo;
    const [created] = await slo.create([{ name: 'api.yaml', text: SPEC }]);
    expect(created).toMatchObject({ id: 'orders-throttles', service: 'orders' });
    expect(created?.last?.state).toBe('ok');
    expect((await slo.history('orders-throttles')).length).toBeGreaterThanOrEqual(720);
    await expect(slo.create([{ name: 'api.yaml', text: SPEC.replace('target: 0.99', 'target: 1.5') }])).rejects.toThrow('api.yaml#1 SLO orders-throttles.spec.objectives.0.target');
    await slo.remove('orders-throttles');
    await expect(slo.get('orders-throttles')).rejects.toThrow('SLO orders-throttles not found');
  });
});

describe('Function: checkSloSpecs', () => {
  it.each([
    ['a valid spec', SPEC, undefined],
    ['a target above 1', SPEC.replace('target: 0.99', 'target: 1.5'), 'spec.objectives.0.target'],
    ['a wrong apiVersion', SPEC.replace('openslo/v1', 'openslo/v2'), 'check.yaml#1.apiVersion'],
    ['no SLO document', 'apiVersion: openslo/v1\nkind: Service\nmetadata: { name: x }\nspec: {}\n', 'defines no SLO'],
  ])('validates %s', (_name, text, error) => {
    const run = () => checkSloSpecs([{ name: 'check.yaml', text }]);
    if (error) expect(run).toThrow(error);
    else expect(run().map((s) => s.id)).toEqual(['orders-throttles']);
  });
});



describe('Function: chunkedReads', () => {
  const metric = { namespace: 'AWS/Lambda', metricName: 'Invocations', dimensions: { FunctionName: 'orders-processor' } };
  const query = { id: 'q', metric, stat: 'Sum' as const, period: 60 };
  const T0 = Date.parse('2026-11-23T10:00:00.000Z');
  const D = 86_400_000;

  it.each([
    ['three days', 3 * D],
    ['a day and a half', 1.5 * D],
    ['one day', D],
    ['ten minutes', 10 * MIN],
  ])('returns what one read of %s returns, in chunks of a day', async (_name, span) => {
    const inner = new SyntheticMetrics(T0 - 10 * D).set(metric, (t) => (t % (7 * MIN) === 0 ? undefined : (t / MIN) % 97));
    const chunked = chunkedReads(inner);
    const [whole] = await inner.getMetricData([query], T0 - span, T0);
    inner.calls.length = 0;
    const [read] = await chunked.getMetricData([query], T0 - span, T0);
    expect(read!.timestamps).toEqual(whole!.timestamps);
    expect(read!.values).toEqual(whole!.values);
    expect(inner.calls).toHaveLength(Math.ceil(span / D));
  });

  it('keeps the inner adapter’s end: a datapoint at the end is returned when the adapter returns it', async () => {
    const inclusive: Metrics = {
      listMetrics: () => Promise.resolve([]),
      getMetricData: (qs, start, end) => {
        const timestamps: number[] = [];
        for (let t = start; t <= end; t += MIN) timestamps.push(t);
        return Promise.resolve(qs.map((q) => ({ id: q.id, metric: q.metric, timestamps, values: timestamps.map(() => 1) })));
      },
    };
    const [read] = await chunkedReads(inclusive).getMetricData([query], T0 - 2 * D, T0);
    expect(read!.timestamps).toHaveLength(2 * 1440 + 1);
    expect(new Set(read!.timestamps).size).toBe(read!.timestamps.length);
  });
});
