import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SignalSchema, type Signal } from '../../core/events/signal.js';
import { createSloService } from './service.js';
import { ManualClock } from './testing/manualClock.js';
import { createMemoryStore } from './testing/memoryStore.js';
import { ordersWorld } from './testing/world.js';
import { SyntheticMetrics } from './testing/syntheticMetrics.js';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const SLO_DIR = join(import.meta.dirname, '..', '..', '..', 'slos');
const ORDERS = { name: 'orders.yaml', text: readFileSync(join(SLO_DIR, 'orders.yaml'), 'utf8') };
const T0 = Date.parse('2026-11-01T00:00:00Z');

function setup(errorShare: (t: number) => number, dataStartMs = T0 - 3 * D) {
  const clock = new ManualClock(T0);
  const store = createMemoryStore();
  const metrics: SyntheticMetrics = ordersWorld({ dataStartMs, errorShare });
  const signals: Signal[] = [];
  const service = createSloService({
    metrics,
    store,
    clock,
    emit: (s) => {
      signals.push(SignalSchema.parse(s));
      return Promise.resolve();
    },
  });
  return { clock, store, metrics, signals, service };
}

/** Evaluates only orders-success every `everyMs` until `untilMs`. */
async function run(ctx: ReturnType<typeof setup>, untilMs: number, everyMs: number) {
  while (ctx.clock.now() < untilMs) {
    ctx.clock.advance(everyMs);
    await ctx.service.evaluate(undefined, { sloIds: ['orders-success'] });
  }
}

describe('Function: createSloService › loadSpecs', () => {
  it('loads every spec file of a directory into the slos collection', async () => {
    const { service } = setup(() => 0);
    const loaded = await service.loadSpecs(SLO_DIR);
    expect(loaded).toHaveLength(5);
    expect((await service.list()).map((d) => d.id).sort()).toEqual(['checkout-availability', 'checkout-latency-p99', 'orders-latency', 'orders-success', 'web-availability']);
    expect((await service.get('orders-success')).service).toBe('orders');
    await service.remove('web-availability');
    expect((await service.list()).map((d) => d.id)).not.toContain('web-availability');
    await expect(service.remove('web-availability')).rejects.toThrow('SLO web-availability not found');
  });

  it('keeps the alert state of an SLO when its spec is loaded again', async () => {
    const ctx = setup((t) => (t >= T0 ? 1 : 0));
    await ctx.service.loadSpecs([ORDERS]);
    await run(ctx, T0 + 12 * MIN, MIN);
    expect(Object.keys((await ctx.service.get('orders-success')).firing)).toEqual(['1h-5m', '6h-30m']);
    await ctx.service.loadSpecs([ORDERS]);
    expect(Object.keys((await ctx.service.get('orders-success')).firing)).toEqual(['1h-5m', '6h-30m']);
  });
});

