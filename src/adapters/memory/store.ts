import { chainAuditRecord, type AuditFields, type AuditRecord } from '../../core/remediation/audit.js';
import { NotFoundError } from '../../core/shared/errors.js';
import { COLLECTION_SPECS, type CollectionName, type CollectionSpec } from '../../ports/collections.js';
import type { AuditLog, AuditQuery, Collection, Doc, FindQuery, IndexValue, Store } from '../../ports/store.js';

const copy = <T>(value: T): T => structuredClone(value);

/** Equality on every `where` field; the sort-field bounds are since (inclusive) / until (exclusive). */
export function matchesQuery(doc: Record<string, unknown>, spec: CollectionSpec, query: FindQuery): boolean {
  for (const [field, value] of Object.entries(query.where ?? {})) if (doc[field] !== value) return false;
  const sortValue = doc[spec.sortField];
  if (query.since !== undefined && !(sortValue !== undefined && String(sortValue) >= query.since)) return false;
  if (query.until !== undefined && !(sortValue !== undefined && String(sortValue) < query.until)) return false;
  return true;
}

/** Orders by the sort field, then id, so equal timestamps still come back in a stable order. */
export function compareBySort(spec: CollectionSpec, order: 'asc' | 'desc' = 'asc') {
  const dir = order === 'desc' ? -1 : 1;
  return (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    const x = String(a[spec.sortField] ?? '');
    const y = String(b[spec.sortField] ?? '');
    if (x !== y) return x < y ? -dir : dir;
    const i = String(a.id);
    const j = String(b.id);
    return i === j ? 0 : i < j ? -dir : dir;
  };
}

class MemoryCollection<T extends Doc> implements Collection<T> {
  constructor(
    private readonly spec: CollectionSpec,
    private readonly docs: Map<string, T>,
  ) {}

  async get(id: string): Promise<T | undefined> {
    const doc = this.docs.get(id);
    return doc ? copy(doc) : undefined;
  }

  async create(doc: T): Promise<boolean> {
    if (this.docs.has(doc.id)) return false;
    this.docs.set(doc.id, copy(doc));
    return true;
  }

  async createMany(docs: T[]): Promise<boolean[]> {
    return docs.map((doc) => {
      if (this.docs.has(doc.id)) return false;
      this.docs.set(doc.id, copy(doc));
      return true;
    });
  }

  async put(doc: T): Promise<void> {
    this.docs.set(doc.id, copy(doc));
  }

  // Read, change and write happen in one synchronous turn, so no other writer can interleave.
  async update(id: string, change: (current: T) => T): Promise<T> {
    const current = this.docs.get(id);
    if (!current) throw new NotFoundError(this.spec.name, id);
    const next = { ...change(copy(current)), id, version: (current.version ?? 0) + 1 } as T;
    this.docs.set(id, copy(next));
    return next;
  }

  async find(query: FindQuery = {}): Promise<T[]> {
    const rows = [...this.docs.values()].filter((d) => matchesQuery(d as unknown as Record<string, unknown>, this.spec, query));
    rows.sort(compareBySort(this.spec, query.order) as (a: T, b: T) => number);
    return (query.limit !== undefined ? rows.slice(0, query.limit) : rows).map(copy);
  }

  async count(where?: Record<string, IndexValue>): Promise<number> {
    return (await this.find(where ? { where } : {})).length;
  }

  async delete(id: string): Promise<void> {
    this.docs.delete(id);
  }
}

/** Filters for the audit log shared by adapters that cannot push them down to storage. */
export function matchesAuditQuery(r: AuditRecord, q: AuditQuery): boolean {
  if (q.executionId !== undefined && r.executionId !== q.executionId) return false;
  if (q.runbook !== undefined && r.runbook !== q.runbook) return false;
  if (q.targetResource !== undefined && r.targetResource !== q.targetResource) return false;
  if (q.outcome !== undefined && r.outcome !== q.outcome) return false;
  if (q.since !== undefined && r.timestamp < q.since) return false;
  if (q.until !== undefined && r.timestamp >= q.until) return false;
  if (q.fromSeq !== undefined && r.seq < q.fromSeq) return false;
  return true;
}

class MemoryAuditLog implements AuditLog {
  private readonly records: AuditRecord[] = [];

  async append(fields: AuditFields): Promise<AuditRecord> {
    const record = chainAuditRecord(fields, this.records.at(-1));
    this.records.push(record);
    return copy(record);
  }

  async list(query: AuditQuery = {}): Promise<AuditRecord[]> {
    const rows = this.records.filter((r) => matchesAuditQuery(r, query));
    return (query.limit !== undefined ? rows.slice(0, query.limit) : rows).map(copy);
  }

  async scan(fromSeq = 1, limit?: number): Promise<AuditRecord[]> {
    const rows = this.records.slice(Math.max(0, fromSeq - 1));
    return (limit !== undefined ? rows.slice(0, limit) : rows).map(copy);
  }
}

/**
 * A Store in process memory: for unit tests of use cases and for Lambda-free experiments.
 * Nothing survives the process; the local platform uses SQLite, AWS uses DynamoDB.
 */
export class MemoryStore implements Store {
  private readonly collections = new Map<CollectionName, MemoryCollection<Doc>>();
  readonly audit: AuditLog = new MemoryAuditLog();

  collection<T extends Doc>(name: CollectionName): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      c = new MemoryCollection<Doc>(COLLECTION_SPECS[name], new Map());
      this.collections.set(name, c);
    }
    return c as unknown as Collection<T>;
  }

  async close(): Promise<void> {}
}
