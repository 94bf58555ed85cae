import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { ValidationError } from '../../core/shared/errors.js';
import { parseOrThrow } from '../../core/shared/zod.js';
import { metricKey, type MetricInfo, type Metrics } from '../../ports/metrics.js';
import type { CollectionName } from '../../ports/collections.js';
import type { Collection, Doc, Store } from '../../ports/store.js';
import { DetectionConfigSchema, selects } from '../detection/config.js';
import { createDetectionService, type Explanation } from '../detection/service.js';
import { queryAnomalies, type AnomalyDoc } from '../detection/signals.js';
import type { PlatformCore } from './core.js';

/**
 * The detection feature's configuration: the engine's (`DetectionConfigSchema`: monitored metrics,
 * back-fill horizon, detector, threshold…) plus how the platform schedules it.
 */
export const DetectionFeatureConfigSchema = DetectionConfigSchema.extend({
  /** Platform-time schedule of the job (the seed: "every 5 minutes: run custom anomaly detection model"). */
  cron: z.string().min(1).default('*/5 * * * *'),
  /**
   * Metrics seen for the first time that one run back-fills. Reading 14 days of a sandbox metric
   * costs ~0.3 s of CPU, and the job runs inside the platform tick, so the fleet's first sight is
   * spread over several runs instead of stalling the tick for ~13 s.
   */
  backfillPerRun: z.number().int().min(1).max(10_000).default(3),
  /** One metric per sandbox read, so a back-fill holds the event loop for ~0.3 s at a time, not ~1 s (CloudWatch would batch 100+). */
  batchSize: z.number().int().min(1).max(500).default(1),
});
export type DetectionFeatureConfig = z.infer<typeof DetectionFeatureConfigSchema>;
export type DetectionFeatureConfigInput = z.input<typeof DetectionFeatureConfigSchema>;

/** Optional file in the data directory that overrides the defaults (e.g. which metrics are monitored). */
export const DETECTION_CONFIG_FILE = 'detection.json';

export interface DetectionRunReport {
  /** Platform time of the run. */
  at: string;
  /** Metrics advanced in this run (already known plus newly back-filled). */
  metrics: number;
  /** Metrics seen for the first time and back-filled in this run. */
  backfilled: number;
  /** Monitored metrics still waiting for their back-fill. */
  pending: number;
  anomalies: number;
  /** CPU time of the run, in milliseconds (real time, not platform time). */
  ms: number;
}

export interface MonitoredMetric {
  key: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  unit?: string;
  resourceArn?: string;
  /** False while the metric waits for its back-fill. */
  ready: boolean;
}

export interface AnomalyQuery {
  metricKey?: string;
  resourceArn?: string;
  status?: 'open' | 'resolved';
  limit?: number;
}

export interface DetectionFeature {
  readonly config: DetectionFeatureConfig;
  /** One run of the scheduled job (also `POST /detect/run`); runs never overlap. */
  runOnce(): Promise<DetectionRunReport>;
  explain(metricKey: string): Promise<Explanation>;
  anomalies(q?: AnomalyQuery): Promise<AnomalyDoc[]>;
  metrics(): Promise<MonitoredMetric[]>;
  lastRun(): DetectionRunReport | undefined;
}

interface ProgressDoc extends Doc {
  id: 'detection';
  /** Metric keys whose back-fill is done: they are read incrementally from then on. */
  known: string[];
  updatedAt: string;
}

/** Reads `<dataDir>/detection.json` when present; a bad file fails the start, naming the field. */
export function loadDetectionConfig(dataDir: string, override?: DetectionFeatureConfigInput): DetectionFeatureConfig {
  const file = join(dataDir, DETECTION_CONFIG_FILE);
  let fromFile: unknown = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ValidationError(DETECTION_CONFIG_FILE, `not valid JSON: ${(e as Error).message}`);
    }
  }
  return parseOrThrow(DetectionFeatureConfigSchema, { ...(fromFile as object), ...override }, 'detection');
}

/**
 * Lets the server's other work (HTTP requests, the console's events) run between two pieces of a
 * detection run: the sandbox computes metric data and SQLite writes synchronously, so without it
 * a run would hold the event loop for its whole duration.
 */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A Metrics port that lists only the admitted metrics, so one run never back-fills more than its budget. */
function admitting(inner: Metrics, admitted: () => ReadonlySet<string>): Metrics {
  return {
    async getMetricData(queries, start, end) {
      await yieldToEventLoop();
      return inner.getMetricData(queries, start, end);
    },
    listMetrics: async (filter) => (await inner.listMetrics(filter)).filter((i) => admitted().has(metricKey(i.metric))),
  };
}

