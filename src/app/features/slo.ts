import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotFoundError, ValidationError } from '../../core/shared/errors.js';
import type { SloDefinition } from '../../core/slo/spec/model.js';
import type { SpecSource } from '../../core/slo/spec/parse.js';
import { loadSloDefinitions } from '../../core/slo/spec/resolve.js';
import type { MetricQuery, Metrics, MetricSeries } from '../../ports/metrics.js';
import { metricKey } from '../../ports/metrics.js';
import { createSloService, type SloEvaluation, type StoredSlo } from '../slo/index.js';
import type { PlatformCore } from './core.js';

/** The default spec files shipped with the product (`<repo>/slos`). */
export const DEFAULT_SLO_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'slos');

/** Periods read from the generator at once before yielding to the event loop (a day of minutes). */
const CHUNK_PERIODS = 1440;

export interface SloFeatureOptions {
  /** Directory of OpenSLO `*.yaml` files loaded at every start (default: the repo's `slos/`). */
  specDir?: string;
  /** Days of history backfilled the first time an SLO is seen (default 30; 0 turns it off). */
  backfillDays?: number;
}

/**
 * Validates OpenSLO spec texts without storing anything: the SLOs they define, or a
 * ValidationError naming the file, document, kind, name and field. The same check the API, the
 * console and `aiops slo check` use.
 */
export function checkSloSpecs(sources: SpecSource[]): SloDefinition[] {
  const slos = loadSloDefinitions(sources);
  if (slos.length === 0) throw new ValidationError(sources[0]?.name ?? 'spec', 'defines no SLO (add a document with kind: SLO)');
  return slos;
}

/**
 * Remembers the sandbox's datapoints of periods that are complete: the SLO evaluation reads its
 * whole window (30 days + the longest alert window) every minute, and a period already published
 * never changes, so only the minutes since the last read are asked of the generator.
 */
