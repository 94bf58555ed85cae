import { getDetector, type AnyDetector, type DetectorResult } from '../../core/anomaly/detectors/index.js';
import type { Signal } from '../../core/events/signal.js';
import { NotFoundError, ValidationError } from '../../core/shared/errors.js';
import { stableHash } from '../../core/shared/hash.js';
import type { Clock } from '../../ports/clock.js';
import { metricKey, type MetricInfo, type Metrics, type MetricQuery } from '../../ports/metrics.js';
import type { Doc, Store } from '../../ports/store.js';
import { defaultStat, parseDetectionConfig, resourceTypeOf, selects, type DetectionConfigInput } from './config.js';
import { anomalySignal, resourceArnOf, type AnomalyDoc, type MetricReading } from './signals.js';

/** One scored point, as kept for `explain` and the console chart. */
export interface ExplainedPoint {
  t: number;
  value: number;
  expected: number;
  lower: number;
  upper: number;
  score: number;
}

/** Persisted per metric in `detectorState` (doc id = metricKey). */
export interface DetectorStateDoc extends Doc {
  detector: string;
  metricKey: string;
  resourceArn: string;
  updatedAt: string;
  /** Epoch ms of the last point consumed. */
  lastT: number;
  points: number;
  state: unknown;
  recent: ExplainedPoint[];
  /** The open anomaly, if any, and how many consecutive points have been back inside the band. */
  open: { id: string; points: number; calm: number } | null;
}

export interface DetectionServiceDeps {
  metrics: Metrics;
  store: Store;
  clock: Clock;
  emit: (signal: Signal) => Promise<void>;
  config?: DetectionConfigInput;
}

export interface Explanation {
  metricKey: string;
  detector: string;
  resourceArn: string;
  points: (ExplainedPoint & { time: string })[];
  open: AnomalyDoc | null;
  anomalies: AnomalyDoc[];
}

export interface DetectionService {
  /** The every-5-minutes job: read new points of every monitored metric, advance, persist, signal. */
  runOnce(): Promise<{ metrics: number; anomalies: number }>;
  explain(metricKey: string): Promise<Explanation>;
}

const DAY = 86_400_000;
const iso = (t: number): string => new Date(t).toISOString();

interface Work {
  info: MetricInfo;
  key: string;
  arn: string;
  stat: MetricQuery['stat'];
  doc: DetectorStateDoc | undefined;
  start: number;
}

