import { describe, expect, it } from 'vitest';
import { checkConfig, loadAlertingConfig } from './checkConfig.js';
import { exportFeedback, feedbackByRule, recordFeedback } from './feedback.js';
import { backtest } from './replay.js';
import { createAlertingService } from './service.js';
import { alarmEvent } from './testing/fixtures.js';
import { ManualClock, MemoryBus, MemoryStore } from './testing/index.js';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const T0 = '2026-11-23T14:00:00.000Z';
const at = (min: number): string => new Date(Date.parse(T0) + min * 60_000).toISOString();

describe('Function: checkConfig', () => {
  it('accepts the example config', () => {
    const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'config', 'alerting.example.yaml'), 'utf8');
    const r = checkConfig(text);
    expect(r.ok ? r.warnings : r.errors).toBeDefined();
    expect(r.ok).toBe(true);
  });
  it.each([
    ['grouping:\n  groupWait: soon\n', 'grouping.groupWait'],
    ['route:\n  receiver: nobody\n', 'route'],
    ['route:\n  receiver: outbox\n  routes:\n    - matchers: ["service"]\n', 'route.routes.0.matchers.0'],
    ['maintenanceWindows:\n  - name: x\n    cron: "61 * * * *"\n    duration: 1h\n', 'maintenanceWindows.0.cron'],
    ['route: [oops', '(root)'],
  ])('reports %j at %s', (yaml, path) => {
    const r = checkConfig(yaml);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.path).toBe(path);
  });
  it('throws a ValidationError naming the field from loadAlertingConfig', () => {
    expect(() => loadAlertingConfig('autoResolve: maybe')).toThrow(/autoResolve/);
  });
});

describe('Function: recordFeedback / feedbackByRule', () => {
  it('stores one verdict per responder and target, and ranks rules by noise', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock(T0);
    const svc = createAlertingService({ store, clock, bus: new MemoryBus(clock) });
    const r = await svc.ingest(alarmEvent({ name: 'prod-web-cpu-warning', at: T0 }));
    await recordFeedback(store, clock, { targetId: r.incidentIds[0] as string, targetKind: 'incident', verdict: 'useful', principal: 'alice' });
    await recordFeedback(store, clock, { targetId: r.incidentIds[0] as string, targetKind: 'incident', verdict: 'noisy', principal: 'alice' });
    await recordFeedback(store, clock, { targetId: 'anom-1', targetKind: 'anomaly', verdict: 'too-sensitive', principal: 'bob', rule: 'isolation-forest' });
    expect(await exportFeedback(store)).toHaveLength(2);
    expect(await feedbackByRule(store)).toEqual([
      expect.objectContaining({ rule: 'isolation-forest', 'too-sensitive': 1, noiseShare: 1 }),
      expect.objectContaining({ rule: 'prod-web-cpu-warning', noisy: 1, useful: 0, total: 1 }),
    ]);
    await expect(recordFeedback(store, clock, { targetId: 'x', targetKind: 'incident', verdict: 'meh' as 'noisy', principal: 'a' })).rejects.toThrow(/verdict/);
  });
});

describe('Function: backtest', () => {
  it('shows what a proposed silence would have suppressed, without touching the live store', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock(T0);
    const svc = createAlertingService({ store, clock, bus: new MemoryBus(clock) });
    for (let i = 0; i < 4; i++) await svc.ingest(alarmEvent({ name: `prod-svc${i}-cpu-critical`, at: at(i * 10), dimensions: { FunctionName: `fn-${i}` } }));
    const before = await store.collection('alerts').count();
    const b = await backtest(store, { since: T0, current: {}, proposed: { maintenanceWindows: [{ name: 'nightly', cron: '0 14 * * *', duration: '25m', matchers: [] }] } });
    expect(b.current.notifications).toHaveLength(4);
    expect(b.proposed.notifications).toHaveLength(1);
    expect(b.diff).toMatchObject({ notifications: -3, incidents: -3, mutedAlerts: 3 });
    expect(await store.collection('alerts').count()).toBe(before);
  });
});

describe('Function: noise', () => {
  it('reports reductions per day and service', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock(T0);
    const svc = createAlertingService({ store, clock, bus: new MemoryBus(clock) });
    for (let i = 0; i < 4; i++) await svc.ingest(alarmEvent({ name: 'prod-web-cpu-critical', at: at(i), state: i % 2 ? 'OK' : 'ALARM' }));
    const rows = await svc.noise();
    expect(rows.find((r) => r.service === 'web')).toMatchObject({ day: '2026-11-23', events: 4, alerts: 1, incidents: 1, eventReduction: 0.75, alertReduction: 0 });
  });
});