export function completedPeriodCache(inner: Metrics, now: () => number): Metrics {
  const cache = new Map<string, { from: number; to: number; unit?: string; points: Map<number, number> }>();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    listMetrics: (filter) => inner.listMetrics(filter),
    getMetricData(queries: MetricQuery[], startMs: number, endMs: number): Promise<MetricSeries[]> {
      // One read at a time: reads yield between chunks, and a concurrent read must not trim
      // points another one still needs.
      const run = queue.then(async () => {
        const out: MetricSeries[] = [];
        for (const q of queries) {
          const periodMs = Math.max(60, q.period) * 1000;
          const key = `${metricKey(q.metric)}|${q.stat}|${periodMs}`;
          const first = Math.ceil(startMs / periodMs) * periodMs;
          // The last period that is complete now; later ones are never cached.
          const complete = Math.floor(now() / periodMs) * periodMs - periodMs;
          let entry = cache.get(key);
          if (!entry || first < entry.from || entry.to < first - periodMs) entry = { from: first, to: first - periodMs, points: new Map() };
          const upTo = Math.min(endMs, complete);
          // Read in chunks of a day, yielding in between: the first read of a 30-day window is
          // seconds of generator work, and the HTTP server and the clock must keep running meanwhile.
          while (upTo > entry.to) {
            const chunkEnd = Math.min(upTo, entry.to + CHUNK_PERIODS * periodMs);
            // +1 ms: the end is inclusive here whether or not the inner adapter's end is.
            const [fresh] = await inner.getMetricData([q], entry.to + periodMs, chunkEnd + 1);
            if (fresh?.unit) entry.unit = fresh.unit;
            fresh?.timestamps.forEach((t, i) => {
              if (t <= chunkEnd) entry.points.set(t, fresh.values[i] as number);
            });
            entry.to = chunkEnd;
            if (chunkEnd < upTo) await new Promise<void>((resolve) => setImmediate(resolve));
          }
          // Keep the cache bounded to what the window needs.
          for (const t of entry.points.keys()) if (t < first) entry.points.delete(t);
          entry.from = Math.max(entry.from, first);
          cache.set(key, entry);
          const series: MetricSeries = {
            id: q.id,
            metric: q.metric,
            timestamps: [],
            values: [],
            ...(entry.unit ? { unit: entry.unit } : {}),
          };
          for (let t = first; t <= upTo; t += periodMs) {
            const v = entry.points.get(t);
            if (v === undefined) continue;
            series.timestamps.push(t);
            series.values.push(v);
          }
          out.push(series);
        }
        return out;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/**
 * The SLO feature on the local platform: loads `slos/*.yaml` (specs created through the API stay
 * in the store), evaluates every SLO each minute of platform time, sends burn-rate Signals into
 * the alert pipeline, and backfills history the first time an SLO is seen.
 */
export async function installSlo(core: PlatformCore, opts: SloFeatureOptions = {}) {
  const metrics = completedPeriodCache(core.sandbox.metrics, () => core.clock.now());
  const service = createSloService({
    metrics,
    store: core.store,
    clock: core.clock,
    emit: async (signal) => {
      const r = await core.alerting.ingest(signal, { via: 'bus' });
      if (r.status === 'quarantined') core.log(`slo: burn signal ${signal.id} quarantined: ${r.error?.field}: ${r.error?.reason}`);
    },
  });
  const backfillDays = opts.backfillDays ?? 30;
  // Which SLOs have their history backfilled, in the platform's settings (`slo-backfill:<id>`).
  const settings = core.store.collection<{ id: string; days: number; updatedAt: string }>('settings');
  const backfillKey = (sloId: string) => `slo-backfill:${sloId}`;

  const specDir = opts.specDir ?? DEFAULT_SLO_DIR;
  try {
    const loaded = await service.loadSpecs(specDir);
    core.log(`slo: ${loaded.length} SLOs from ${specDir}`);
  } catch (e) {
    // A broken spec file must not stop the platform: the stored copies keep being evaluated.
    core.log(`slo: spec files in ${specDir} not loaded: ${(e as Error).message}`);
  }

  /** Backfills an SLO's history once (idempotent; repeated calls after the first do nothing). */
  async function ensureBackfilled(sloId: string): Promise<void> {
    if (backfillDays <= 0 || (await settings.get(backfillKey(sloId)))) return;
    const r = await service.backfill(sloId, backfillDays);
    await settings.put({ id: backfillKey(sloId), days: backfillDays, updatedAt: r.to });
  }

  /**
   * Backfills the next SLO without history, at most one per call: a 30-day backfill reads two
   * months of minutes (about half a second per SLO on the sandbox), so spreading it over the
   * first evaluations keeps each minute's work bounded. Returns the SLO backfilled, if any.
   */
  async function backfillNext(): Promise<string | undefined> {
    if (backfillDays <= 0) return undefined;
    for (const s of await service.list()) {
      if (await settings.get(backfillKey(s.id))) continue;
      try {
        await ensureBackfilled(s.id);
      } catch (e) {
        // Marked as done anyway: a failing read must not be retried every minute; `backfill` can be re-run.
        core.log(`slo: backfill of ${s.id} failed: ${(e as Error).message}`);
        await settings.put({ id: backfillKey(s.id), days: 0, updatedAt: new Date(core.clock.now()).toISOString() });
      }
      return s.id;
    }
    return undefined;
  }

  core.scheduler.add({
    name: 'slo-evaluate',
    cron: '* * * * *',
    run: async () => {
      await service.evaluate();
      await backfillNext();
    },
  });

  /** Creates or replaces SLOs from spec texts (validated first), evaluates them once, backfills them. */
  async function create(sources: SpecSource[]): Promise<StoredSlo[]> {
    checkSloSpecs(sources);
    const defs = await service.loadSpecs(sources);
    const ids = defs.map((d) => d.id);
    await service.evaluate(undefined, { sloIds: ids });
    for (const id of ids) await ensureBackfilled(id);
    return Promise.all(ids.map((id) => service.get(id)));
  }

  async function remove(sloId: string): Promise<void> {
    await service.remove(sloId);
    await settings.delete(backfillKey(sloId));
  }

  /** The latest evaluation of an SLO (computed now, without emitting, when it has none yet). */
  async function status(doc: StoredSlo): Promise<SloEvaluation> {
    if (doc.last) return doc.last;
    const [e] = await service.evaluate(undefined, { sloIds: [doc.id], dryRun: true });
    if (!e) throw new NotFoundError('SLO', doc.id);
    return e;
  }

  return {
    ...service,
    create,
    remove,
    status,
    check: checkSloSpecs,
    ensureBackfilled,
    backfillNext,
    specDir,
  };
}

export type SloFeature = Awaited<ReturnType<typeof installSlo>>;
