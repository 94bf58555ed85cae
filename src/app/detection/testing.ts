/**
 * Test helpers for the detection use case only: an in-memory Store, a scripted Metrics source and
 * a manual clock. The platform's real adapters live in src/adapters/.
 */
import { COLLECTION_SPECS, type CollectionName } from '../../ports/collections.js';
import type { Clock } from '../../ports/clock.js';
import type { MetricInfo, MetricQuery, Metrics, MetricSeries } from '../../ports/metrics.js';
import { metricKey } from '../../ports/metrics.js';
import type { AuditLog, Collection, Doc, FindQuery, Store } from '../../ports/store.js';
import { NotFoundError } from '../../core/shared/errors.js';

export class ManualClock implements Clock {
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

class MemoryCollection<T extends Doc> implements Collection<T> {
  readonly docs = new Map<string, T>();
  constructor(private readonly sortField: string) {}
  async get(id: string): Promise<T | undefined> {
    const d = this.docs.get(id);
    return d ? structuredClone(d) : undefined;
  }
  async create(doc: T): Promise<boolean> {
    if (this.docs.has(doc.id)) return false;
    this.docs.set(doc.id, structuredClone(doc));
    return true;
  }
  async put(doc: T): Promise<void> {
    this.docs.set(doc.id, structuredClone(doc));
  }
  async update(id: string, change: (current: T) => T): Promise<T> {
    const cur = this.docs.get(id);
    if (!cur) throw new NotFoundError('doc', id);
    const next = change(structuredClone(cur));
    this.docs.set(id, structuredClone(next));
    return next;
  }
  async find(q: FindQuery = {}): Promise<T[]> {
    const key = (d: T): string => String((d as Record<string, unknown>)[this.sortField] ?? '');
    let out = [...this.docs.values()].filter((d) => Object.entries(q.where ?? {}).every(([k, v]) => (d as Record<string, unknown>)[k] === v));
    if (q.since) out = out.filter((d) => key(d) >= q.since!);
    if (q.until) out = out.filter((d) => key(d) < q.until!);
    out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    if (q.order === 'desc') out.reverse();
    return structuredClone(out.slice(0, q.limit ?? out.length));
  }
  async count(where?: Record<string, string | number | boolean>): Promise<number> {
    return (await this.find({ where })).length;
  }
  async delete(id: string): Promise<void> {
    this.docs.delete(id);
  }
}

export class MemoryStore implements Store {
  private readonly collections = new Map<string, MemoryCollection<Doc>>();
  collection<T extends Doc>(name: CollectionName): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      c = new MemoryCollection<Doc>(COLLECTION_SPECS[name].sortField);
      this.collections.set(name, c);
    }
    return c as unknown as Collection<T>;
  }
  get audit(): AuditLog {
    throw new Error('the detection tests do not use the audit log');
  }
  async close(): Promise<void> {}
}

/** A metric whose value at each period start is `valueAt(t)`. */
export interface ScriptedMetric {
  info: MetricInfo;
  valueAt: (t: number) => number;
}

/** GetMetricData over scripted functions: aligned periods, only complete periods before `now`. */
export class ScriptedMetrics implements Metrics {
  calls = 0;
  constructor(
    private readonly clock: Clock,
    readonly scripted: ScriptedMetric[],
  ) {}
  async getMetricData(queries: MetricQuery[], startMs: number, endMs: number): Promise<MetricSeries[]> {
    this.calls++;
    return queries.map((q) => {
      const m = this.scripted.find((s) => metricKey(s.info.metric) === metricKey(q.metric));
      const series: MetricSeries = { id: q.id, metric: q.metric, timestamps: [], values: [] };
      if (!m) return series;
      const p = q.period * 1000;
      const last = Math.min(endMs, this.clock.now() - p);
      for (let t = Math.ceil(startMs / p) * p; t <= last; t += p) {
        series.timestamps.push(t);
        series.values.push(m.valueAt(t));
      }
      return series;
    });
  }
  async listMetrics(filter?: { namespace?: string; resourceArn?: string }): Promise<MetricInfo[]> {
    return this.scripted.map((s) => s.info).filter((i) => (!filter?.namespace || i.metric.namespace === filter.namespace) && (!filter?.resourceArn || i.resourceArn === filter.resourceArn));
  }
}
