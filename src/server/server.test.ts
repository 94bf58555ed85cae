import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { startTestPlatform, type TestPlatform } from '../../test/integration/helpers.js';
import { buildServer } from './server.js';

let t: TestPlatform;
let app: FastifyInstance;
let admin: string;
let viewer: string;
let operator: string;

beforeAll(async () => {
  t = await startTestPlatform({ features: [] });
  app = await buildServer(t.platform);
  admin = (await t.platform.auth.ensureAdmin(t.dataDir)).token!;
  viewer = await t.platform.auth.create('vera', 'viewer', 'test');
  operator = await t.platform.auth.create('otto', 'operator', 'test');
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const alarm = JSON.parse(readFileSync(new URL('../../test/fixtures/events/cloudwatchAlarm.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('HTTP API', () => {
  it('serves health and the generated OpenAPI document', async () => {
    expect((await app.inject({ url: '/api/v1/health' })).json()).toMatchObject({ status: 'ok', mode: 'local' });
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/signals', '/api/v1/incidents/{id}/ack', '/api/v1/approvals/{id}/approve', '/api/v1/sandbox/faults']));
    expect((await app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('requires a token for mutations and a sufficient role', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/signals', payload: alarm })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/signals', payload: alarm, headers: auth('aiops_not-a-token') })).statusCode).toBe(401);
    const forbidden = await app.inject({ method: 'POST', url: '/api/v1/signals', payload: alarm, headers: auth(viewer) });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ error: 'forbidden' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', role: 'admin' }, headers: auth(operator) })).statusCode).toBe(403);
    const created = await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'ann', role: 'approver' }, headers: auth(admin) });
    expect(created.statusCode).toBe(201);
    expect((await app.inject({ url: '/api/v1/whoami', headers: auth(created.json().token) })).json()).toEqual({ name: 'ann', role: 'approver' });
  });

  it('accepts a CloudWatch alarm event, dedupes a re-delivery, and exposes the alert and incident', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/v1/signals', payload: alarm, headers: auth(operator) });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ status: 'accepted' });
    const again = await app.inject({ method: 'POST', url: '/api/v1/signals', payload: alarm, headers: auth(operator) });
    expect(again.json()).toMatchObject({ status: 'duplicate' });
    const incidents = (await app.inject({ url: '/api/v1/incidents' })).json().items as { id: string }[];
    expect(incidents.length).toBeGreaterThan(0);
    const detail = (await app.inject({ url: `/api/v1/incidents/${incidents[0]!.id}` })).json();
    expect(detail.alerts[0].count).toBe(1);
    const ack = await app.inject({ method: 'POST', url: `/api/v1/incidents/${incidents[0]!.id}/ack`, headers: auth(operator) });
    expect(ack.json()).toMatchObject({ phase: 'Acknowledgment', acknowledgedBy: 'otto' });
  });

  it('rejects bad input with a 400 naming the field, and keeps it in the quarantine', async () => {
    const bad = structuredClone(alarm) as { detail: { state: { value: unknown } } };
    bad.detail.state.value = 42;
    const r = await app.inject({ method: 'POST', url: '/api/v1/signals', payload: bad, headers: auth(operator) });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: 'validation', field: 'detail.state.value', quarantined: true });
    const q = (await app.inject({ url: '/api/v1/quarantine' })).json().items as { field: string; raw: unknown }[];
    expect(q.find((x) => x.field === 'detail.state.value')?.raw).toEqual(bad);

    const batch = await app.inject({ method: 'POST', url: '/api/v1/signals/batch', payload: { events: [alarm, { nonsense: true }] }, headers: auth(operator) });
    expect(batch.json()).toMatchObject({ duplicate: 1, quarantined: 1 });
    expect(batch.json().results[1].field).toMatch(/^events\.1\./);

    const query = await app.inject({ url: '/api/v1/incidents?severity=SEV-9' });
    expect(query.statusCode).toBe(400);
    expect(query.json().field).toContain('severity');
  });

  it('validates sandbox fault primitives and scenario ids', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/sandbox/faults', payload: { faults: [{ type: 'metric', resource: 'web-asg', metric: 'CPUUtilization', pattern: 'step', magnitude: 5 }] }, headers: auth(operator) });
    expect(r.statusCode).toBe(400);
    expect(r.json().field).toBe('faults.0.durationMinutes');
    expect((await app.inject({ method: 'POST', url: '/api/v1/sandbox/scenarios/nope/inject', headers: auth(operator) })).statusCode).toBe(404);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/sandbox/faults', payload: { scenario: 'id: quick\ntitle: Quick\nfaults:\n  - { type: metric, resource: checkout-alb, metric: HTTPCode_Target_5XX_Count, pattern: spike, magnitude: 80, durationMinutes: 5 }\n' }, headers: auth(operator) });
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toMatchObject({ scenario: 'quick' });
    const metrics = (await app.inject({ url: '/api/v1/sandbox/metrics?resource=web-asg&metric=CPUUtilization&minutes=30' })).json().items;
    expect(metrics[0].values.length).toBe(30);
  });

  it('exports and verifies the audit log', async () => {
    const verify = (await app.inject({ url: '/api/v1/audit/verify' })).json();
    expect(verify.ok).toBe(true);
    const csv = await app.inject({ url: '/api/v1/audit/export?format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('seq,executionId,timestamp,trigger,runbook,targetResource,action,outcome,operator,rollbackPlan,prevHash,hash');
  });
});

describe('Kill switch', () => {
  it('is admin-only, persists, and makes the safety rules refuse automated actions', async () => {
    expect((await app.inject({ method: 'PUT', url: '/api/v1/safety/kill-switch', payload: { global: true }, headers: auth(operator) })).statusCode).toBe(403);
    const on = await app.inject({ method: 'PUT', url: '/api/v1/safety/kill-switch', payload: { global: false, environments: ['staging'] }, headers: auth(admin) });
    expect(on.json()).toEqual({ global: false, environments: ['staging'] });
    const asg = t.platform.sandbox.resolve('web-asg');
    const { execution } = await t.platform.remediation.start({ runbookId: 'AIOps-ScaleOutEC2ASG', targetResource: asg.arn, trigger: 'test', operator: 'otto' });
    await t.platform.orchestrator.settle(execution.id);
    const done = (await app.inject({ url: `/api/v1/executions/${execution.id}` })).json();
    expect(done).toMatchObject({ status: 'SKIPPED', outcome: 'SKIPPED' });
    expect(done.reason).toMatch(/kill/i);
    expect(t.platform.sandbox.resolve('web-asg').state.DesiredCapacity).toBe(4);
    const stored = await t.platform.store.collection<{ id: string; killSwitch: unknown }>('settings').get('safety');
    expect(stored?.killSwitch).toEqual({ global: false, environments: ['staging'] });
    await app.inject({ method: 'PUT', url: '/api/v1/safety/kill-switch', payload: { global: false, environments: [] }, headers: auth(admin) });
  });
});
