import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../../src/core/alerts/alert.js';
import type { Incident } from '../../src/core/incidents/incident.js';
import type { AlertingConfig } from '../../src/app/alerting/config.js';
import type { NotificationRecord } from '../../src/app/alerting/dispatcher.js';
import type { QuarantineRecord, StoredSignal } from '../../src/app/alerting/records.js';
import { createAlertingService } from '../../src/app/alerting/service.js';
import { ManualClock, MemoryBus } from '../../src/app/alerting/testing/index.js';
import type { Storm } from './generator.js';
import { SqliteStore } from '../../src/adapters/local/sqlite-store.js';

export interface PipelineRow {
  events: number;
  seconds: number;
  eventsPerS: number;
  accepted: number;
  duplicates: number;
  quarantinedResults: number;
  malformed: number;
  malformedQuarantined: number;
  alerts: number;
  incidents: number;
  notifications: number;
  incidentRecall: number;
  incidentPrecision: number;
  incidentPurity: number;
  mutedProblemsNotified: number;
  missedProblems: string[];
  /** Problems that ended up in more than one incident (what costs precision). */
  splitProblems: Record<string, number>;
}

export function benchConfig(storm: Storm): AlertingConfig {
  return {
    autoResolve: true,
    grouping: { groupBy: ['service', 'environment'], groupWait: '30s', groupInterval: '5m', repeatInterval: '4h', correlationWindow: '15m' },
    inhibitRules: [{ sourceMatchers: ['severity=~"SEV-[12]"'], targetMatchers: ['severity=~"SEV-[34]"'], equal: ['service', 'environment'] }],
    maintenanceWindows: [{ name: 'bench-maintenance', cron: storm.maintenance.cron, duration: storm.maintenance.duration, timezone: 'UTC', matchers: [`service="${storm.maintenance.service}"`] }],
    route: { receiver: 'outbox' },
    receivers: [{ name: 'outbox', type: 'outbox' }],
  };
}

/** The full in-process pipeline on a durable SQLite store, driven by virtual time in 10 s ticks. */
export async function runPipeline(storm: Storm, log: (m: string) => void, batchSize = 500): Promise<PipelineRow> {
  const dir = mkdtempSync(join(tmpdir(), 'aiops-bench-alerts-'));
  const store = new SqliteStore(join(dir, 'aiops.db'));
  const clock = new ManualClock(storm.start - 60_000);
  const svc = createAlertingService({ store, clock, bus: new MemoryBus(clock), notifiers: { outbox: { kind: 'outbox', notify: async (n) => ({ ok: true, providerId: n.key }) } }, config: benchConfig(storm) });
  await svc.createSilence({ matchers: [`service="${storm.silencedService}"`], startsAt: new Date(storm.start - 60_000).toISOString(), endsAt: new Date(storm.end + 3_600_000).toISOString(), createdBy: 'bench', comment: 'silenced service' });
  const TICK = 10_000;
  const alertProblem = new Map<string, Map<string, number>>();
  let accepted = 0;
  let duplicates = 0;
  let quarantined = 0;
  const malformed = storm.events.filter((e) => e.kind === 'malformed').length;
  const t0 = performance.now();
  let i = 0;
  let lastLog = t0;
  while (i < storm.events.length) {
    // Batches as a queue consumer takes them (up to 500); virtual time then catches up tick by tick.
    const batch: Storm['events'] = [];
    while (i < storm.events.length && batch.length < batchSize) batch.push(storm.events[i++] as Storm['events'][number]);
    if (batch.length) {
      const results = await svc.ingestBatch(batch.map((e) => e.raw), { via: 'bus' });
      results.forEach((r, k) => {
        const e = batch[k] as Storm['events'][number];
        if (r.status === 'accepted') accepted++;
        else if (r.status === 'duplicate') duplicates++;
        else quarantined++;
        if (e.kind === 'malformed' && r.status !== 'quarantined') log(`malformed event not quarantined (${r.status}): ${JSON.stringify(e.raw).slice(0, 300)}`);
        if (e.problem) for (const a of r.alertIds) {
          const m = alertProblem.get(a) ?? new Map<string, number>();
          m.set(e.problem, (m.get(e.problem) ?? 0) + 1);
          alertProblem.set(a, m);
        }
      });
    }
    const upTo = i < storm.events.length ? (storm.events[i]?.time ?? 0) : clock.now() + TICK;
    while (clock.now() + TICK <= upTo) {
      clock.advance(TICK);
      await svc.tick();
    }
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`pipeline: ${i}/${storm.events.length} events (${Math.round(i / ((lastLog - t0) / 1000))}/s)`);
    }
  }
  // Let group_wait and retries play out after the last event.
  for (let k = 0; k < 180; k++) {
    clock.advance(TICK);
    await svc.tick();
  }
  const seconds = (performance.now() - t0) / 1000;

  const incidents = await store.collection<Incident>('incidents').find();
  const alerts = await store.collection<Alert>('alerts').count();
  const notifications = await store.collection<NotificationRecord>('notifications').find();
  const sent = notifications.filter((n) => n.status === 'sent');
  const quarantine = await store.collection<QuarantineRecord>('quarantine').find();
  const malformedQuarantined = quarantine.reduce((n, q) => n + q.deliveries, 0);

  // Ground truth: an incident belongs to the problem most of its alerts' events came from.
  const problemOf = new Map<string, string>();
  let pure = 0;
  let counted = 0;
  for (const inc of incidents) {
    const votes = new Map<string, number>();
    for (const a of inc.alertIds) for (const [p, n] of alertProblem.get(a) ?? []) votes.set(p, (votes.get(p) ?? 0) + n);
    const total = [...votes.values()].reduce((x, y) => x + y, 0);
    const best = [...votes.entries()].sort((x, y) => y[1] - x[1])[0];
    if (best) {
      problemOf.set(inc.id, best[0]);
      pure += best[1] / total;
      counted++;
    }
  }
  const expected = storm.problems.filter((p) => !p.expectMuted);
  const found = new Set(problemOf.values());
  const missedProblems = expected.filter((p) => !found.has(p.id)).map((p) => p.id);
  const mutedIds = new Set(storm.problems.filter((p) => p.expectMuted).map((p) => p.id));
  const mutedProblemsNotified = new Set(sent.map((n) => problemOf.get(n.incidentId)).filter((p): p is string => !!p && mutedIds.has(p))).size;
  const perProblem = new Map<string, number>();
  for (const p of problemOf.values()) perProblem.set(p, (perProblem.get(p) ?? 0) + 1);
  const splitProblems = Object.fromEntries([...perProblem].filter(([, n]) => n > 1));
  const correct = new Set([...problemOf.values()].filter((p) => !mutedIds.has(p))).size;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    events: storm.events.length,
    seconds,
    eventsPerS: storm.events.length / seconds,
    accepted,
    duplicates,
    quarantinedResults: quarantined,
    malformed,
    malformedQuarantined,
    alerts,
    incidents: incidents.length,
    notifications: sent.length,
    incidentRecall: expected.length ? (expected.length - missedProblems.length) / expected.length : 1,
    incidentPrecision: incidents.length ? correct / incidents.length : 1,
    incidentPurity: counted ? pure / counted : 1,
    mutedProblemsNotified,
    missedProblems,
    splitProblems,
  };
}

