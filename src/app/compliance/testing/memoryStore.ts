import { NotFoundError } from '../../../core/shared/errors.js';
import type { AuditLog, Collection, Doc, FindQuery, IndexValue, Store } from '../../../ports/store.js';
import { COLLECTION_SPECS, type CollectionName } from '../../../ports/collections.js';

/** A small in-memory Store for compliance tests (not the local adapter: no durability, no audit chain). */
export function createMemoryStore(): Store & { dump(name: CollectionName): Doc[] } {
  const data = new Map<CollectionName, Map<string, Doc>>();
  const table = (name: CollectionName) => {
    let t = data.get(name);
    if (!t) data.set(name, (t = new Map()));
    return t;
  };
  const matches = (doc: Doc, where: Record<string, IndexValue> = {}) => Object.entries(where).every(([k, v]) => (doc as unknown as Record<string, unknown>)[k] === v);

  function collection<T extends Doc>(name: CollectionName): Collection<T> {
    const t = table(name);
    const sortField = COLLECTION_SPECS[name].sortField;
    const clone = <X>(x: X): X => structuredClone(x);
    return {
      async get(id) {
        const d = t.get(id);
        return d ? (clone(d) as T) : undefined;
      },
      async create(doc) {
        if (t.has(doc.id)) return false;
        t.set(doc.id, clone({ ...doc, version: 1 }));
        return true;
      },
      async put(doc) {
        const prev = t.get(doc.id);
        t.set(doc.id, clone({ ...doc, version: (prev?.version ?? 0) + 1 }));
      },
      async update(id, change) {
        const cur = t.get(id);
        if (!cur) throw new NotFoundError(name, id);
        const next = { ...change(clone(cur) as T), version: (cur.version ?? 0) + 1 };
        t.set(id, clone(next));
        return clone(next);
      },
      async find(q: FindQuery = {}) {
        const sortOf = (d: Doc) => String((d as unknown as Record<string, unknown>)[sortField] ?? '');
        let rows = [...t.values()].filter((d) => matches(d, q.where) && (q.since === undefined || sortOf(d) >= q.since) && (q.until === undefined || sortOf(d) < q.until));
        rows.sort((a, b) => sortOf(a).localeCompare(sortOf(b)));
        if (q.order === 'desc') rows.reverse();
        if (q.limit !== undefined) rows = rows.slice(0, q.limit);
        return rows.map((d) => clone(d) as T);
      },
      async count(where) {
        return [...t.values()].filter((d) => matches(d, where)).length;
      },
      async delete(id) {
        t.delete(id);
      },
    };
  }

  const audit: AuditLog = {
    async append() {
      throw new Error('the compliance memory store has no audit log');
    },
    async list() {
      return [];
    },
    async scan() {
      return [];
    },
  };
  return { collection, audit, close: async () => undefined, dump: (name) => [...table(name).values()].map((d) => structuredClone(d)) };
}
