import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../adapters/local/sqlite-store.js';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { Store } from '../../ports/store.js';
import type { QuarantineRecord, StoredSignal } from './records.js';
import { createAlertingService } from './service.js';
import { alarmEvent, webhookEvent } from './testing/fixtures.js';
import { ManualClock, MemoryBus, MemoryStore } from './testing/index.js';

const T0 = Date.parse('2026-11-23T14:00:00.000Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

/** A small storm: alarms firing and resolving, webhooks, re-deliveries and malformed payloads of every kind. */
function storm(): unknown[] {
  const raws: unknown[] = [];
  for (let i = 0; i < 12; i++) {
    const name = `prod-svc${i % 4}-cpu-critical`;
    const alarm = alarmEvent({ name, state: i < 8 ? 'ALARM' : 'OK', at: at(i * 30), namespace: 'AWS/EC2', metric: 'CPUUtilization', dimensions: { AutoScalingGroupName: `svc${i % 4}-asg` }, value: i < 8 ? 95 : 20, threshold: 90, eventId: `evt-${i}` });
    raws.push(alarm);
    if (i % 3 === 0) raws.push(structuredClone(alarm));
  }
  for (let i = 0; i < 5; i++) raws.push(webhookEvent({ id: `wh-${i}`, title: `queue backlog ${i}`, resource: `arn:aws:sqs:us-east-1:123456789012:orders-${i % 2}`, at: at(400 + i), service: 'orders', environment: 'prod' }));
  raws.push(JSON.stringify(webhookEvent({ id: 'wh-text', title: 'as text', resource: 'arn:aws:sqs:us-east-1:123456789012:text', at: at(500), service: 'orders' })));
  const missing = { id: 'wh-bad', title: 'no resource', time: at(600) };
  raws.push('{"truncated": ', 42, ['not', 'an', 'object'], missing, structuredClone(missing), { 'detail-type': 'Unknown Thing', source: 'aws.nothing', detail: {} });
  return raws;
}

interface Outcome {
  signals: number;
  processed: number;
  alerts: { id: string; count: number; status: string }[];
  incidents: number;
  quarantined: { field: string; deliveries: number }[];
}

async function outcome(store: Store): Promise<Outcome> {
  const signals = await store.collection<StoredSignal>('signals').find();
  const alerts = await store.collection<Alert>('alerts').find();
  const quarantine = await store.collection<QuarantineRecord>('quarantine').find();
  return {
    signals: signals.length,
    processed: signals.filter((s) => s.status === 'processed').length,
    alerts: alerts.map((a) => ({ id: a.id, count: a.count, status: a.status })).sort((x, y) => x.id.localeCompare(y.id)),
    incidents: await store.collection<Incident>('incidents').count(),
    quarantined: quarantine.map((q) => ({ field: q.field, deliveries: q.deliveries })).sort((x, y) => x.field.localeCompare(y.field) || x.deliveries - y.deliveries),
  };
}

const service = (store: Store) => {
  const clock = new ManualClock(at(900));
  return createAlertingService({ store, clock, bus: new MemoryBus(clock), config: { autoResolve: true } });
};

describe('Function: createAlertingService › durable accept (defer) on SQLite', () => {
  const dirs: string[] = [];
  const dbPath = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'aiops-accept-'));
    dirs.push(dir);
    return join(dir, 'aiops.db');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('loses nothing in a crash between accept and processing, and processes every signal once', async () => {
    const reference = new MemoryStore();
    await service(reference).ingestBatch(storm(), { via: 'sqs' });
    const expected = await outcome(reference);
    // The reference exercises what must survive: alerts, an incident, resolutions, re-deliveries and every kind of malformed input.
    expect(expected.alerts.length).toBeGreaterThanOrEqual(5);
    expect(expected.alerts.some((a) => a.status === 'resolved')).toBe(true);
    expect(expected.incidents).toBeGreaterThan(0);
    expect(expected.quarantined.reduce((n, q) => n + q.deliveries, 0)).toBe(6);
    expect(expected.quarantined.some((q) => q.deliveries === 2)).toBe(true);

    const path = dbPath();
    const first = new SqliteStore(path);
    const accepted = await service(first).ingestBatch(storm(), { defer: true, via: 'sqs' });
    expect(accepted.filter((r) => r.status === 'accepted').length).toBeGreaterThan(0);
    expect(await first.inboxCount()).toBeGreaterThan(0);
    expect(await first.collection<Alert>('alerts').count()).toBe(0);
    // The process dies here: nothing was processed, the store is closed as a crash would leave it.
    await first.close();

    const reopened = new SqliteStore(path);
    const svc = service(reopened);
    expect(await svc.processPending()).toBeGreaterThan(0);
    const got = await outcome(reopened);
    expect(got).toEqual(expected);
    expect(got.processed).toBe(got.signals);
    expect(await reopened.inboxCount()).toBe(0);
    // Nothing left to do: a second pass processes nothing and counts nothing twice.
    expect(await svc.processPending()).toBe(0);
    expect(await outcome(reopened)).toEqual(expected);
    await reopened.close();
  });

  it('rejects non-objects at accept naming the field, and quarantines schema failures when processing', async () => {
    const store = new SqliteStore(dbPath());
    const svc = service(store);
    const missing = { id: 'wh-bad', title: 'no resource', time: at(600) };
    const [text, num, obj] = await svc.ingestBatch(['{"truncated": ', 42, missing], { defer: true });
    expect(text).toMatchObject({ status: 'quarantined', error: { field: '(root)', reason: 'body is not valid JSON' } });
    expect(num).toMatchObject({ status: 'quarantined', error: { field: '(root)' } });
    expect(obj?.status).toBe('accepted');
    expect(await store.collection<QuarantineRecord>('quarantine').count()).toBe(2);
    await svc.processPending();
    const q = await store.collection<QuarantineRecord>('quarantine').find();
    expect(q).toHaveLength(3);
    expect(q.find((r) => (r.raw as { id?: string }).id === 'wh-bad')).toMatchObject({ status: 'pending', deliveries: 1 });
    await store.close();
  });

  it('collapses a re-delivery while waiting, and never double counts one that arrives after processing', async () => {
    const store = new SqliteStore(dbPath());
    const svc = service(store);
    const alarm = alarmEvent({ name: 'prod-web-cpu-critical', state: 'ALARM', at: at(0), namespace: 'AWS/EC2', metric: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'web-asg' }, value: 95, threshold: 90 });
    const [a, b] = await svc.ingestBatch([alarm, structuredClone(alarm)], { defer: true });
    expect([a?.status, b?.status]).toEqual(['accepted', 'duplicate']);
    expect(await svc.processPending()).toBe(1);
    expect(await svc.ingestBatch([structuredClone(alarm)], { defer: true })).toMatchObject([{ status: 'accepted' }]);
    expect(await svc.processPending()).toBe(1);
    const alerts = await store.collection<Alert>('alerts').find();
    expect(alerts.map((x) => x.count)).toEqual([1]);
    expect(await store.collection<StoredSignal>('signals').count()).toBe(1);
    await store.close();
  });
});
