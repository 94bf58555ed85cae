import type { Alert } from '../../core/alerts/alert.js';
import { findInhibitor, isPotentialSource } from '../../core/alerts/stages/inhibit.js';
import { findMaintenanceWindow } from '../../core/alerts/stages/maintenance.js';
import { findSilence, SilenceInputSchema, silenceStatus, type Silence, type SilenceInput } from '../../core/alerts/stages/silence.js';
import { NotFoundError } from '../../core/shared/errors.js';
import { stableHash } from '../../core/shared/hash.js';
import { parseOrThrow } from '../../core/shared/zod.js';
import type { Collection, Store } from '../../ports/store.js';
import type { ResolvedAlertingConfig } from './config.js';

/**
 * Silences (stored), maintenance windows (config) and inhibition (config + the firing alerts that
 * can inhibit). Muting only affects notification and incident opening; muted alerts are stored,
 * counted and grouped like any other.
 */
export class MuteState {
  readonly silences: Collection<Silence>;
  private cache: Silence[] | undefined;
  /** Firing alerts that match some inhibit rule's source matchers. */
  private readonly sources = new Map<string, Alert>();

  constructor(
    store: Store,
    private readonly config: ResolvedAlertingConfig,
  ) {
    this.silences = store.collection<Silence>('silences');
  }

  private async live(): Promise<Silence[]> {
    if (!this.cache) this.cache = (await this.silences.find()).filter((s) => s.status !== 'expired' || !s.expiredBy);
    return this.cache;
  }

  /** Keeps the inhibition source index current; call for every alert write. */
  track(alert: Alert): void {
    if (alert.status === 'firing' && this.config.inhibitRules.length && isPotentialSource(alert, this.config.inhibitRules)) this.sources.set(alert.id, alert);
    else this.sources.delete(alert.id);
  }

  /** Why the alert is muted at `at` (`silence:<id>`, `maintenance:<name>`, `inhibited-by:<alertId>`), or undefined. */
  async check(alert: Alert, at: string): Promise<string | undefined> {
    const s = findSilence(alert, await this.live(), at);
    if (s) return `silence:${s.id}`;
    const w = findMaintenanceWindow(alert, this.config.maintenanceWindows, at);
    if (w) return `maintenance:${w.name}`;
    // An alert that can inhibit others is never hidden itself, so the cause always stays visible.
    if (this.sources.size && !isPotentialSource(alert, this.config.inhibitRules)) {
      const by = findInhibitor(alert, [...this.sources.values()], this.config.inhibitRules);
      if (by) return `inhibited-by:${by.id}`;
    }
    return undefined;
  }

  async createSilence(input: SilenceInput, now: string): Promise<Silence> {
    const valid = parseOrThrow(SilenceInputSchema, input);
    const id = `sil-${stableHash(`${valid.createdBy}|${valid.startsAt}|${valid.matchers.join(',')}|${now}`)}`;
    const silence: Silence = { ...valid, id, status: silenceStatus(valid, now), createdAt: now, updatedAt: now };
    await this.silences.create(silence);
    this.cache = undefined;
    return silence;
  }

  /** Ends a silence now; it is kept (expired) for the audit trail, never deleted. */
  async expireSilence(id: string, principal: string, now: string): Promise<Silence> {
    if (!(await this.silences.get(id))) throw new NotFoundError('silence', id);
    const s = await this.silences.update(id, (cur) => ({ ...cur, endsAt: cur.endsAt < now ? cur.endsAt : now, status: 'expired', expiredBy: principal, updatedAt: now }));
    this.cache = undefined;
    return s;
  }

  /** Refreshes stored statuses (pending → active → expired) so the store's status index is true. */
  async refreshStatuses(now: string): Promise<void> {
    for (const s of await this.live()) {
      const st = silenceStatus(s, now);
      if (st !== s.status) await this.silences.update(s.id, (cur) => ({ ...cur, status: silenceStatus(cur, now), updatedAt: now }));
    }
    this.cache = undefined;
  }

  async list(): Promise<Silence[]> {
    return this.silences.find({ order: 'desc' });
  }
}