describe('Function: createSloService › evaluate', () => {
  let ctx: ReturnType<typeof setup>;

  it('fires a ticket before a page on a slow error-rate creep (manual clock)', async () => {
    // After ten clean days the burn rate grows by 0.1× per hour (errors = 0.5 % × 0.1 × hours). Hand-computed:
    // 3d/6h reaches 1× when 0.1·t²/2/72 = 1 (t ≈ 37.9 h), 1d/2h 3× when 0.1·(t − 12) = 3 (t = 42 h),
    // the 6h/30m page 6× when 0.1·(t − 3) = 6 (t = 63 h); the budget lasts until t ≈ 80 h.
    ctx = setup((t) => (t < T0 ? 0 : 0.005 * 0.1 * ((t - T0) / H)), T0 - 10 * D);
    await ctx.service.loadSpecs([ORDERS]);
    await run(ctx, T0 + 66 * H, 30 * MIN);

    const firing = ctx.signals.filter((s) => s.state === 'firing');
    expect(firing.map((s) => [s.rule, s.severity, s.labels.burn_severity])).toEqual([
      ['slo-burn-3d-6h', 'SEV-3', 'ticket'],
      ['slo-burn-1d-2h', 'SEV-3', 'ticket'],
      ['slo-burn-6h-30m', 'SEV-2', 'page'],
    ]);
    const hoursIn = (s: Signal | undefined) => (Date.parse(s?.time ?? '') - T0) / H;
    expect(hoursIn(firing[0])).toBe(38);
    expect([42, 42.5]).toContain(hoursIn(firing[1]));
    expect([63, 63.5]).toContain(hoursIn(firing[2]));
    expect(firing[2]?.labels).toMatchObject({ service: 'orders', slo: 'orders-success', window: '6h/30m', owner: 'team-orders', alertname: 'SLOErrorBudgetBurn' });
    expect(firing[2]).toMatchObject({ source: 'slo', kind: 'slo-burn', level: 'critical', resourceArn: 'slo:orders/orders-success', threshold: 6 });
    expect(ctx.signals.some((s) => s.state === 'resolved')).toBe(false);
  });

  it('pages within minutes of a full outage and resolves each window once its short window is clean', async () => {
    ctx = setup((t) => (t >= T0 && t < T0 + 20 * MIN ? 1 : 0));
    await ctx.service.loadSpecs([ORDERS]);
    await run(ctx, T0 + 60 * MIN, MIN);
    const at = (rule: string, state: string) => (Date.parse(ctx.signals.find((s) => s.rule === rule && s.state === state)?.time ?? '') - T0) / MIN;
    // 99.5 %: a full outage burns at 200×; 14.4× over 1 h needs 4.32 min, 6× over 6 h needs 10.8 min.
    expect(at('slo-burn-1h-5m', 'firing')).toBe(5);
    expect(at('slo-burn-6h-30m', 'firing')).toBe(11);
    expect(at('slo-burn-1h-5m', 'resolved')).toBe(25);
    expect(at('slo-burn-6h-30m', 'resolved')).toBe(50);
    const [status] = await ctx.service.evaluate(undefined, { sloIds: ['orders-success'], dryRun: true });
    // 20 bad minutes out of 3 days + 1 h of traffic: 1 − 20 / (0.005 · 4380) ≈ 0.0868
    expect(status?.budgetRemaining).toBeCloseTo(1 - 20 / (0.005 * 4380), 6);
    expect(status?.state).toBe('ok');
    expect(await ctx.service.isRemediationFrozen('orders')).toBe(false);
  });

  it('applies the budget policy when the budget is spent: raised severity, frozen remediation, owner notified; lifted when it recovers', async () => {
    ctx = setup((t) => (t >= T0 && t < T0 + 30 * MIN ? 1 : 0));
    await ctx.service.loadSpecs([ORDERS]);
    await run(ctx, T0 + 30 * MIN, MIN);

    expect(await ctx.service.isRemediationFrozen('orders')).toBe(true);
    expect(await ctx.service.isRemediationFrozen('checkout')).toBe(false);
    const owner = ctx.signals.filter((s) => s.rule === 'slo-budget-exhausted');
    expect(owner.map((s) => [s.state, s.labels.owner])).toEqual([['firing', 'team-orders']]);
    // The page re-enters the pipeline one severity higher once the budget is gone.
    expect(ctx.signals.filter((s) => s.rule === 'slo-burn-1h-5m' && s.state === 'firing').map((s) => s.severity)).toEqual(['SEV-2', 'SEV-1']);
    const [status] = await ctx.service.evaluate(undefined, { sloIds: ['orders-success'] });
    expect(status).toMatchObject({ state: 'exhausted', remediationFrozen: true, timeToExhaustionMs: 0 });

    // 31 days later the outage has left the rolling window.
    ctx.clock.advance(31 * D);
    await ctx.service.evaluate(undefined, { sloIds: ['orders-success'] });
    expect(await ctx.service.isRemediationFrozen('orders')).toBe(false);
    expect(ctx.signals.filter((s) => s.rule === 'slo-budget-exhausted').map((s) => s.state)).toEqual(['firing', 'resolved']);
  });

  it('fails closed when metrics cannot be read: state unknown, firing alerts stay firing', async () => {
    ctx = setup((t) => (t >= T0 ? 1 : 0));
    await ctx.service.loadSpecs([ORDERS]);
    await run(ctx, T0 + 12 * MIN, MIN);
    const before = ctx.signals.length;
    ctx.metrics.failWith = new Error('ThrottlingException');
    ctx.clock.advance(2 * H);
    const [status] = await ctx.service.evaluate(undefined, { sloIds: ['orders-success'] });
    expect(status).toMatchObject({ state: 'unknown', error: 'ThrottlingException', firing: ['1h-5m', '6h-30m'] });
    expect(ctx.signals).toHaveLength(before);
  });

  it('computes without emitting or storing in a dry run', async () => {
    ctx = setup((t) => (t >= T0 ? 1 : 0));
    await ctx.service.loadSpecs([ORDERS]);
    ctx.clock.advance(12 * MIN);
    const statuses = await ctx.service.evaluate(undefined, { dryRun: true });
    expect(statuses.map((s) => s.sloId)).toEqual(['orders-latency', 'orders-success']);
    expect(statuses[1]?.firing).toEqual(['1h-5m', '6h-30m']);
    expect(ctx.signals).toEqual([]);
    expect(await ctx.service.history('orders-success')).toEqual([]);
  });

  it('evaluates an availability SLO in timeslices over the calendar month', async () => {
    const clock = new ManualClock(T0 + 10 * D);
    const down = (t: number) => t >= T0 + 5 * D && t < T0 + 5 * D + 10 * MIN;
    const metrics = new SyntheticMetrics(T0 - 40 * D).set({ namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensions: { AutoScalingGroupName: 'web-asg' } }, (t) => (down(t) ? 0 : 4));
    const service = createSloService({ metrics, store: createMemoryStore(), clock, emit: () => Promise.resolve() });
    await service.loadSpecs([{ name: 'web.yaml', text: readFileSync(join(SLO_DIR, 'web.yaml'), 'utf8') }]);
    const [web] = await service.evaluate();
    // November so far: 14 400 one-minute slices, 10 bad; budget 0.1 % of them = 14.4 slices.
    expect(web?.sli).toBeCloseTo(1 - 10 / 14_400, 12);
    expect(web?.budgetRemaining).toBeCloseTo(1 - 10 / 14.4, 9);
  });

  it('evaluates the latency SLO from Duration percentiles', async () => {
    ctx = setup(() => 0);
    await ctx.service.loadSpecs([ORDERS]);
    const [latency] = await ctx.service.evaluate(T0, { sloIds: ['orders-latency'] });
    // p99 = 700 ms is under 1 s: every invocation counts as fast.
    expect(latency).toMatchObject({ sli: 1, budgetRemaining: 1, state: 'ok' });
  });
});

