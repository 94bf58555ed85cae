import { COLLECTION_SPECS, type CollectionName } from '../../../ports/collections.js';
import type { AuditLog, AuditQuery, Collection, Doc, FindQuery, IndexValue, Store } from '../../../ports/store.js';
import { chainAuditRecord, type AuditFields, type AuditRecord } from '../../../core/remediation/audit.js';
import { NotFoundError } from '../../../core/shared/errors.js';

/**
 * A small in-memory Store with the same contract as the SQLite/DynamoDB adapters (idempotent
 * create, optimistic update, index equality filters, sort-field ranges). For tests and replays.
 * Documents are deep-copied in and out so callers cannot mutate stored state by accident.
 */
class MemoryCollection<T extends Doc> implements Collection<T> {
  private readonly docs = new Map<string, T>();
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
    if (!cur) throw new NotFoundError('document', id);
    const next = change(structuredClone(cur));
    const stored = { ...next, version: (cur.version ?? 0) + 1 };
    this.docs.set(id, structuredClone(stored));
    return structuredClone(stored);
  }
  async find(q: FindQuery = {}): Promise<T[]> {
    const key = (d: T): string => String((d as unknown as Record<string, unknown>)[this.sortField] ?? '');
    let out = [...this.docs.values()].filter((d) => matches(d, q.where));
    if (q.since !== undefined) out = out.filter((d) => key(d) >= (q.since as string));
    if (q.until !== undefined) out = out.filter((d) => key(d) < (q.until as string));
    out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1));
    if (q.order === 'desc') out.reverse();
    if (q.limit !== undefined) out = out.slice(0, q.limit);
    return out.map((d) => structuredClone(d));
  }
  async count(where?: Record<string, IndexValue>): Promise<number> {
    let n = 0;
    for (const d of this.docs.values()) if (matches(d, where)) n++;
    return n;
  }
  async delete(id: string): Promise<void> {
    this.docs.delete(id);
  }
}

function matches(doc: Doc, where: Record<string, IndexValue> | undefined): boolean {
  if (!where) return true;
  const rec = doc as unknown as Record<string, unknown>;
  return Object.entries(where).every(([k, v]) => rec[k] === v);
}

class MemoryAuditLog implements AuditLog {
  private readonly records: AuditRecord[] = [];
  async append(fields: AuditFields): Promise<AuditRecord> {
    const rec = chainAuditRecord(fields, this.records[this.records.length - 1]);
    this.records.push(rec);
    return { ...rec };
  }
  async list(q: AuditQuery = {}): Promise<AuditRecord[]> {
    return this.records
      .filter((r) => (!q.executionId || r.executionId === q.executionId) && (!q.runbook || r.runbook === q.runbook) && (!q.targetResource || r.targetResource === q.targetResource) && (!q.outcome || r.outcome === q.outcome) && (!q.since || r.timestamp >= q.since) && (!q.until || r.timestamp < q.until) && (q.fromSeq === undefined || r.seq >= q.fromSeq))
      .slice(0, q.limit ?? Infinity);
  }
  async scan(fromSeq = 1, limit = Infinity): Promise<AuditRecord[]> {
    return this.records.filter((r) => r.seq >= fromSeq).slice(0, limit);
  }
}

export class MemoryStore implements Store {
  private readonly collections = new Map<CollectionName, MemoryCollection<Doc>>();
  readonly audit: AuditLog = new MemoryAuditLog();
  collection<T extends Doc>(name: CollectionName): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      c = new MemoryCollection<Doc>(COLLECTION_SPECS[name].sortField);
      this.collections.set(name, c);
    }
    return c as unknown as Collection<T>;
  }
  async close(): Promise<void> {}
}

export const createMemoryStore = (): MemoryStore => new MemoryStore();
