import { SteppingClock } from '../../../adapters/local/clocks.js';
import type { ActionCall, ActionResult, ChangeEvent, Cloud, ResourceFilter, ResourceRecord } from '../../../ports/cloud.js';
import type { CollectionName } from '../../../ports/collections.js';
import type { MetricInfo, MetricQuery, MetricSeries, Metrics } from '../../../ports/metrics.js';
import { metricKey } from '../../../ports/metrics.js';
import type { AuditLog, Collection, Doc, FindQuery, IndexValue, Store } from '../../../ports/store.js';
import { COLLECTION_SPECS } from '../../../ports/collections.js';
import { NotFoundError } from '../../../core/shared/errors.js';

/** Small in-memory fakes for the cost use case's tests (not a contract-tested adapter). */

export function memoryCollection<T extends Doc>(name: CollectionName): Collection<T> {
  const docs = new Map<string, T>();
  const sortField = COLLECTION_SPECS[name].sortField;
  const matches = (d: T, where?: Record<string, IndexValue>) => !where || Object.entries(where).every(([k, v]) => (d as Record<string, unknown>)[k] === v);
  const copy = (d: T): T => structuredClone(d);
  return {
    async get(id) {
      const d = docs.get(id);
      return d && copy(d);
    },
    async create(doc) {
      if (docs.has(doc.id)) return false;
      docs.set(doc.id, copy({ ...doc, version: 1 }));
      return true;
    },
    async put(doc) {
      docs.set(doc.id, copy({ ...doc, version: (docs.get(doc.id)?.version ?? 0) + 1 }));
    },
    async update(id, change) {
      const cur = docs.get(id);
      if (!cur) throw new NotFoundError(name, id);
      const next = change(copy(cur));
      docs.set(id, copy({ ...next, version: (cur.version ?? 0) + 1 }));
      return copy(docs.get(id)!);
    },
    async find(q: FindQuery = {}) {
      const key = (d: T) => String((d as Record<string, unknown>)[sortField] ?? '');
      let out = [...docs.values()].filter((d) => matches(d, q.where) && (!q.since || key(d) >= q.since) && (!q.until || key(d) < q.until));
      out.sort((a, b) => key(a).localeCompare(key(b)) * (q.order === 'desc' ? -1 : 1));
      if (q.limit !== undefined) out = out.slice(0, q.limit);
      return out.map(copy);
    },
    async count(where) {
      return [...docs.values()].filter((d) => matches(d, where)).length;
    },
    async delete(id) {
      docs.delete(id);
    },
  };
}

export function memoryStore(): Store {
  const cols = new Map<string, Collection<Doc>>();
  const audit: AuditLog = {
    append: async () => {
      throw new Error('audit not used by the cost service');
    },
    list: async () => [],
    scan: async () => [],
  };
  return {
    collection<T extends Doc>(name: CollectionName): Collection<T> {
      if (!cols.has(name)) cols.set(name, memoryCollection<Doc>(name));
      return cols.get(name) as unknown as Collection<T>;
    },
    audit,
    close: async () => undefined,
  };
}

export function fakeCloud(resources: ResourceRecord[]): Cloud & { resources: ResourceRecord[] } {
  return {
    resources,
    async listResources(filter?: ResourceFilter) {
      return resources.filter((r) => (!filter?.type || r.type === filter.type) && (!filter?.arns || filter.arns.includes(r.arn)));
    },
    async describe(arn) {
      return resources.find((r) => r.arn === arn);
    },
    async execute(action: ActionCall): Promise<ActionResult> {
      return { ok: true, call: action.call, target: action.target };
    },
    async recentChanges(): Promise<ChangeEvent[]> {
      return [];
    },
  };
}

/** Metrics keyed by `metricKey` → daily points (epoch ms at 00:00 UTC → value). */
export function fakeMetrics(data: Map<string, { t: number; v: number }[]>): Metrics & { calls: number } {
  const self = {
    calls: 0,
    async getMetricData(queries: MetricQuery[], startMs: number, endMs: number): Promise<MetricSeries[]> {
      self.calls++;
      return queries.map((q) => {
        const pts = (data.get(metricKey(q.metric)) ?? []).filter((p) => p.t >= startMs && p.t < endMs);
        return { id: q.id, metric: q.metric, timestamps: pts.map((p) => p.t), values: pts.map((p) => p.v) };
      });
    },
    async listMetrics(): Promise<MetricInfo[]> {
      return [];
    },
  };
  return self;
}

export const manualClock = (startMs: number): SteppingClock => new SteppingClock(startMs);