describe('Function: createSloService › backfill', () => {
  it('stores one history point per hour over the last 30 days, showing a past incident', async () => {
    // Ten days ago, two hours of 10 % errors (burn 20×): 1 − (120 · 0.1) / (0.005 · minutes in window) afterwards.
    const incident = T0 - 10 * D;
    const ctx = setup((t) => (t >= incident && t < incident + 2 * H ? 0.1 : 0), T0 - 40 * D);
    await ctx.service.loadSpecs([ORDERS]);
    const result = await ctx.service.backfill('orders-success', 30);
    expect(result).toEqual({ sloId: 'orders-success', points: 720, from: new Date(T0 - 30 * D + H).toISOString(), to: new Date(T0).toISOString() });
    const points = await ctx.service.history('orders-success');
    expect(points).toHaveLength(720);
    expect(points[0]?.budgetRemaining).toBe(1);
    expect(points.at(-1)?.budgetRemaining).toBeCloseTo(1 - (120 * 0.1) / (0.005 * 30 * 24 * 60), 9);
    const duringIncident = points.find((p) => p.at === new Date(incident + 2 * H).toISOString());
    expect(duringIncident?.firing).toEqual(['1h-5m', '6h-30m']);
    expect(duringIncident?.burnRates['1h']).toBeCloseTo(20, 9);
    expect(duringIncident?.burnRates['6h']).toBeCloseTo(20 / 3, 9);
    // Idempotent: a second backfill overwrites the same points.
    await ctx.service.backfill('orders-success', 30);
    expect(await ctx.service.history('orders-success')).toHaveLength(720);
  });

  it('rejects an unknown SLO', async () => {
    const { service } = setup(() => 0);
    await expect(service.backfill('nope')).rejects.toThrow('SLO nope not found');
  });
});
