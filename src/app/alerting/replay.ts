import type { Alert } from '../../core/alerts/alert.js';
import { reduction } from '../../core/alerts/noise.js';
import type { Signal } from '../../core/events/signal.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { Notification, Notifier } from '../../ports/notifier.js';
import type { Store } from '../../ports/store.js';
import type { AlertingConfig } from './config.js';
import type { StoredSignal } from './records.js';
import { createAlertingService } from './service.js';
import { ManualClock, MemoryBus, MemoryStore } from './testing/index.js';

export interface ReplayOptions {
  since: string;
  until?: string;
  config: AlertingConfig;
  /** Virtual tick between signals (default 10 s), as the live scheduler would run. */
  tickMs?: number;
}

export interface ReplayOutcome {
  signals: number;
  alerts: number;
  incidents: number;
  /** Alerts muted, by kind (silence, maintenance, inhibited-by). */
  muted: Record<string, number>;
  notifications: { at: string; receiver: string; action: string; incidentId?: string; title: string }[];
  eventReduction: number;
  alertReduction: number;
}

/** Records instead of sending, for whatever receiver name the routing tree asks for. */
function recordingNotifiers(sent: Notification[]): Record<string, Notifier> {
  const recorder: Notifier = { kind: 'outbox', notify: async (n) => (sent.push(n), { ok: true }) };
  return new Proxy({}, { get: () => recorder, has: () => true }) as Record<string, Notifier>;
}

/**
 * Re-runs stored signals through the pipeline with a (proposed) config on a scratch in-memory
 * store and virtual clock: what would have been alerted, grouped, muted and notified. The live
 * store is only read.
 */
export async function replay(store: Store, opts: ReplayOptions): Promise<ReplayOutcome> {
  const stored = await store.collection<StoredSignal>('signals').find({ since: opts.since, ...(opts.until ? { until: opts.until } : {}), order: 'asc' });
  const signals: Signal[] = stored.map(({ status: _s, receivedAt: _r, via: _v, alertId: _a, incidentId: _i, processedAt: _p, ...sig }) => sig as Signal);
  const scratch = new MemoryStore();
  const clock = new ManualClock(signals[0]?.time ?? opts.since);
  const sent: Notification[] = [];
  const sentAt: string[] = [];
  const notifiers = recordingNotifiers(sent);
  const svc = createAlertingService({ store: scratch, clock, bus: new MemoryBus(clock), notifiers, config: opts.config });
  const tick = opts.tickMs ?? 10_000;
  const advanceTo = async (t: number): Promise<void> => {
    while (clock.now() + tick <= t) {
      clock.advance(tick);
      const before = sent.length;
      await svc.tick();
      for (let i = before; i < sent.length; i++) sentAt.push(clock.iso());
    }
  };
  for (const s of signals) {
    await advanceTo(Date.parse(s.time));
    await svc.ingestSignals([s], { via: 'bus' });
  }
  // Let group_wait and retries play out after the last signal.
  await advanceTo(clock.now() + 30 * 60_000);
  const alerts = await scratch.collection<Alert>('alerts').find();
  const incidents = await scratch.collection<Incident>('incidents').count();
  const muted: Record<string, number> = {};
  for (const a of alerts) if (a.mutedBy) muted[a.mutedBy.split(':')[0] as string] = (muted[a.mutedBy.split(':')[0] as string] ?? 0) + 1;
  const events = signals.filter((s) => s.state !== 'info').length;
  return {
    signals: signals.length,
    alerts: alerts.length,
    incidents,
    muted,
    notifications: sent.map((n, i) => ({ at: sentAt[i] ?? '', receiver: n.receiver, action: n.action, ...(n.incidentId ? { incidentId: n.incidentId } : {}), title: n.title })),
    eventReduction: reduction(alerts.length, events),
    alertReduction: reduction(incidents, alerts.length),
  };
}

export interface Backtest {
  current: ReplayOutcome;
  proposed: ReplayOutcome;
  diff: { notifications: number; incidents: number; mutedAlerts: number; receivers: Record<string, number> };
}

/** `aiops replay --since 7d --config proposed.yaml`: the same history under both configs, and the difference. */
export async function backtest(store: Store, opts: { since: string; until?: string; current: AlertingConfig; proposed: AlertingConfig }): Promise<Backtest> {
  const range = { since: opts.since, ...(opts.until ? { until: opts.until } : {}) };
  const current = await replay(store, { ...range, config: opts.current });
  const proposed = await replay(store, { ...range, config: opts.proposed });
  const sum = (m: Record<string, number>): number => Object.values(m).reduce((a, b) => a + b, 0);
  const receivers: Record<string, number> = {};
  for (const n of proposed.notifications) receivers[n.receiver] = (receivers[n.receiver] ?? 0) + 1;
  for (const n of current.notifications) receivers[n.receiver] = (receivers[n.receiver] ?? 0) - 1;
  return { current, proposed, diff: { notifications: proposed.notifications.length - current.notifications.length, incidents: proposed.incidents - current.incidents, mutedAlerts: sum(proposed.muted) - sum(current.muted), receivers } };
}
