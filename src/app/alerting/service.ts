import type { Silence, SilenceInput } from '../../core/alerts/stages/silence.js';
import { noiseByDayAndService, type NoiseRow } from '../../core/alerts/noise.js';
import { normalize } from '../../core/events/normalize.js';
import type { Signal } from '../../core/events/signal.js';
import type { Incident } from '../../core/incidents/incident.js';
import { addTimeline, advanceAtLeast } from '../../core/incidents/lifecycle.js';
import { NotFoundError } from '../../core/shared/errors.js';
import { createHash } from 'node:crypto';
import { stableHash } from '../../core/shared/hash.js';
import { isRecord } from '../../core/events/normalizers/types.js';
import type { Cloud } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { Notifier } from '../../ports/notifier.js';
import type { Store } from '../../ports/store.js';
import { validateAlertingConfig } from './checkConfig.js';
import { resolveAlertingConfig, type AlertingConfig, type ResolvedAlertingConfig } from './config.js';
import { NotificationDispatcher } from './dispatcher.js';
import { SerialLock } from './lock.js';
import { MuteState } from './muting.js';
import { NotifyLoop } from './notifyLoop.js';
import { SignalProcessor } from './processor.js';
import { createAll, inboxOf, transactionOf, type InboxStore, type IngestResult, type IngestVia, type QuarantineRecord, type StoredSignal } from './records.js';

export interface AlertingDeps {
  store: Store;
  clock: Clock;
  bus: EventBus;
  notifiers?: Record<string, Notifier>;
  config?: AlertingConfig;
  inventory?: Cloud;
}

export interface IngestOptions {
  via?: IngestVia;
  /**
   * Accept only: store the signals durably as `pending` and return; `processPending()` (a worker,
   * the next tick…) applies them later. For bursty sources (SQS, the HTTP batch API) that must
   * acknowledge fast. Results then carry no alert/incident ids yet.
   */
  defer?: boolean;
}

export interface AlertingService {
  /** Normalizes, stores durably (pending), then processes one raw payload. Never throws on bad input. */
  ingest(raw: unknown, opts?: IngestOptions): Promise<IngestResult>;
  ingestBatch(raws: unknown[], opts?: IngestOptions): Promise<IngestResult[]>;
  /** Re-processes signals left `pending` (after a crash); idempotent. Returns how many. */
  processPending(): Promise<number>;
  /** Already-normalized signals (replays, the product's own modules): stored pending, then processed. */
  ingestSignals(signals: Signal[], opts?: IngestOptions): Promise<IngestResult>;
  /** Noise reduction per UTC day and service (`1 − alerts/events`, `1 − incidents/alerts`). */
  noise(range?: { since?: string; until?: string }): Promise<NoiseRow[]>;
  /** Time-driven work: notifications due, escalations, expiries. Call on every clock tick. */
  tick(): Promise<void>;
  acknowledge(incidentId: string, principal: string): Promise<Incident>;
  resolve(incidentId: string, principal: string, note?: string): Promise<Incident>;
  /** Re-normalizes a quarantined payload (optionally corrected) and ingests it if it now passes. */
  replayQuarantined(id: string, correctedRaw?: unknown): Promise<IngestResult>;
  /** Silences: label matchers (incl. regex), start/end, creator, comment. Expired ones are kept. */
  createSilence(input: SilenceInput): Promise<Silence>;
  expireSilence(id: string, principal: string): Promise<Silence>;
  listSilences(): Promise<Silence[]>;
  /**
   * Swaps the live config atomically (between two units of work): validates it first (schema and
   * references) and throws a ValidationError naming the field, keeping the current config, if it
   * is invalid. Inhibition state is rebuilt and every open incident is re-evaluated.
   */
  reloadConfig(config: AlertingConfig | ResolvedAlertingConfig): Promise<ResolvedAlertingConfig>;
  /** The live config (the same object across reloads; its contents are swapped). */
  readonly config: ResolvedAlertingConfig;
}

/** Canonical JSON (sorted keys) so the same malformed payload is quarantined once. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x) ?? 'undefined';
}

/**
 * The alerting use case: raw input → Signals (stored before anything else) → Alerts → Incidents,
 * with bus events for the console and the orchestrator.
 *
 * @example
 * const alerting = createAlertingService({ store, clock, bus, config: { autoResolve: true } });
 * const r = await alerting.ingest(cloudWatchAlarmEvent, { via: 'sandbox' });
 * // r.status === 'accepted', r.incidentIds[0] is the incident now in Triage
 */
