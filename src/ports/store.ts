import type { AuditFields, AuditRecord } from '../core/remediation/audit.js';
import type { CollectionName } from './collections.js';

/** Any stored document: an id and, for optimistic concurrency, an optional version. */
export interface Doc {
  id: string;
  version?: number;
}

export type IndexValue = string | number | boolean;

export interface FindQuery {
  /** Equality filters on the collection's declared index fields (AND). */
  where?: Record<string, IndexValue>;
  /** Inclusive lower bound on the collection's sort field (ISO timestamps compare as strings). */
  since?: string;
  /** Exclusive upper bound on the sort field. */
  until?: string;
  order?: 'asc' | 'desc';
  limit?: number;
}

/**
 * A typed collection of documents. Adapters implement it over SQLite tables, DynamoDB tables or
 * memory; the domain never sees which. Every adapter must pass `store.contract.ts`.
 */
export interface Collection<T extends Doc> {
  get(id: string): Promise<T | undefined>;
  /** Inserts if absent. Returns false (and writes nothing) when the id exists: idempotent create. */
  create(doc: T): Promise<boolean>;
  /**
   * Bulk idempotent create: like `create` for each doc, in order (a doc whose id exists, or
   * repeats an earlier doc of the same call, is skipped and reported false; nothing is
   * overwritten). Adapters write the batch in as few round trips as they can (SQLite: multi-row
   * INSERT OR IGNORE in one transaction). Optional so that collection decorators stay valid;
   * every Store adapter implements it — call it through `createAll` in the alerting code.
   */
  createMany?(docs: T[]): Promise<boolean[]>;
  /** Unconditional upsert. */
  put(doc: T): Promise<void>;
  /**
   * Read-modify-write with optimistic concurrency: `change` may run more than once when it races
   * another writer, so it must be pure. Throws NotFoundError when the id does not exist.
   */
  update(id: string, change: (current: T) => T): Promise<T>;
  find(query?: FindQuery): Promise<T[]>;
  count(where?: Record<string, IndexValue>): Promise<number>;
  delete(id: string): Promise<void>;
}

export interface AuditQuery {
  executionId?: string;
  runbook?: string;
  targetResource?: string;
  outcome?: AuditFields['outcome'];
  since?: string;
  until?: string;
  limit?: number;
  /** Return records in sequence order from this sequence number on (for verification/export). */
  fromSeq?: number;
}

/** The AutomationAuditLog: append-only and hash-chained. There is no update and no delete. */
export interface AuditLog {
  append(fields: AuditFields): Promise<AuditRecord>;
  list(query?: AuditQuery): Promise<AuditRecord[]>;
  /** Every record in sequence order (for `aiops audit verify` and exports). */
  scan(fromSeq?: number, limit?: number): Promise<AuditRecord[]>;
}

export interface Store {
  collection<T extends Doc>(name: CollectionName): Collection<T>;
  readonly audit: AuditLog;
  close(): Promise<void>;
}
