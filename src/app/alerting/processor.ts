import type { Alert } from '../../core/alerts/alert.js';
import { applySignal, fingerprint, type AlertTransition } from '../../core/alerts/stages/dedup.js';
import { enrichLabels, type ResourceContext } from '../../core/alerts/stages/enrich.js';
import { isFlapping } from '../../core/alerts/stages/flap.js';
import { assignSeverity } from '../../core/alerts/stages/severity.js';
import type { Signal } from '../../core/events/signal.js';
import { worstSeverity } from '../../core/shared/severity.js';
import { attachAlert, findIncidentFor, groupKeyFor, noteRefire, openIncidentFor, type GroupingOptions } from '../../core/incidents/grouping.js';
import type { Incident } from '../../core/incidents/incident.js';
import { NotFoundError } from '../../core/shared/errors.js';
import { addTimeline, advance, advanceAtLeast } from '../../core/incidents/lifecycle.js';
import type { Cloud } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { Collection, Store } from '../../ports/store.js';
import type { ResolvedAlertingConfig } from './config.js';
import { OpenIncidentIndex } from './incidentIndex.js';
import type { StoredSignal } from './records.js';

/** Decides whether an alert is muted (silence, maintenance window, inhibition); filled in by the mute stages. */
export type MuteCheck = (alert: Alert, at: string) => Promise<string | undefined> | string | undefined;

export interface ProcessOutcome {
  alertId?: string;
  incidentId?: string;
  transition: AlertTransition;
  alert?: Alert;
  incidentOpened?: boolean;
}

const INVENTORY_TTL_MS = 5 * 60_000;

/** The Signal inside a stored signal (without the storage fields). */
function signalOf(stored: StoredSignal): Signal {
  const { status: _s, receivedAt: _r, via: _v, alertId: _a, incidentId: _i, processedAt: _p, ...signal } = stored;
  return signal as Signal;
}

/**
 * Signal → Alert → Incident with the store as the source of truth. Every step is idempotent so a
 * signal left `pending` by a crash can be processed again: the alert remembers the signals it
 * folded in, incident ids are derived from the alert episode, and `create` never overwrites.
 */
export class SignalProcessor {
  readonly alerts: Collection<Alert>;
  readonly incidents: Collection<Incident>;
  readonly signals: Collection<StoredSignal>;
  readonly index: OpenIncidentIndex;
  private readonly inventoryCache = new Map<string, { at: number; ctx: ResourceContext | undefined }>();
  /**
   * Write-through cache of alerts: this processor is their only writer, so reads can skip the
   * store. Bounded; cleared when a batch fails so a rolled-back write is never served.
   */
  private readonly alertCache = new Map<string, Alert>();
  private static readonly ALERT_CACHE_MAX = 50_000;

  /**
   * The open unit of work (the caller holds one store transaction): alert writes and bus events
   * are kept here and written once per alert at `flush()`, before the commit. An alert folding in
   * 200 signals of a batch is then one write, and every event is published only after the record
   * it announces is stored.
   */
  private unit: { alerts: Map<string, Alert>; incidents: Map<string, Incident>; events: Map<string, { topic: string; payload: unknown; id: string }> } | undefined;

  clearCaches(): void {
    this.alertCache.clear();
    this.index.reset();
    this.unit = undefined;
  }

  /** Starts deferring alert writes and bus events until `flush()` (inside a store transaction only). */
  begin(): void {
    this.unit ??= { alerts: new Map(), incidents: new Map(), events: new Map() };
  }

  /** Writes the unit's alerts (store first), then publishes its events in order. */
  async flush(): Promise<void> {
    const unit = this.unit;
    if (!unit) return;
    this.unit = undefined;
    for (const a of unit.alerts.values()) await this.alerts.put(a);
    // Read in this transaction at first touch and changed only here since: a plain write is safe.
    for (const i of unit.incidents.values()) await this.incidents.put(i);
    for (const e of unit.events.values()) await this.bus.publish(e.topic, e.payload, e.id);
  }

