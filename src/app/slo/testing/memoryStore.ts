import { NotFoundError } from '../../../core/shared/errors.js';
import { COLLECTION_SPECS, type CollectionName } from '../../../ports/collections.js';
import type { AuditLog, Collection, Doc, FindQuery, IndexValue, Store } from '../../../ports/store.js';

/** A Map-backed Store for SLO unit tests: the collection semantics of the port, without persistence or audit. */
export function createMemoryStore(): Store {
  const collections = new Map<string, Collection<Doc>>();
  const audit: AuditLog = {
    append: () => Promise.reject(new Error('audit is not used by the SLO service')),
    list: () => Promise.resolve([]),
    scan: () => Promise.resolve([]),
  };
  return {
    collection<T extends Doc>(name: CollectionName): Collection<T> {
      let c = collections.get(name);
      if (!c) {
        c = memoryCollection<Doc>(COLLECTION_SPECS[name].sortField);
        collections.set(name, c);
      }
      return c as unknown as Collection<T>;
    },
    audit,
    close: () => Promise.resolve(),
  };
}

function memoryCollection<T extends Doc>(sortField: string): Collection<T> {
  const docs = new Map<string, T>();
  const copy = (d: T): T => structuredClone(d);
  const matches = (d: T, where: Record<string, IndexValue> | undefined) => Object.entries(where ?? {}).every(([k, v]) => (d as unknown as Record<string, unknown>)[k] === v);
  const sortValue = (d: T) => String((d as unknown as Record<string, unknown>)[sortField] ?? '');
  return {
    get: (id) => Promise.resolve(docs.has(id) ? copy(docs.get(id) as T) : undefined),
    create(doc) {
      if (docs.has(doc.id)) return Promise.resolve(false);
      docs.set(doc.id, copy(doc));
      return Promise.resolve(true);
    },
    put(doc) {
      docs.set(doc.id, copy(doc));
      return Promise.resolve();
    },
    update(id, change) {
      const current = docs.get(id);
      if (!current) return Promise.reject(new NotFoundError('document', id));
      const next = change(copy(current));
      docs.set(id, copy(next));
      return Promise.resolve(copy(next));
    },
    find(query: FindQuery = {}) {
      let out = [...docs.values()].filter((d) => matches(d, query.where));
      if (query.since !== undefined) out = out.filter((d) => sortValue(d) >= (query.since as string));
      if (query.until !== undefined) out = out.filter((d) => sortValue(d) < (query.until as string));
      out.sort((a, b) => sortValue(a).localeCompare(sortValue(b)) * (query.order === 'desc' ? -1 : 1));
      return Promise.resolve(out.slice(0, query.limit ?? out.length).map(copy));
    },
    count: (where) => Promise.resolve([...docs.values()].filter((d) => matches(d, where)).length),
    delete(id) {
      docs.delete(id);
      return Promise.resolve();
    },
  };
}
