import type { Alert } from '../../core/alerts/alert.js';
import type { AlertTransition } from '../../core/alerts/stages/dedup.js';
import { isTransient, recordEpisode, transientClass, type TransientStats } from '../../core/alerts/stages/transient.js';
import type { Clock } from '../../ports/clock.js';
import type { Collection, Store } from '../../ports/store.js';
import type { ResolvedAlertingConfig } from './config.js';
import type { AlertView, NotificationDispatcher } from './dispatcher.js';
import type { MuteState } from './muting.js';
import type { SignalProcessor } from './processor.js';

/** The stored transient history: episodes per alert class (`settings` document). */
export interface TransientHistoryDoc {
  id: string;
  updatedAt: string;
  classes: Record<string, TransientStats>;
  version?: number;
}
export const TRANSIENT_HISTORY_ID = 'alerting.transientHistory';

/**
 * Keeps, per incident, the alerts the dispatcher looks at, learns which alert classes are
 * transient, and on every tick lets the dispatcher send what is due.
 */
export class NotifyLoop {
  private readonly views = new Map<string, Map<string, Alert>>();
  private readonly transient = new Map<string, TransientStats>();
  /** Learned transient history is stored (one settings document) so a restart does not forget it. */
  private readonly settings: Collection<TransientHistoryDoc>;
  private transientLoaded = false;
  private transientDirty = false;
  /** Incidents whose alerts or state changed since their last evaluation. */
  private readonly dirty = new Set<string>();
  /** Earliest time an unchanged incident could have something due. */
  private readonly nextAt = new Map<string, number>();
  /** Mutes depend on time (windows open and close, silences expire): re-check at least this often. */
  private static readonly RECHECK_MS = 60_000;

  constructor(
    private readonly processor: SignalProcessor,
    private readonly dispatcher: NotificationDispatcher,
    private readonly mute: MuteState,
    private readonly clock: Clock,
    private readonly config: ResolvedAlertingConfig,
    store: Store,
  ) {
    this.settings = store.collection<TransientHistoryDoc>('settings');
  }

  /** Loads the stored transient history once (before the first unit of work or tick). */
  async loadLearned(): Promise<void> {
    if (this.transientLoaded) return;
    this.transientLoaded = true;
    const doc = await this.settings.get(TRANSIENT_HISTORY_ID);
    // Episodes learned before the load (none in practice) are added to the stored counts.
    for (const [cls, stored] of Object.entries(doc?.classes ?? {})) {
      const mem = this.transient.get(cls);
      this.transient.set(cls, mem ? { episodes: stored.episodes + mem.episodes, quick: stored.quick + mem.quick } : stored);
    }
  }

  /** Writes the transient history if it changed; inside the caller's unit of work (same commit). */
  async saveLearned(): Promise<void> {
    if (!this.transientDirty) return;
    this.transientDirty = false;
    await this.settings.put({ id: TRANSIENT_HISTORY_ID, updatedAt: new Date(this.clock.now()).toISOString(), classes: Object.fromEntries(this.transient) });
  }

  /** After a rolled-back unit of work: forget what it learned by reading the stored history again. */
  forgetUnsaved(): void {
    this.transient.clear();
    this.transientLoaded = false;
    this.transientDirty = false;
  }

  onAlert(alert: Alert, transition: AlertTransition): void {
    this.mute.track(alert);
    if (transition === 'resolved' && alert.endsAt) {
      const cls = transientClass(alert);
      this.transient.set(cls, recordEpisode(this.transient.get(cls), Date.parse(alert.endsAt) - Date.parse(alert.startsAt), this.config.transientPause.pause));
      this.transientDirty = true;
    }
    if (!alert.incidentId) return;
    this.dirty.add(alert.incidentId);
    let m = this.views.get(alert.incidentId);
    if (!m) this.views.set(alert.incidentId, (m = new Map()));
    m.set(alert.id, alert);
  }

  /** Marks an incident as needing a look (acknowledged or resolved by a human). */
  touch(incidentId: string): void {
    this.dirty.add(incidentId);
    if (!this.views.has(incidentId)) this.views.set(incidentId, new Map());
  }

  /** Silences changed: every incident must be looked at again. */
  touchAll(): void {
    for (const id of this.views.keys()) this.dirty.add(id);
  }

  private async view(alert: Alert, at: string): Promise<AlertView> {
    const tp = this.config.transientPause;
    const hold = tp.enabled && alert.status === 'firing' && isTransient(this.transient.get(transientClass(alert)), tp.minEpisodes, tp.selfResolveRatio) && Date.parse(at) < Date.parse(alert.startsAt) + tp.pause;
    // Mutes are re-checked at notification time: a silence created after the alert still applies.
    const muted = alert.status === 'firing' ? !!(await this.mute.check(alert, at)) : false;
    // A flapping alert counts as one ongoing firing alert so its toggles never re-notify.
    return { id: alert.id, status: alert.flapping ? 'firing' : alert.status, muted, transientHold: hold, title: alert.title, severity: alert.severity };
  }

  async tick(): Promise<number> {
    await this.loadLearned();
    const at = new Date(this.clock.now()).toISOString();
    await this.processor.index.load();
    for (const id of this.processor.index.ids()) if (!this.views.has(id)) {
      const m = new Map<string, Alert>();
      for (const a of await this.processor.alerts.find({ where: { incidentId: id } })) m.set(a.id, a);
      this.views.set(id, m);
    }
    let sent = 0;
    const now = this.clock.now();
    for (const [id, alerts] of [...this.views]) {
      if (!this.dirty.has(id) && now < (this.nextAt.get(id) ?? 0)) continue;
      this.dirty.delete(id);
      const incident = this.processor.index.get(id) ?? (await this.processor.incidents.get(id));
      if (!incident) {
        this.views.delete(id);
        continue;
      }
      if (!alerts.size) for (const a of await this.processor.alerts.find({ where: { incidentId: id } })) alerts.set(a.id, a);
      const views: AlertView[] = [];
      for (const a of alerts.values()) views.push(await this.view(a, at));
      const r = await this.dispatcher.evaluate(incident, views);
      sent += r.sent;
      this.nextAt.set(id, Math.min(r.nextAt, now + NotifyLoop.RECHECK_MS));
      if (incident.status === 'resolved') {
        this.views.delete(id);
        this.nextAt.delete(id);
      }
    }
    await this.dispatcher.retryDue();
    return sent;
  }
}
