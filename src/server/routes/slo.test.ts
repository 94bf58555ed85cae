import { describe, expect, it } from 'vitest';
import { routeHarness } from '../../../test/integration/route-harness.js';
import { specSources } from './slo.js';
import { ORDERS_THROTTLES_SPEC as SPEC } from '../../app/slo/testing/specs.js';

const h = routeHarness({
  features: ['slo'],
  setup: async () => {
    // One minute of platform time: every SLO has been evaluated once.
    await h.t.clock.advance(60_000);
    await h.t.platform.tick();
  },
});

describe('Routes: /slos', () => {
  it('lists every SLO with budget remaining, burn rate per window and firing alerts', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/slos' });
    expect(res.statusCode).toBe(200);
    const { items } = res.json<{ items: Array<Record<string, unknown> & { burnRates: Record<string, number>; alertRules: unknown[] }> }>();
    expect(items.map((i) => i.id)).toEqual([
      'checkout-availability',
      'checkout-latency-p99',
      'orders-latency',
      'orders-success',
      'web-availability',
    ]);
    const orders = items.find((i) => i.id === 'orders-success')!;
    expect(orders).toMatchObject({
      service: 'orders',
      target: 0.995,
      state: 'ok',
      firing: [],
      window: '30d rolling',
      budgeting: 'Occurrences',
    });
    expect(orders.budgetRemaining).toBeGreaterThan(0);
    expect(Object.keys(orders.burnRates)).toEqual(expect.arrayContaining(['1h', '5m', '6h', '30m', '1d', '2h', '3d']));
    expect(orders.alertRules).toHaveLength(4);
    // Sparklines: the last history points (none yet before the first backfill), one line per long window.
    expect(Object.keys((orders.sparkline as { burnRates: object }).burnRates)).toEqual(['1h', '6h', '1d', '3d']);
  });

  it('returns the last history points as sparklines once history exists', async () => {
    await h.t.platform.features.slo.ensureBackfilled('orders-success');
    const { items } = (await h.app.inject({ method: 'GET', url: '/api/v1/slos?points=24' })).json<{
      items: Array<{ id: string; sparkline: { at: string[]; budgetRemaining: number[]; burnRates: Record<string, Array<number | null>> } }>;
    }>();
    const spark = items.find((i) => i.id === 'orders-success')!.sparkline;
    expect(spark.at).toHaveLength(24);
    expect(spark.at[0]! < spark.at[23]!).toBe(true);
    expect(spark.burnRates['1h']).toHaveLength(24);
    expect(spark.budgetRemaining.every((b) => b <= 1)).toBe(true);
  });

  it('shows one SLO with its definition, backfilled history and incidents', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/slos/orders-success' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      id: string;
      history: Array<{ at: string; budgetRemaining: number }>;
      definition: { id: string };
      incidents: unknown[];
      serviceIncidents: unknown[];
    }>();
    expect(body.definition.id).toBe('orders-success');
    expect(body.history.length).toBeGreaterThanOrEqual(720);
    expect(body.history[0]!.at < body.history.at(-1)!.at).toBe(true);
    expect(body.incidents).toEqual([]);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/slos/nope' })).statusCode).toBe(404);
  });

  it.each([
    ['YAML text', { 'content-type': 'application/yaml' }, SPEC],
    ['a JSON { spec } body', { 'content-type': 'application/json' }, JSON.stringify({ spec: SPEC })],
  ])('checks a spec given as %s without saving it', async (_name, headers, payload) => {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/slos/check', headers, payload });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      valid: true,
      slos: [{ id: 'orders-throttles', service: 'orders', target: 0.99, window: '7d rolling' }],
    });
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/slos/orders-throttles' })).statusCode).toBe(404);
  });

  it.each([
    ['a target above 1', SPEC.replace('target: 0.99', 'target: 1.5'), 'request#1 SLO orders-throttles.spec.objectives.0.target'],
    [
      'an unknown budgeting method',
      SPEC.replace('budgetingMethod: Occurrences', 'budgetingMethod: Sometimes'),
      'request#1 SLO orders-throttles.spec.budgetingMethod',
    ],
    ['an empty body', ' ', 'body'],
  ])('rejects %s with the field named', async (_name, payload, field) => {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/slos/check', headers: { 'content-type': 'application/yaml' }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation', field });
  });

  it('creates an SLO from JSON documents (operator), then deletes it', async () => {
    const doc = {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'orders-throttles' },
      spec: (await import('yaml')).parse(SPEC).spec,
    };
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/slos', payload: [doc] })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/slos', headers: h.as('viewer'), payload: [doc] })).statusCode).toBe(403);
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/slos', headers: h.as('operator'), payload: [doc] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ items: [{ id: 'orders-throttles', state: 'ok', budgetRemaining: 1 }] });
    const list = (await h.app.inject({ method: 'GET', url: '/api/v1/slos' })).json<{ items: { id: string }[] }>();
    expect(list.items.map((i) => i.id)).toContain('orders-throttles');

    expect((await h.app.inject({ method: 'DELETE', url: '/api/v1/slos/orders-throttles', headers: h.as('viewer') })).statusCode).toBe(403);
    const del = await h.app.inject({ method: 'DELETE', url: '/api/v1/slos/orders-throttles', headers: h.as('operator') });
    expect(del.statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/slos/orders-throttles' })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'DELETE', url: '/api/v1/slos/orders-throttles', headers: h.as('operator') })).statusCode).toBe(
      404,
    );
  });

  it('rejects an invalid spec on create with the field named, storing nothing', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/slos',
      headers: { ...h.as('operator'), 'content-type': 'application/yaml' },
      payload: SPEC.replace('openslo/v1', 'v1'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'request#1.apiVersion' });
  });
});

describe('Function: specSources', () => {
  it.each([
    ['YAML text', 'kind: SLO', [{ name: 'request', text: 'kind: SLO' }]],
    ['a { spec, name } object', { spec: 'kind: SLO', name: 'mine.yaml' }, [{ name: 'mine.yaml', text: 'kind: SLO' }]],
    ['one JSON document', { kind: 'SLO' }, [{ name: 'request', text: '{"kind":"SLO"}' }]],
    [
      'an array of documents',
      [{ kind: 'Service' }, { kind: 'SLO' }],
      [{ name: 'request', text: '{"kind":"Service"}\n---\n{"kind":"SLO"}' }],
    ],
  ])('reads %s', (_name, body, expected) => {
    expect(specSources(body)).toEqual(expected);
  });

  it.each([[undefined], [''], [[]], [42]])('rejects %j naming the body', (body) => {
    expect(() => specSources(body)).toThrow('body');
  });
});