  private async writeAlert(alert: Alert): Promise<void> {
    this.remember(alert);
    if (this.unit) this.unit.alerts.set(alert.id, alert);
    else await this.alerts.put(alert);
  }

  /**
   * Publishes now, or at `flush()` inside a unit of work. `coalesce` keeps one event per key in a
   * unit (the latest): subscribers read the current record, so the last change is what matters.
   */
  private async emit(topic: string, payload: unknown, id: string, coalesce?: string): Promise<void> {
    if (!this.unit) {
      await this.bus.publish(topic, payload, id);
      return;
    }
    const key = coalesce ?? id;
    if (coalesce) this.unit.events.delete(key);
    this.unit.events.set(key, { topic, payload, id });
  }

  /** The newest incident: this unit's change, the open-incident index, else the store. */
  private async getIncident(id: string): Promise<Incident | undefined> {
    return this.unit?.incidents.get(id) ?? this.index.get(id) ?? (await this.incidents.get(id));
  }

  private async getAlert(id: string): Promise<Alert | undefined> {
    const dirty = this.unit?.alerts.get(id);
    if (dirty) return dirty;
    const hit = this.alertCache.get(id);
    if (hit) return hit;
    const a = await this.alerts.get(id);
    if (a) this.remember(a);
    return a;
  }

