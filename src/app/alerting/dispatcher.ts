import type { Alert } from '../../core/alerts/alert.js';
import { routeLabels, type RouteMatch } from '../../core/alerts/routing.js';
import { nextRetryDelay } from '../../core/alerts/stages/retry.js';
import type { Incident } from '../../core/incidents/incident.js';
import { addTimeline } from '../../core/incidents/lifecycle.js';
import type { Clock } from '../../ports/clock.js';
import type { Notification, Notifier, NotifyResult } from '../../ports/notifier.js';
import type { Collection, Store } from '../../ports/store.js';
import type { ResolvedAlertingConfig } from './config.js';

export interface NotificationRecord {
  /** = notification key: `<incidentId>:<receiver>:<action>:<n>`. */
  id: string;
  incidentId: string;
  receiver: string;
  action: Notification['action'];
  status: 'pending' | 'sent' | 'retrying' | 'failed';
  at: string;
  attempts: number;
  nextAttemptAt?: string;
  sentAt?: string;
  lastError?: string;
  providerId?: string;
  /** The alert set and severity that were notified (to detect changes for group_interval). */
  signature: string;
  notification: Notification;
  version?: number;
}

interface ReceiverState {
  triggers: number;
  lastSentAt?: number;
  lastSignature?: string;
  ackSent: boolean;
  resolveSent: boolean;
  escalated: boolean;
}

/** What the dispatcher needs to know about an incident's alerts, kept in memory. */
export interface AlertView {
  id: string;
  status: Alert['status'];
  muted: boolean;
  transientHold: boolean;
  title: string;
  severity: Alert['severity'];
}

/**
 * Turns incident state into notifications per receiver with Alertmanager timing: first after
 * group_wait, changes batched per group_interval, repeats per repeat_interval, then acknowledge
 * and resolve. The notification log makes delivery at-least-once without duplicates: a key is
 * written before sending and never sent again once `sent`.
 */