/** p99 of acknowledging/resolving one incident while 10 000 alerts are open. */
export async function measureStatusChanges(openAlerts: number, log: (m: string) => void): Promise<{ openAlerts: number; ops: number; p50Ms: number; p99Ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'aiops-bench-status-'));
  const store = new SqliteStore(join(dir, 'aiops.db'));
  const clock = new ManualClock('2026-11-23T08:00:00.000Z');
  const svc = createAlertingService({ store, clock, bus: new MemoryBus(clock), config: { grouping: { groupBy: ['service'] } } });
  const services = Math.ceil(openAlerts / 10);
  const raws = [...Array(openAlerts)].map((_, i) => ({ sourceId: `load-${i}`, source: 'anomaly', kind: 'anomaly', resourceArn: `arn:aws:lambda:us-east-1:123456789012:function:load-${i}`, metric: 'AWS/Lambda Duration', rule: 'isolation-forest', state: 'firing', level: 'warning', title: `load ${i}`, labels: { service: `load${i % services}`, environment: 'prod' }, time: new Date(clock.now() + i).toISOString() }));
  for (let i = 0; i < raws.length; i += 500) await svc.ingestBatch(raws.slice(i, i + 500));
  const open = await store.collection<Alert>('alerts').count({ status: 'firing' });
  const incidents = await store.collection<Incident>('incidents').find({ where: { status: 'open' } });
  log(`status changes: ${open} open alerts in ${incidents.length} incidents`);
  const times: number[] = [];
  for (const inc of incidents.slice(0, 500)) {
    clock.advance(1000);
    let t = performance.now();
    await svc.acknowledge(inc.id, 'bench');
    times.push(performance.now() - t);
    t = performance.now();
    await svc.resolve(inc.id, 'bench');
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { openAlerts: open, ops: times.length, p50Ms: q(0.5), p99Ms: q(0.99) };
}

/**
 * Durable acceptance rate (ingestBatch with `defer`: a structural check and one inbox append per
 * payload, one commit per batch, acknowledged after the commit), then the time to process the
 * backlog with processPending (full validation, quarantine, dedup, alerts, incidents). Comparable
 * to what Alertmanager's "accepted alerts/s" measures, but every accepted event is on disk.
 */
export async function measureDeferred(storm: Storm, batchSize = 500): Promise<{ acceptEventsPerS: number; processEventsPerS: number; endToEndEventsPerS: number; pending: number; signals: number; unprocessedSignals: number; malformedQuarantined: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'aiops-bench-defer-'));
  const store = new SqliteStore(join(dir, 'aiops.db'));
  const clock = new ManualClock(storm.end);
  const svc = createAlertingService({ store, clock, bus: new MemoryBus(clock), config: benchConfig(storm) });
  const raws = storm.events.map((e) => e.raw);
  let t = performance.now();
  for (let i = 0; i < raws.length; i += batchSize) await svc.ingestBatch(raws.slice(i, i + batchSize), { defer: true, via: 'sqs' });
  const acceptS = (performance.now() - t) / 1000;
  t = performance.now();
  const pending = await svc.processPending();
  const processS = (performance.now() - t) / 1000;
  // What must hold after the backlog drains: every signal processed, every malformed delivery quarantined.
  const signals = await store.collection<StoredSignal>('signals').count();
  const unprocessedSignals = await store.collection<StoredSignal>('signals').count({ status: 'pending' });
  const malformedQuarantined = (await store.collection<QuarantineRecord>('quarantine').find()).reduce((n, q) => n + q.deliveries, 0);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { acceptEventsPerS: raws.length / acceptS, processEventsPerS: pending / processS, endToEndEventsPerS: raws.length / (acceptS + processS), pending, signals, unprocessedSignals, malformedQuarantined };
}