  private remember(a: Alert): void {
    this.alertCache.delete(a.id);
    this.alertCache.set(a.id, a);
    if (this.alertCache.size > SignalProcessor.ALERT_CACHE_MAX) this.alertCache.delete(this.alertCache.keys().next().value as string);
  }
  mute: MuteCheck = () => undefined;
  /** Called after every alert write (the dispatcher's view, the inhibition index, transient stats). */
  onAlert: (alert: Alert, transition: AlertTransition) => void = () => undefined;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly config: ResolvedAlertingConfig,
    private readonly inventory?: Cloud,
  ) {
    this.alerts = store.collection<Alert>('alerts');
    this.incidents = store.collection<Incident>('incidents');
    this.signals = store.collection<StoredSignal>('signals');
    this.index = new OpenIncidentIndex(this.incidents);
  }

  private get grouping(): GroupingOptions {
    return { groupBy: this.config.grouping.groupBy, correlationWindowMs: this.config.grouping.correlationWindow };
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private async resource(arn: string): Promise<ResourceContext | undefined> {
    if (!this.inventory) return undefined;
    const hit = this.inventoryCache.get(arn);
    if (hit && this.clock.now() - hit.at < INVENTORY_TTL_MS) return hit.ctx;
    let ctx: ResourceContext | undefined;
    try {
      const r = await this.inventory.describe(arn);
      ctx = r ? { tags: r.tags } : undefined;
    } catch {
      // Enrichment is best effort: an inventory outage must not block alerting.
      ctx = undefined;
    }
    this.inventoryCache.set(arn, { at: this.clock.now(), ctx });
    return ctx;
  }

  /**
   * Applies one signal and stores it as processed. With `create`, the signal is not stored yet
   * (the caller holds a store transaction, so "pending then processed" collapses into one write):
   * returns undefined when it already exists, i.e. a re-delivery.
   */
  async processNew(stored: StoredSignal, signal?: Signal): Promise<ProcessOutcome | undefined> {
    if (await this.signals.get(stored.id)) return undefined;
    await this.index.load();
    const now = this.nowIso();
    // The caller usually still holds the plain signal: no need to strip the storage fields again.
    const outcome = await this.apply(signal ?? signalOf(stored), now);
    await this.signals.create({ ...stored, status: 'processed', processedAt: now, ...(outcome.alertId ? { alertId: outcome.alertId } : {}), ...(outcome.incidentId ? { incidentId: outcome.incidentId } : {}) });
    return outcome;
  }

  /** Applies one stored signal (pending or re-processed) and marks it processed. */
  async process(stored: StoredSignal): Promise<ProcessOutcome> {
    await this.index.load();
    const now = this.nowIso();
    const outcome = await this.apply(signalOf(stored), now);
    // Only this processor writes a stored signal after its creation, so a put is safe here.
    await this.signals.put({ ...stored, status: 'processed', processedAt: now, ...(outcome.alertId ? { alertId: outcome.alertId } : {}), ...(outcome.incidentId ? { incidentId: outcome.incidentId } : {}) });
    return outcome;
  }

  private async apply(signal: Signal, now: string): Promise<ProcessOutcome> {
    // Changes (CloudTrail) stay in `signals` for correlation and RCA; they never make an alert.
    if (signal.state === 'info') return { transition: 'ignored' };
    const labels = enrichLabels(signal, await this.resource(signal.resourceArn), {
      defaultEnvironment: this.config.defaultEnvironment,
      customerFacingServices: this.config.customerFacingServices,
      ...(this.config.runbookUrlTemplate ? { runbookUrlTemplate: this.config.runbookUrlTemplate } : {}),
    });
    const sev = assignSeverity(signal, { environment: labels.environment ?? this.config.defaultEnvironment, customerFacing: labels.customerFacing === 'true' }, this.config.severity.rules, this.config.severity.thresholds);
    labels.severityRule = sev.rule;
    const fp = fingerprint(signal);
    const prev = await this.getAlert(fp);
    const { alert: applied, transition } = applySignal(prev, { signal: sev.level ? { ...signal, level: sev.level } : signal, severity: sev.severity, labels, now });
    if (!applied) return { transition };
    let alert = applied;
    if (transition === 'refired' || transition === 'resolved') {
      const flapping = isFlapping(alert, this.config.flap, signal.time);
      if (flapping !== !!alert.flapping) alert = { ...alert, flapping, labels: { ...alert.labels, flapping: String(flapping) } };
    }
    if (transition === 'duplicate' && (alert.status !== 'firing' || alert.incidentId)) return { alertId: alert.id, ...(alert.incidentId ? { incidentId: alert.incidentId } : {}), transition, alert };

    if (alert.status === 'firing' && transition !== 'stale') {
      const mutedBy = await this.mute(alert, signal.time);
      if (mutedBy) alert = { ...alert, mutedBy };
      else if (alert.mutedBy) {
        const { mutedBy: _m, ...rest } = alert;
        alert = rest;
      }
    }

    let incidentOpened = false;
    if (alert.status === 'firing') {
      const r = await this.groupFiring(alert, transition, signal.time, now);
      alert = r.alert;
      incidentOpened = r.opened;
    } else if (transition === 'resolved' && alert.incidentId) {
      await this.onResolved(alert, signal.time, now);
    }
    // Store first, then announce: subscribers of incident.opened find the alert that opened it.
    await this.writeAlert(alert);
    this.onAlert(alert, transition);
    if (incidentOpened && alert.incidentId) await this.emit('incident.opened', { incidentId: alert.incidentId }, `incident.opened:${alert.incidentId}`);
    await this.emit('alert.updated', { alertId: alert.id, incidentId: alert.incidentId, status: alert.status }, `alert.updated:${alert.id}:${signal.id}`, `alert.updated:${alert.id}`);
    return { alertId: alert.id, ...(alert.incidentId ? { incidentId: alert.incidentId } : {}), transition, alert, incidentOpened };
  }

  private async groupFiring(alert: Alert, transition: AlertTransition, at: string, now: string): Promise<{ alert: Alert; opened: boolean }> {
    const current = alert.incidentId ? await this.getIncident(alert.incidentId) : undefined;
    if (current && current.status === 'open') {
      // Most signals only refresh an alert already in its incident: nothing to write.
      if (transition !== 'refired' && current.alertIds.includes(alert.id) && worstSeverity(current.severity, alert.severity) === current.severity) return { alert, opened: false };
      const updated = await this.updateIncident(current.id, (i) => (transition === 'refired' ? noteRefire(i, alert, at) : attachAlert(i, alert, at, 'already in the incident')));
      if (updated.status === 'open') return { alert, opened: false };
    }
    const key = groupKeyFor(alert, this.grouping.groupBy);
    const decision = findIncidentFor(alert, this.index.candidates(key, alert.resourceArn, alert.labels.service), this.grouping);
    if (decision) {
      const updated = await this.updateIncident(decision.incident.id, (i) => attachAlert(i, alert, at, decision.reason));
      if (updated.status === 'open') return { alert: { ...alert, incidentId: updated.id }, opened: false };
    }
    // A muted alert is kept and may join an existing incident, but never opens one on its own.
    if (alert.mutedBy) {
      const { incidentId: _gone, ...rest } = alert;
      return { alert: rest, opened: false };
    }
    const fresh = openIncidentFor(alert, this.grouping, at);
    const triaged = advance(fresh, 'Triage', now, 'automated', `Triage (automated): deduplicated, enriched, ${alert.severity} by rule ${alert.labels.severityRule ?? 'default'}, grouped by ${fresh.groupKey}`);
    // incident.opened is published by the caller once the alert that opened it is stored.
    const opened = await this.incidents.create(triaged);
    let incident = triaged;
    if (!opened) {
      // Re-processing after a crash: the incident for this episode already exists.
      incident = (await this.getIncident(triaged.id)) ?? triaged;
      if (incident.status === 'open') incident = await this.updateIncident(incident.id, (i) => attachAlert(i, alert, at, 'opened the incident'));
    }
    this.index.put(incident);
    return { alert: { ...alert, incidentId: incident.id }, opened };
  }

  private async onResolved(alert: Alert, at: string, now: string): Promise<void> {
    const incidentId = alert.incidentId as string;
    const incident = await this.getIncident(incidentId);
    if (!incident || incident.status !== 'open') return;
    // The incident lists its alerts: read them through the cache (and the open unit of work)
    // instead of a store query per resolution; the filter keeps exactly the alerts still in it.
    const siblings: Alert[] = [];
    for (const id of incident.alertIds) {
      const a = id === alert.id ? alert : await this.getAlert(id);
      if (a && a.incidentId === incidentId) siblings.push(a);
    }
    // A flapping alert is one ongoing problem: its incident stays open through the toggles.
    const allResolved = !alert.flapping && siblings.every((a) => a.id === alert.id || a.status === 'resolved');
    await this.updateIncident(incidentId, (i) => {
      let next = addTimeline(i, { at, kind: 'alert', message: `alert ${alert.title} resolved`, actor: 'automated', data: { alertId: alert.id, reason: 'resolved' } });
      if (allResolved && this.config.autoResolve) next = advanceAtLeast(next, 'Resolution', now, 'automated', 'Resolved automatically: every alert in the incident has resolved');
      return next;
    });
  }

  async updateIncident(id: string, change: (i: Incident) => Incident): Promise<Incident> {
    if (this.unit) {
      // Inside a unit of work (one store transaction, other writers wait at its gate): the first
      // touch reads the stored incident, later changes stay in memory and `flush()` writes once.
      const cur = this.unit.incidents.get(id) ?? (await this.incidents.get(id));
      if (!cur) throw new NotFoundError('incident', id);
      const next = change(cur);
      if (next === cur) {
        this.index.put(cur);
        return cur;
      }
      const updated = { ...next, id, version: (cur.version ?? 0) + 1 };
      this.unit.incidents.set(id, updated);
      this.index.put(updated);
      await this.emit('incident.updated', { incidentId: id }, `incident.updated:${id}:${updated.version}`, `incident.updated:${id}`);
      return updated;
    }
    let changed = false;
    const updated = await this.incidents.update(id, (cur) => {
      const next = change(cur);
      changed = next !== cur;
      return changed ? { ...next, version: (cur.version ?? 0) + 1 } : cur;
    });
    this.index.put(updated);
    if (changed) await this.emit('incident.updated', { incidentId: id }, `incident.updated:${id}:${updated.version}`);
    return updated;
  }
}