export function createDetectionService(deps: DetectionServiceDeps): DetectionService {
  const config = parseDetectionConfig(deps.config ?? {});
  const det: AnyDetector | undefined = getDetector(config.detector);
  if (!det) throw new ValidationError('config.detector', `unknown detector ${config.detector}`);
  const detector = det;
  const states = deps.store.collection<DetectorStateDoc>('detectorState');
  const anomalies = deps.store.collection<AnomalyDoc & Doc>('anomalies');
  const periodMs = config.periodSeconds * 1000;

  async function monitored(): Promise<Work[]> {
    const seen = new Map<string, Work>();
    for (const sel of config.monitored) {
      for (const info of await deps.metrics.listMetrics({ namespace: sel.namespace })) {
        if (!selects(sel, info)) continue;
        const key = metricKey(info.metric);
        if (seen.has(key)) continue;
        seen.set(key, { info, key, arn: resourceArnOf(info, config.region, config.account), stat: sel.stat ?? defaultStat(info.metric.metricName), doc: undefined, start: 0 });
      }
    }
    return [...seen.values()];
  }

  function advance(work: Work, t: number, value: number): { result: DetectorResult; doc: DetectorStateDoc } {
    const doc = work.doc!;
    const result = detector.update(doc.state as never, { t, value });
    doc.lastT = t;
    doc.points++;
    doc.recent.push({ t, value, ...result });
    if (doc.recent.length > config.explainPoints) doc.recent.splice(0, doc.recent.length - config.explainPoints);
    return { result, doc };
  }

  return {
    async runOnce() {
      const now = deps.clock.now();
      const end = Math.floor(now / periodMs) * periodMs;
      const works = await monitored();
      for (const w of works) {
        w.doc = await states.get(w.key);
        // On first sight, or after a long outage, read (at most) the back-fill horizon.
        const horizon = end - config.backfillDays * DAY;
        w.start = w.doc ? Math.max(w.doc.lastT + 1, horizon) : horizon;
      }
      // One GetMetricData call per batch of metrics that need the same range.
      const groups = new Map<number, Work[]>();
      for (const w of works) groups.set(w.start, [...(groups.get(w.start) ?? []), w]);
      const started: { a: AnomalyDoc; w: Work }[] = [];
      const resolved: { a: AnomalyDoc; w: Work }[] = [];
      // Every reading of this run, per metric and timestamp, to find what else moved at the same time.
      const readings = new Map<string, Map<number, MetricReading & { arn: string }>>();
      for (const [start, group] of groups) {
        for (let i = 0; i < group.length; i += config.batchSize) {
          const batch = group.slice(i, i + config.batchSize);
          const queries = batch.map((w, k) => ({ id: `m${k}`, metric: w.info.metric, stat: w.stat, period: config.periodSeconds }));
          const series = await deps.metrics.getMetricData(queries, start, end);
          for (const [k, w] of batch.entries()) {
            const s = series.find((x) => x.id === `m${k}`);
            const firstSight = !w.doc;
            w.doc ??= { id: w.key, detector: detector.id, metricKey: w.key, resourceArn: w.arn, updatedAt: iso(now), lastT: 0, points: 0, state: detector.init(config.params), recent: [], open: null };
            const doc = w.doc;
            const metricName = `${w.info.metric.namespace} ${w.info.metric.metricName}`;
            for (let j = 0; j < (s?.timestamps.length ?? 0); j++) {
              const t = s!.timestamps[j]!;
              const value = s!.values[j]!;
              if (t <= doc.lastT || !Number.isFinite(value)) continue;
              const { result } = advance(w, t, value);
              if (!firstSight) {
                if (!readings.has(w.key)) readings.set(w.key, new Map());
                readings.get(w.key)!.set(t, { metricKey: w.key, metric: metricName, value, ...result, arn: w.arn });
              }
              // Back-filled history trains the detector; it never alarms.
              if (firstSight) continue;
              if (doc.open) {
                const cur = await anomalies.get(doc.open.id);
                // Judged against the band frozen when the anomaly opened: the detector adapts to a
                // lasting shift, but the incident is over only when the metric is back to normal.
                // Only the anomalous side counts: after a scale-out, CPU below the old band is recovered.
                const outside = cur ? (cur.direction === 'above' ? value > cur.upper : value < cur.lower) : false;
                doc.open.points++;
                doc.open.calm = outside ? 0 : doc.open.calm + 1;
                if (cur) await anomalies.put({ ...cur, peakScore: Math.max(cur.peakScore, result.score) });
                if (doc.open.calm >= config.resolveAfterPoints || doc.open.points >= config.maxAnomalyPoints) {
                  if (cur) {
                    const done: AnomalyDoc = { ...cur, status: 'resolved', endTime: iso(t), peakScore: Math.max(cur.peakScore, result.score) };
                    await anomalies.put(done);
                    resolved.push({ a: done, w });
                  }
                  doc.open = null;
                }
              } else if (result.score >= config.threshold && (!config.requireOutsideBand || value > result.upper || value < result.lower)) {
                const a: AnomalyDoc = {
                  id: stableHash(`${w.key}|${t}`),
                  metricKey: w.key,
                  resourceArn: w.arn,
                  resourceType: resourceTypeOf(w.info),
                  metric: metricName,
                  detector: detector.id,
                  status: 'open',
                  time: iso(t),
                  value,
                  expected: result.expected,
                  lower: result.lower,
                  upper: result.upper,
                  score: result.score,
                  peakScore: result.score,
                  direction: value >= result.expected ? 'above' : 'below',
                  contributing: [],
                };
                if (await anomalies.create(a)) started.push({ a, w });
                doc.open = { id: a.id, points: 0, calm: 0 };
              }
            }
            doc.updatedAt = iso(now);
            await states.put(doc);
          }
        }
      }
      // Contributing metrics: the anomalous one plus every metric of the same resource that is
      // clearly outside its band (by a quarter of the band's half-width) at the same timestamp.
      const clearlyOutside = (r: MetricReading): boolean => {
        const margin = 0.25 * Math.max(r.upper - r.expected, r.expected - r.lower, 0);
        return r.value > r.upper + margin || r.value < r.lower - margin;
      };
      for (const { a, w } of started) {
        const t = Date.parse(a.time);
        const own = readings.get(w.key)?.get(t);
        const peers = [...readings.values()].map((m) => m.get(t)).filter((r): r is MetricReading & { arn: string } => !!r && r.arn === a.resourceArn && r.metricKey !== a.metricKey && clearlyOutside(r));
        a.contributing = [...(own ? [own] : []), ...peers].map(({ arn: _arn, ...r }) => r);
        // The stored copy may already be resolved by a later point of this run: keep its status.
        const stored = (await anomalies.get(a.id)) ?? a;
        await anomalies.put({ ...stored, contributing: a.contributing });
        await deps.emit(anomalySignal(a, 'firing', w.info, a.time, config.region, config.account));
      }
      for (const { a, w } of resolved) await deps.emit(anomalySignal(a, 'resolved', w.info, a.endTime ?? a.time, config.region, config.account));
      return { metrics: works.length, anomalies: started.length };
    },

    async explain(key) {
      const doc = await states.get(key);
      if (!doc) throw new NotFoundError('metric', key);
      const list = await anomalies.find({ where: { metricKey: key }, order: 'desc', limit: 50 });
      const open = doc.open ? ((await anomalies.get(doc.open.id)) ?? null) : null;
      return { metricKey: key, detector: doc.detector, resourceArn: doc.resourceArn, points: doc.recent.map((p) => ({ ...p, time: iso(p.t) })), open, anomalies: list };
    },
  };
}
