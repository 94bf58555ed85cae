import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotFoundError, ValidationError } from '../../core/shared/errors.js';
import type { SloDefinition } from '../../core/slo/spec/model.js';
import type { SpecSource } from '../../core/slo/spec/parse.js';
import { loadSloDefinitions } from '../../core/slo/spec/resolve.js';
import type { MetricQuery, Metrics, MetricSeries } from '../../ports/metrics.js';
import { createSloService, type SloEvaluation, type StoredSlo } from '../slo/index.js';
import type { PlatformCore } from './core.js';

/** The default spec files shipped with the product (`<repo>/slos`). */
export const DEFAULT_SLO_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'slos');

/** Span read from the generator at once before yielding to the event loop. */
const CHUNK_MS = 86_400_000;

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
 * Reads long ranges in chunks of a day, yielding to the event loop in between: the first
 * evaluation of an SLO and its backfill read 30–63 days of minutes (seconds of sandbox generator
 * work), and the HTTP server and the clock must keep running meanwhile. Short reads (every
 * evaluation after the first reads only the newest minutes) go straight through.
 */
export function chunkedReads(inner: Metrics, chunkMs = CHUNK_MS): Metrics {
  return {
    listMetrics: (filter) => inner.listMetrics(filter),
    async getMetricData(queries: MetricQuery[], startMs: number, endMs: number): Promise<MetricSeries[]> {
      if (endMs - startMs <= chunkMs) return inner.getMetricData(queries, startMs, endMs);
      const out: MetricSeries[] = queries.map((q) => ({ id: q.id, metric: q.metric, timestamps: [], values: [] }));
      for (let from = startMs; from < endMs; from += chunkMs) {
        const to = Math.min(endMs, from + chunkMs);
        const last = to === endMs;
        const part = await inner.getMetricData(queries, from, to);
        part.forEach((s, i) => {
          const acc = out[i] as MetricSeries;
          if (s.unit) acc.unit = s.unit;
          for (let k = 0; k < s.timestamps.length; k++) {
            const t = s.timestamps[k] as number;
            // Chunk ends are exclusive (the next chunk starts there); the caller's end keeps the adapter's meaning.
            if (!last && t >= to) continue;
            acc.timestamps.push(t);
            acc.values.push(s.values[k] as number);
          }
        });
        if (!last) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return out;
    },
  };
}

/**
 * The SLO feature on the local platform: loads `slos/*.yaml` (specs created through the API stay
 * in the store), evaluates every SLO each minute of platform time, sends burn-rate Signals into
 * the alert pipeline, and backfills history the first time an SLO is seen.
 */
export async function installSlo(core: PlatformCore, opts: SloFeatureOptions = {}) {
  const metrics = chunkedReads(core.sandbox.metrics);
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