/**
 * The store with the detector states kept in memory between runs: every run reads all of them
 * (~130 KB of JSON per metric, 5.5 MB for the sandbox fleet), and parsing them again each time
 * was a third of a run. Writes still go through, so a restart resumes from the stored states.
 */
function cachingDetectorStates(inner: Store): Store {
  const cache = new Map<string, Doc>();
  const states = inner.collection<Doc>('detectorState');
  const cached: Collection<Doc> = {
    async get(id) {
      const hit = cache.get(id);
      if (hit) return hit;
      const doc = await states.get(id);
      if (doc) cache.set(id, doc);
      return doc;
    },
    async put(doc) {
      await yieldToEventLoop();
      await states.put(doc);
      cache.set(doc.id, doc);
    },
    async create(doc) {
      cache.delete(doc.id);
      return states.create(doc);
    },
    async update(id, change) {
      cache.delete(id);
      return states.update(id, change);
    },
    async delete(id) {
      cache.delete(id);
      await states.delete(id);
    },
    find: (q) => states.find(q),
    count: (where) => states.count(where),
  };
  return {
    collection: <T extends Doc>(name: CollectionName) => (name === 'detectorState' ? (cached as unknown as Collection<T>) : inner.collection<T>(name)),
    audit: inner.audit,
    close: () => inner.close(),
  };
}

/**
 * Scheduled anomaly detection on the platform: every 5 minutes of platform time the job reads
 * the new points of every monitored metric through the Metrics port, advances each detector,
 * persists its state and sends anomaly Signals into alerting (so they become alerts and incidents).
 */
export async function installDetection(core: PlatformCore, override?: DetectionFeatureConfigInput): Promise<DetectionFeature> {
  const config = loadDetectionConfig(core.dataDir, override);
  const { cron: _cron, backfillPerRun: _budget, ...engineConfig } = config;
  const metrics = core.sandbox.metrics;
  const settings = core.store.collection<ProgressDoc>('settings');
  const anomalies = core.store.collection<AnomalyDoc & Doc>('anomalies');
  const progress = await settings.get('detection');
  const known = new Set<string>(progress?.known ?? []);
  let admitted = new Set<string>(known);

  const service = createDetectionService({
    metrics: admitting(metrics, () => admitted),
    store: cachingDetectorStates(core.store),
    clock: core.clock,
    emit: async (signal) => void (await core.alerting.ingest(signal, { via: 'bus' })),
    config: engineConfig,
  });

  /** Every sandbox metric the configuration selects, in listing order (deterministic). */
  async function monitored(): Promise<MetricInfo[]> {
    const seen = new Map<string, MetricInfo>();
    for (const sel of engineConfig.monitored) {
      for (const info of await metrics.listMetrics({ namespace: sel.namespace })) {
        const key = metricKey(info.metric);
        if (selects(sel, info) && !seen.has(key)) seen.set(key, info);
      }
    }
    return [...seen.values()];
  }

  let last: DetectionRunReport | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function run(): Promise<DetectionRunReport> {
    const started = performance.now();
    const all = (await monitored()).map((i) => metricKey(i.metric));
    const fresh = all.filter((k) => !known.has(k)).slice(0, config.backfillPerRun);
    admitted = new Set([...all.filter((k) => known.has(k)), ...fresh]);
    const r = await service.runOnce();
    for (const k of fresh) known.add(k);
    if (fresh.length > 0) await settings.put({ id: 'detection', known: [...known], updatedAt: new Date(core.clock.now()).toISOString() });
    last = {
      at: new Date(core.clock.now()).toISOString(),
      metrics: r.metrics,
      backfilled: fresh.length,
      pending: all.filter((k) => !known.has(k)).length,
      anomalies: r.anomalies,
      ms: Math.round(performance.now() - started),
    };
    if (fresh.length > 0 || r.anomalies > 0) core.log(`detection: ${last.metrics} metrics, ${last.backfilled} back-filled (${last.pending} pending), ${last.anomalies} anomalies in ${last.ms} ms`);
    return last;
  }

  const feature: DetectionFeature = {
    config,
    runOnce() {
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
    explain: (key) => service.explain(key),
    anomalies: (q = {}) => queryAnomalies(anomalies, q),
    async metrics() {
      return (await monitored()).map((i) => {
        const key = metricKey(i.metric);
        return { key, namespace: i.metric.namespace, metricName: i.metric.metricName, dimensions: i.metric.dimensions, ...(i.unit ? { unit: i.unit } : {}), ...(i.resourceArn ? { resourceArn: i.resourceArn } : {}), ready: known.has(key) };
      });
    },
    lastRun: () => last,
  };

  core.scheduler.add({ name: 'anomaly-detection', cron: config.cron, run: async () => void (await feature.runOnce()) });
  return feature;
}