export function createAlertingService(deps: AlertingDeps): AlertingService {
  const config = resolveAlertingConfig(deps.config);
  const { store, clock, bus } = deps;
  const processor = new SignalProcessor(store, clock, bus, config, deps.inventory);
  const quarantine = store.collection<QuarantineRecord>('quarantine');
  const lock = new SerialLock();
  const nowIso = (): string => new Date(clock.now()).toISOString();
  const tx = transactionOf(store);
  // The raw inbox is only used with transactions: its entries are removed in the commit that processes them.
  const inbox = tx ? inboxOf(store) : undefined;
  let inBatchTx = false;
  const inTx = async <T>(fn: () => Promise<T>): Promise<T> => {
    await loop.loadLearned();
    if (!tx) {
      const out = await fn();
      await loop.saveLearned();
      return out;
    }
    try {
      return await tx(async () => {
        inBatchTx = true;
        processor.begin();
        try {
          const out = await fn();
          // The batch's alerts, bus events and learned transient history are written once, inside the same commit.
          await processor.flush();
          await loop.saveLearned();
          return out;
        } finally {
          inBatchTx = false;
        }
      });
    } catch (e) {
      // The batch rolled back: forget anything cached from it.
      processor.clearCaches();
      loop.forgetUnsaved();
      throw e;
    }
  };
  const mute = new MuteState(store, config);
  const dispatcher = new NotificationDispatcher(store, clock, config, deps.notifiers ?? {}, (id, change) => processor.updateIncident(id, change));
  const loop = new NotifyLoop(processor, dispatcher, mute, clock, config, store);
  processor.mute = (alert, at) => mute.check(alert, at);
  processor.onAlert = (alert, transition) => loop.onAlert(alert, transition);

  async function quarantineRaw(raw: unknown, field: string, reason: string, source: string | undefined, via: IngestVia | undefined, deliveries = 1, receivedAt = nowIso()): Promise<IngestResult> {
    const id = `q-${stableHash(canonical(raw))}`;
    const rec: QuarantineRecord = { id, status: 'pending', field, reason, raw, receivedAt, deliveries, ...(source ? { source } : {}), ...(via ? { via } : {}) };
    if (!(await quarantine.create(rec))) await quarantine.update(id, (cur) => ({ ...cur, deliveries: cur.deliveries + deliveries }));
    return { status: 'quarantined', signalIds: [], alertIds: [], incidentIds: [], error: { field, reason } };
  }

  async function ingestUnlocked(raw: unknown, opts: IngestOptions = {}): Promise<IngestResult> {
    const n = normalize(raw);
    if (!n.ok) return quarantineRaw(raw, n.field, n.reason, n.source, opts.via);
    return storeAndProcess(n.signals, opts);
  }

  /**
   * The durable accept path (`defer`): validate every payload, then append all the batch's
   * signals as `pending` with one bulk insert-or-ignore (the signal id is the unique key, so a
   * re-delivery is a duplicate, never counted twice) inside the caller's commit. Processing
   * follows from the durable log (`processPending`).
   */
  async function acceptBatch(raws: unknown[], opts: IngestOptions): Promise<IngestResult[]> {
    if (inbox) return acceptToInbox(raws, opts);
    const receivedAt = nowIso();
    const out: (IngestResult | Signal[])[] = [];
    const stored: StoredSignal[] = [];
    for (const raw of raws) {
      const n = normalize(raw);
      if (!n.ok) {
        out.push(await quarantineRaw(raw, n.field, n.reason, n.source, opts.via));
        continue;
      }
      out.push(n.signals);
      for (const s of n.signals) stored.push({ ...s, status: 'pending', receivedAt, ...(opts.via ? { via: opts.via } : {}) });
    }
    const created = await createAll(processor.signals, stored);
    let k = 0;
    const results: IngestResult[] = [];
    for (const r of out) {
      if (!Array.isArray(r)) {
        results.push(r);
        continue;
      }
      let fresh = 0;
      const alertIds = new Set<string>();
      const incidentIds = new Set<string>();
      for (const s of r) {
        if (created[k++]) {
          fresh++;
          continue;
        }
        // A re-delivery: report what the original became, if it has been processed already.
        const existing = await processor.signals.get(s.id);
        if (existing?.alertId) alertIds.add(existing.alertId);
        if (existing?.incidentId) incidentIds.add(existing.incidentId);
      }
      results.push({ status: fresh ? 'accepted' : 'duplicate', signalIds: r.map((s) => s.id), alertIds: [...alertIds], incidentIds: [...incidentIds] });
    }
    return results;
  }

  /**
   * The lean accept path on a store with an inbox: a structural check only (a JSON object, or a
   * string holding one: anything else is quarantined now, naming the field), then one durable
   * append per payload, keyed by the payload's hash so a re-delivery is counted, not stored
   * twice. Full validation (schemas) runs in `processPending`, where a failure is quarantined
   * with its field; signal-level dedup (source + source id) happens there too.
   */
  async function acceptToInbox(raws: unknown[], opts: IngestOptions): Promise<IngestResult[]> {
    const box = inbox as InboxStore;
    const receivedAt = nowIso();
    const out: (IngestResult | undefined)[] = [];
    const entries: { key: string; raw: string; text: boolean; via?: string; receivedAt: string }[] = [];
    for (const raw of raws) {
      let text: string;
      if (typeof raw === 'string') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw) as unknown;
        } catch {
          out.push(await quarantineRaw(raw, '(root)', 'body is not valid JSON', undefined, opts.via));
          continue;
        }
        if (!isRecord(parsed)) {
          out.push(await quarantineRaw(raw, '(root)', 'expected a JSON object', undefined, opts.via));
          continue;
        }
        text = raw;
      } else if (isRecord(raw)) {
        text = JSON.stringify(raw);
      } else {
        out.push(await quarantineRaw(raw, '(root)', 'expected a JSON object', undefined, opts.via));
        continue;
      }
      out.push(undefined);
      entries.push({ key: payloadKey(text), raw: text, text: typeof raw === 'string', receivedAt, ...(opts.via ? { via: opts.via } : {}) });
    }
    const fresh = await box.inboxAppend(entries);
    let k = 0;
    return out.map((r) => r ?? { status: fresh[k++] ? 'accepted' : 'duplicate', signalIds: [], alertIds: [], incidentIds: [] });
  }

  /** Drains the inbox in chunks, each processed and removed in one commit. Returns how many entries. */
  async function drainInbox(box: InboxStore): Promise<number> {
    let n = 0;
    for (;;) {
      const chunk = await box.inboxTake(500);
      if (!chunk.length) return n;
      await inTx(async () => {
        for (const e of chunk) {
          const raw: unknown = e.text ? e.raw : (JSON.parse(e.raw) as unknown);
          const via = e.via as IngestVia | undefined;
          const parsed = normalize(raw);
          if (!parsed.ok) await quarantineRaw(raw, parsed.field, parsed.reason, parsed.source, via, e.deliveries, e.receivedAt);
          else await storeAndProcess(parsed.signals, via ? { via } : {}, e.receivedAt);
        }
        await box.inboxDelete(chunk.map((e) => e.seq));
      });
      n += chunk.length;
    }
  }

  async function storeAndProcess(signals: Signal[], opts: IngestOptions, receivedAt = nowIso()): Promise<IngestResult> {
    let fresh = 0;
    const alertIds = new Set<string>();
    const incidentIds = new Set<string>();
    const note = (a?: string, i?: string): void => {
      if (a) alertIds.add(a);
      if (i) incidentIds.add(i);
    };
    const pending: StoredSignal[] = [];
    for (const s of signals) {
      const stored: StoredSignal = { ...s, status: 'pending', receivedAt, ...(opts.via ? { via: opts.via } : {}) };
      if (opts.defer) {
        if (await processor.signals.create(stored)) {
          fresh++;
          continue;
        }
      } else if (inBatchTx) {
        // Inside one store transaction: process, then write once; nothing is acknowledged before the commit.
        const out = await processor.processNew(stored, s);
        if (out) {
          fresh++;
          note(out.alertId, out.incidentId);
          continue;
        }
      } else if (await processor.signals.create(stored)) {
        pending.push(stored);
        continue;
      }
      const existing = await processor.signals.get(s.id);
      note(existing?.alertId, existing?.incidentId);
    }
    for (const s of pending) {
      const out = await processor.process(s);
      fresh++;
      note(out.alertId, out.incidentId);
    }
    return { status: fresh ? 'accepted' : 'duplicate', signalIds: signals.map((s) => s.id), alertIds: [...alertIds], incidentIds: [...incidentIds] };
  }

  return {
    config,
    reloadConfig: (input) =>
      lock.run(async () => {
        const next = validateAlertingConfig(input);
        // Every stage holds this object: replacing its contents under the lock is the atomic swap.
        for (const k of Object.keys(config)) if (!(k in next)) delete (config as Record<string, unknown>)[k];
        Object.assign(config, next);
        mute.rebuild(await processor.alerts.find({ where: { status: 'firing' } }));
        loop.touchAll();
        return config;
      }),
    ingest: (raw, opts) => lock.run(() => inTx(() => ingestUnlocked(raw, opts))),
    ingestBatch: (raws, opts) =>
      lock.run(() =>
        inTx(async () => {
          if (opts?.defer) return acceptBatch(raws, opts);
          const out: IngestResult[] = [];
          for (const r of raws) out.push(await ingestUnlocked(r, opts));
          return out;
        }),
      ),
    processPending: () =>
      lock.run(async () => {
        const pending = await processor.signals.find({ where: { status: 'pending' }, order: 'asc' });
        // In chunks, each one store commit when the store offers transactions.
        for (let i = 0; i < pending.length; i += 500) {
          const chunk = pending.slice(i, i + 500);
          await inTx(async () => {
            for (const s of chunk) await processor.process(s);
          });
        }
        return pending.length + (inbox ? await drainInbox(inbox) : 0);
      }),
    ingestSignals: (signals, opts) =>
      lock.run(async () => {
        await loop.loadLearned();
        const out = await storeAndProcess(signals, opts ?? {});
        await loop.saveLearned();
        return out;
      }),
    noise: async (range = {}) => {
      const q = { ...(range.since ? { since: range.since } : {}), ...(range.until ? { until: range.until } : {}) };
      const events = (await processor.signals.find(q)).filter((s) => s.state !== 'info').map((s) => ({ time: s.time, ...(s.labels.service ? { service: s.labels.service } : {}) }));
      const alerts = (await processor.alerts.find()).filter((a) => (!range.since || a.firstSeen >= range.since) && (!range.until || a.firstSeen < range.until));
      const incidents = await processor.incidents.find(q);
      return noiseByDayAndService({ events, alerts: alerts.map((a) => ({ firstSeen: a.firstSeen, ...(a.service ? { service: a.service } : {}) })), incidents: incidents.map((i) => ({ openedAt: i.openedAt, ...(i.service ? { service: i.service } : {}) })) });
    },
    tick: () =>
      lock.run(async () => {
        await mute.refreshStatuses(nowIso());
        await loop.tick();
        // Anything learned outside a unit of work (a replayed quarantine entry) is stored here.
        await loop.saveLearned();
      }),
    createSilence: (input) =>
      lock.run(async () => {
        const s = await mute.createSilence(input, nowIso());
        loop.touchAll();
        return s;
      }),
    expireSilence: (id, principal) =>
      lock.run(async () => {
        const s = await mute.expireSilence(id, principal, nowIso());
        loop.touchAll();
        return s;
      }),
    listSilences: () => mute.list(),
    acknowledge: (incidentId, principal) =>
      lock.run(async () => {
        if (!(await processor.incidents.get(incidentId))) throw new NotFoundError('incident', incidentId);
        loop.touch(incidentId);
        return processor.updateIncident(incidentId, (i) => advanceAtLeast(i, 'Acknowledgment', nowIso(), principal, `Acknowledged by ${principal}`));
      }),
    resolve: (incidentId, principal, note) =>
      lock.run(async () => {
        if (!(await processor.incidents.get(incidentId))) throw new NotFoundError('incident', incidentId);
        loop.touch(incidentId);
        return processor.updateIncident(incidentId, (i) => {
          const at = nowIso();
          const withNote = note ? addTimeline(i, { at, kind: 'note', message: note, actor: principal }) : i;
          const next = advanceAtLeast(withNote, 'Resolution', at, principal, `Resolved by ${principal}`);
          return next === withNote && withNote === i ? i : next;
        });
      }),
    replayQuarantined: (id, correctedRaw) =>
      lock.run(async () => {
        const rec = await quarantine.get(id);
        if (!rec) throw new NotFoundError('quarantine', id);
        const raw = correctedRaw ?? rec.raw;
        const n = normalize(raw);
        if (!n.ok) {
          await quarantine.update(id, (cur) => ({ ...cur, field: n.field, reason: n.reason }));
          return { status: 'quarantined', signalIds: [], alertIds: [], incidentIds: [], error: { field: n.field, reason: n.reason } };
        }
        const result = await ingestUnlocked(raw, rec.via ? { via: rec.via } : {});
        await quarantine.update(id, (cur) => ({ ...cur, status: 'replayed', replayedAt: nowIso(), replayedSignalIds: result.signalIds }));
        return result;
      }),
  };
}

/**
 * The inbox key of a raw payload: a digest of its exact text, so a re-delivered payload is
 * recognised. Native SHA-1 (not a security use) costs a third of the JS hash on the accept path.
 */
function payloadKey(text: string): string {
  return `in-${createHash('sha1').update(text).digest('base64url')}`;
}
