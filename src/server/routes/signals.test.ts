import { describe, expect, it } from 'vitest';
import { routeHarness } from '../../../test/integration/route-harness.js';
import { webhookEvent } from '../../app/alerting/testing/fixtures.js';

const event = (id: string) =>
  webhookEvent({
    id,
    title: `synthetic check ${id} failing`,
    resource: 'arn:aws:lambda:us-east-1:123456789012:function:checkout-api',
    at: '2026-11-23T10:00:00.000Z',
    service: 'checkout',
    environment: 'prod',
  });

const h = routeHarness({ features: [] });

describe('Routes: POST /signals/batch', () => {
  it.each([
    ['the documented { events: [...] } shape', (events: unknown[]) => ({ events })],
    ['a bare JSON array', (events: unknown[]) => events],
  ])('accepts %s and reports each event', async (_name, shape) => {
    const id = `batch-${_name.length}`;
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/v1/signals/batch',
      payload: shape([event(id), event(id), { nonsense: true }]) as object,
      headers: h.as('operator'),
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ accepted: 1, duplicate: 1, quarantined: 1 });
    expect(r.json().results[2].field).toMatch(/^events\.2\./);
  });

  it('rejects an empty batch and needs an operator token', async () => {
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/signals/batch', payload: [], headers: h.as('operator') })).statusCode).toBe(
      400,
    );
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/v1/signals/batch', payload: { events: [] }, headers: h.as('operator') })).statusCode,
    ).toBe(400);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/signals/batch', payload: [event('x')] })).statusCode).toBe(401);
  });
});
