import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { startTestPlatform, type TestPlatform } from '../../../test/integration/helpers.js';
import { webhookEvent } from '../../app/alerting/testing/fixtures.js';
import { buildServer } from '../server.js';

let t: TestPlatform;
let app: FastifyInstance;
let operator: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const event = (id: string) => webhookEvent({ id, title: `synthetic check ${id} failing`, resource: 'arn:aws:lambda:us-east-1:123456789012:function:checkout-api', at: '2026-11-23T10:00:00.000Z', service: 'checkout', environment: 'prod' });

beforeAll(async () => {
  t = await startTestPlatform({ features: [] });
  app = await buildServer(t.platform);
  operator = await t.platform.auth.create('otto', 'operator', 'test');
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('Routes: POST /signals/batch', () => {
  it.each([
    ['the documented { events: [...] } shape', (events: unknown[]) => ({ events })],
    ['a bare JSON array', (events: unknown[]) => events],
  ])('accepts %s and reports each event', async (_name, shape) => {
    const id = `batch-${_name.length}`;
    const r = await app.inject({ method: 'POST', url: '/api/v1/signals/batch', payload: shape([event(id), event(id), { nonsense: true }]) as object, headers: auth(operator) });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ accepted: 1, duplicate: 1, quarantined: 1 });
    expect(r.json().results[2].field).toMatch(/^events\.2\./);
  });

  it('rejects an empty batch and needs an operator token', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/signals/batch', payload: [], headers: auth(operator) })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/signals/batch', payload: { events: [] }, headers: auth(operator) })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/signals/batch', payload: [event('x')] })).statusCode).toBe(401);
  });
});