export class NotificationDispatcher {
  readonly log: Collection<NotificationRecord>;
  private readonly states = new Map<string, ReceiverState>();
  private readonly loadedIncidents = new Set<string>();

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly config: ResolvedAlertingConfig,
    private readonly notifiers: Record<string, Notifier>,
    private readonly updateIncident: (id: string, change: (i: Incident) => Incident) => Promise<Incident>,
  ) {
    this.log = store.collection<NotificationRecord>('notifications');
  }

  private async stateFor(incidentId: string, receiver: string): Promise<ReceiverState> {
    if (!this.loadedIncidents.has(incidentId)) {
      this.loadedIncidents.add(incidentId);
      for (const r of await this.log.find({ where: { incidentId } })) {
        const st = this.states.get(`${incidentId}|${r.receiver}`) ?? { triggers: 0, ackSent: false, resolveSent: false, escalated: false };
        if (r.action === 'trigger') {
          st.triggers++;
          const t = Date.parse(r.at);
          if (!st.lastSentAt || t > st.lastSentAt) {
            st.lastSentAt = t;
            st.lastSignature = r.signature;
          }
        }
        if (r.action === 'acknowledge') st.ackSent = true;
        if (r.action === 'resolve') st.resolveSent = true;
        if (r.id.endsWith(':escalation')) st.escalated = true;
        this.states.set(`${incidentId}|${r.receiver}`, st);
      }
    }
    const k = `${incidentId}|${receiver}`;
    let st = this.states.get(k);
    if (!st) this.states.set(k, (st = { triggers: 0, ackSent: false, resolveSent: false, escalated: false }));
    return st;
  }

  routes(incident: Incident, at: string): RouteMatch[] {
    const labels = { ...incident.labels, severity: incident.severity, service: incident.service ?? '', environment: incident.environment ?? '', status: incident.status };
    const c = this.config.grouping;
    return routeLabels(labels, this.config.route, { groupBy: c.groupBy, groupWait: c.groupWait, groupInterval: c.groupInterval, repeatInterval: c.repeatInterval }, this.config.timeIntervals, at);
  }

  /**
   * Decides and sends what is due for one incident. Returns how many notifications were sent and
   * the earliest time something else could become due (so the loop can skip it until then).
   */
  async evaluate(incident: Incident, alerts: readonly AlertView[]): Promise<{ sent: number; nextAt: number }> {
    const now = this.clock.now();
    const at = new Date(now).toISOString();
    let sent = 0;
    let nextAt = Number.POSITIVE_INFINITY;
    const later = (t: number): void => {
      if (t > now && t < nextAt) nextAt = t;
    };
    const active = alerts.filter((a) => a.status === 'firing' && !a.muted);
    const held = active.length > 0 && active.every((a) => a.transientHold);
    const signature = `${incident.severity}|${active
      .map((a) => a.id)
      .sort()
      .join(',')}`;
    for (const m of this.routes(incident, at)) {
      const st = await this.stateFor(incident.id, m.receiver);
      if (incident.status === 'resolved') {
        if (st.triggers > 0 && !st.resolveSent && (await this.send(incident, m.receiver, 'resolve', 0, signature, active))) {
          st.resolveSent = true;
          sent++;
        }
        continue;
      }
      if (m.mutedByTime || !active.length) continue;
      const opened = Date.parse(incident.openedAt);
      if (st.triggers === 0) later(opened + m.groupWait);
      else {
        later((st.lastSentAt ?? 0) + m.groupInterval);
        later((st.lastSentAt ?? 0) + m.repeatInterval);
      }
      if (m.escalation && !st.escalated) later(opened + m.escalation.after);
      let due = false;
      if (st.triggers === 0) due = !held && now >= opened + m.groupWait;
      else if (signature !== st.lastSignature) due = now >= (st.lastSentAt ?? 0) + m.groupInterval;
      else due = !incident.acknowledgedAt && now >= (st.lastSentAt ?? 0) + m.repeatInterval;
      if (due && (await this.send(incident, m.receiver, 'trigger', st.triggers, signature, active))) {
        st.triggers++;
        st.lastSentAt = now;
        st.lastSignature = signature;
        sent++;
      }
      if (incident.acknowledgedAt && st.triggers > 0 && !st.ackSent && (await this.send(incident, m.receiver, 'acknowledge', 0, signature, active))) {
        st.ackSent = true;
        sent++;
      }
      const esc = m.escalation;
      if (esc && !st.escalated && !incident.acknowledgedAt && esc.severities.includes(incident.severity) && now >= opened + esc.after) {
        st.escalated = true;
        if (await this.send(incident, esc.receiver, 'trigger', 0, signature, active, ':escalation')) sent++;
        await this.updateIncident(incident.id, (i) => addTimeline(i, { at, kind: 'notification', message: `escalated to ${esc.receiver}: ${incident.severity} unacknowledged for ${Math.round(esc.after / 60_000)} min`, actor: 'automated' }));
      }
    }
    return { sent, nextAt };
  }

  private build(incident: Incident, receiver: string, action: Notification['action'], key: string, active: readonly AlertView[]): Notification {
    const link = `${this.config.consoleUrl.replace(/\/$/, '')}/incidents/${incident.id}`;
    const verb = action === 'resolve' ? 'RESOLVED' : action === 'acknowledge' ? 'ACKNOWLEDGED' : 'FIRING';
    return {
      key,
      receiver,
      action,
      title: `[${incident.severity}] ${verb}: ${incident.title}`,
      summary: active.length ? `${active.length} firing alert(s): ${active.slice(0, 5).map((a) => a.title).join('; ')}${active.length > 5 ? '; …' : ''}` : `Incident ${incident.id} is ${incident.status}`,
      severity: incident.severity,
      incidentId: incident.id,
      link,
      labels: { ...incident.labels, groupKey: incident.groupKey },
      details: { phase: incident.phase, alertCount: incident.alertIds.length, resources: incident.resourceArns.slice(0, 10), ackLink: `${link}?action=ack` },
    };
  }

  /** Writes the log entry first (idempotent by key), then delivers; false if the key was already handled. */
  private async send(incident: Incident, receiver: string, action: Notification['action'], n: number, signature: string, active: readonly AlertView[], suffix = ''): Promise<boolean> {
    const key = `${incident.id}:${receiver}:${action}:${n}${suffix}`;
    const at = new Date(this.clock.now()).toISOString();
    const notification = this.build(incident, receiver, action, key, active);
    const rec: NotificationRecord = { id: key, incidentId: incident.id, receiver, action, status: 'pending', at, attempts: 0, signature, notification };
    if (!(await this.log.create(rec))) {
      const existing = await this.log.get(key);
      if (existing?.status !== 'pending') return false;
    }
    await this.deliver(key);
    return true;
  }

  private async deliver(key: string): Promise<void> {
    // Until this delivery is settled the log may hold work for retryDue (e.g. if it throws).
    this.mayRetry = true;
    const settled = await this.deliverOnce(key);
    if (settled) this.mayRetry = this.retrying > 0;
  }

  /** Returns true when the record ended sent/failed/retrying as planned (not when it threw). */
  private async deliverOnce(key: string): Promise<boolean> {
    const rec = await this.log.get(key);
    if (!rec || rec.status === 'sent' || rec.status === 'failed') return true;
    const notifier = this.notifiers[rec.receiver];
    const now = this.clock.now();
    let result: NotifyResult;
    if (!notifier) result = { ok: false, retryable: false, reason: `no notifier configured for receiver "${rec.receiver}"` };
    else {
      try {
        result = await notifier.notify(rec.notification);
      } catch (e) {
        // A notifier that throws is treated as a transient failure: retrying may help.
        result = { ok: false, retryable: true, reason: (e as Error).message };
      }
    }
    const attempts = rec.attempts + 1;
    const next = await this.log.update(key, (cur) => {
      if (result.ok) return { ...cur, status: 'sent', attempts, sentAt: new Date(now).toISOString(), ...(result.providerId ? { providerId: result.providerId } : {}) };
      const delay = result.retryable ? nextRetryDelay(this.config.retry, attempts, key) : undefined;
      return delay === undefined ? { ...cur, status: 'failed', attempts, lastError: result.reason } : { ...cur, status: 'retrying', attempts, lastError: result.reason, nextAttemptAt: new Date(now + delay).toISOString() };
    });
    if (next.status === 'retrying' && rec.status !== 'retrying') this.retrying++;
    if (next.status !== 'retrying' && rec.status === 'retrying') this.retrying = Math.max(0, this.retrying - 1);
    return true;
  }

  /**
   * Whether the log may hold `retrying` or `pending` records. Unknown at start (another run may
   * have left some), so the first tick looks; afterwards only deliveries can create them, so an
   * idle tick costs no store query.
   */
  private mayRetry = true;
  /** `retrying` records this dispatcher knows of (counted after the first full look). */
  private retrying = 0;

  /** Retries deliveries whose backoff has elapsed. */
  async retryDue(): Promise<number> {
    if (!this.mayRetry) return 0;
    const now = new Date(this.clock.now()).toISOString();
    const retrying = await this.log.find({ where: { status: 'retrying' } });
    this.retrying = retrying.length;
    const due = retrying.filter((r) => (r.nextAttemptAt ?? '') <= now);
    for (const r of due) await this.deliver(r.id);
    const pending = await this.log.find({ where: { status: 'pending' } });
    for (const r of pending) await this.deliver(r.id);
    // Records still waiting for their backoff keep the next tick looking.
    this.mayRetry = this.retrying > 0;
    return due.length + pending.length;
  }
}
