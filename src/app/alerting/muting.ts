import type { Alert } from '../../core/alerts/alert.js';
import { alertLabelSet, matchAll } from '../../core/alerts/matchers.js';
import { isPotentialSource } from '../../core/alerts/stages/inhibit.js';
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
  /** Per inhibit rule: firing source alerts keyed by their `equal` label values. */
  private sources: Map<string, Map<string, Alert>>[];
  private readonly sourceKeys = new Map<string, { rule: number; key: string }[]>();

  constructor(
    store: Store,
    private readonly config: ResolvedAlertingConfig,
  ) {
    this.silences = store.collection<Silence>('silences');
    this.sources = config.inhibitRules.map(() => new Map());
  }

  private async live(): Promise<Silence[]> {
    if (!this.cache) this.cache = (await this.silences.find()).filter((s) => s.status !== 'expired' || !s.expiredBy);
    return this.cache;
  }

  /**
   * After a config swap: the inhibit rules may differ, so the source index is rebuilt from the
   * firing alerts, and the silence cache is dropped.
   */
  rebuild(firing: readonly Alert[]): void {
    this.sources = this.config.inhibitRules.map(() => new Map());
    this.sourceKeys.clear();
    this.cache = undefined;
    for (const a of firing) this.track(a);
  }

  /** Keeps the inhibition source index current; call for every alert write. */
  track(alert: Alert): void {
    const rules = this.config.inhibitRules;
    if (!rules.length) return;
    for (const { rule, key } of this.sourceKeys.get(alert.id) ?? []) this.sources[rule]?.get(key)?.delete(alert.id);
    this.sourceKeys.delete(alert.id);
    if (alert.status !== 'firing') return;
    const labels = alertLabelSet(alert);
    const keys: { rule: number; key: string }[] = [];
    rules.forEach((r, i) => {
      if (!matchAll(r.sourceMatchers, labels)) return;
      const key = r.equal.map((l) => labels[l] ?? '').join('\u0000');
      const byKey = this.sources[i] as Map<string, Map<string, Alert>>;
      let m = byKey.get(key);
      if (!m) byKey.set(key, (m = new Map()));
      m.set(alert.id, alert);
      keys.push({ rule: i, key });
    });
    if (keys.length) this.sourceKeys.set(alert.id, keys);
  }

  /** Why the alert is muted at `at` (`silence:<id>`, `maintenance:<name>`, `inhibited-by:<alertId>`), or undefined. */
  async check(alert: Alert, at: string): Promise<string | undefined> {
    const s = findSilence(alert, await this.live(), at);
    if (s) return `silence:${s.id}`;
    const w = findMaintenanceWindow(alert, this.config.maintenanceWindows, at);
    if (w) return `maintenance:${w.name}`;
    // An alert that can inhibit others is never hidden itself, so the cause always stays visible.
    const rules = this.config.inhibitRules;
    if (this.sourceKeys.size && !isPotentialSource(alert, rules)) {
      const labels = alertLabelSet(alert);
      for (const [i, r] of rules.entries()) {
        if (!matchAll(r.targetMatchers, labels)) continue;
        const m = this.sources[i]?.get(r.equal.map((l) => labels[l] ?? '').join('\u0000'));
        for (const s of m?.values() ?? []) if (s.id !== alert.id) return `inhibited-by:${s.id}`;
      }
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
    let changed = false;
    for (const s of await this.live()) {
      const st = silenceStatus(s, now);
      if (st !== s.status) {
        await this.silences.update(s.id, (cur) => ({ ...cur, status: silenceStatus(cur, now), updatedAt: now }));
        changed = true;
      }
    }
    if (changed) this.cache = undefined;
  }

  async list(): Promise<Silence[]> {
    return this.silences.find({ order: 'desc' });
  }
}
