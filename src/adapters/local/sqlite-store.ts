import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chainAuditRecord, type AuditFields, type AuditRecord } from '../../core/remediation/audit.js';
import { ConflictError, NotFoundError } from '../../core/shared/errors.js';
import { COLLECTION_SPECS, type CollectionName, type CollectionSpec } from '../../ports/collections.js';
import type { AuditLog, AuditQuery, Collection, Doc, FindQuery, IndexValue, Store } from '../../ports/store.js';
import { runMigrations } from './sqlite-migrations.js';

type Row = { doc: string };

/** A raw payload to accept into the inbox: `text` says it arrived as a string (kept as is). */
export interface InboxInput {
  key: string;
  raw: string;
  text: boolean;
  via?: string | undefined;
  receivedAt: string;
}
export interface InboxEntry extends InboxInput {
  seq: number;
  deliveries: number;
}
type SqlValue = string | number | null;

const col = (field: string): string => `i_${field.replace(/[^A-Za-z0-9_]/g, '_')}`;
const toSql = (v: unknown): SqlValue => (v === undefined || v === null ? null : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? v : String(v));

/**
 * The local Store: one SQLite file in WAL mode. Each collection is a table holding the JSON
 * document plus one column per declared index field, so `find` is an indexed query, not a scan.
 * better-sqlite3 is synchronous; the async signatures keep the port identical to DynamoDB's.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly audit: AuditLog;
  private readonly collections = new Map<string, SqliteCollection<Doc>>();

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (SIGKILL); only an OS crash can lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // During a storm the unique-key indexes of signals and the inbox take random inserts: a 64 MiB
    // page cache (default 2 MiB) keeps them in memory, and checkpointing every ~40 MiB of WAL
    // (default ~4 MiB) writes each index page back once instead of at every small checkpoint.
    // Together they hold the accept rate at ~50–65 k/s where it fell from 55 k to 33 k/s.
    this.db.pragma('cache_size = -65536');
    this.db.pragma('wal_autocheckpoint = 10000');
    runMigrations(this.db, Object.values(COLLECTION_SPECS));
    this.audit = new SqliteAuditLog(this.db, () => this.gate());
    // The durable inbox of raw payloads accepted but not yet processed (see `inboxAppend`): two
    // b-trees per row (rowid, unique key) instead of the signal table's six.
    this.db.exec('CREATE TABLE IF NOT EXISTS inbox (seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, raw TEXT NOT NULL, text INTEGER NOT NULL, via TEXT, receivedAt TEXT NOT NULL, deliveries INTEGER NOT NULL DEFAULT 1)');
    this.inboxStmts = {
      redeliver: this.db.prepare('UPDATE inbox SET deliveries = deliveries + 1 WHERE key = ?'),
      take: this.db.prepare('SELECT seq, key, raw, text, via, receivedAt, deliveries FROM inbox ORDER BY seq LIMIT ?'),
      del: this.db.prepare('DELETE FROM inbox WHERE seq = ?'),
      count: this.db.prepare('SELECT COUNT(*) AS n FROM inbox'),
    };
  }

  private readonly inboxStmts: { redeliver: Database.Statement; take: Database.Statement; del: Database.Statement; count: Database.Statement };

  /**
   * Appends raw payloads to the durable inbox in one commit (or the caller's transaction), keyed
   * by `key` (a re-delivery of the same payload only counts a delivery). Returns, per entry,
   * true when it is new. The text is stored as it arrived: no re-serialisation.
   */
  async inboxAppend(entries: readonly InboxInput[]): Promise<boolean[]> {
    await this.gate();
    const out = entries.map(() => false);
    const firstIndex = new Map<string, number>();
    entries.forEach((e, i) => {
      if (!firstIndex.has(e.key)) firstIndex.set(e.key, i);
    });
    const write = (): void => {
      // Multi-row INSERT OR IGNORE (prepared once per row count); RETURNING names the new keys.
      for (let i = 0; i < entries.length; i += SqliteStore.INBOX_ROWS) {
        const chunk = entries.slice(i, i + SqliteStore.INBOX_ROWS);
        const params: SqlValue[] = [];
        for (const e of chunk) params.push(e.key, e.raw, e.text ? 1 : 0, e.via ?? null, e.receivedAt);
        for (const r of this.inboxInsert(chunk.length).all(...params) as { key: string }[]) out[firstIndex.get(r.key) as number] = true;
      }
      // Re-deliveries (already waiting, or repeated in this call) only count a delivery.
      entries.forEach((e, i) => {
        if (!out[i]) this.inboxStmts.redeliver.run(e.key);
      });
    };
    if (this.db.inTransaction) write();
    else this.db.transaction(write).immediate();
    return out;
  }

  private static readonly INBOX_ROWS = 100;
  private readonly inboxInserts = new Map<number, Database.Statement>();

  private inboxInsert(rows: number): Database.Statement {
    let stmt = this.inboxInserts.get(rows);
    if (!stmt) {
      stmt = this.db.prepare(`INSERT OR IGNORE INTO inbox (key, raw, text, via, receivedAt) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')} RETURNING key`);
      this.inboxInserts.set(rows, stmt);
    }
    return stmt;
  }

  /** The oldest `limit` inbox entries, in arrival order. */
  async inboxTake(limit: number): Promise<InboxEntry[]> {
    await this.gate();
    return (this.inboxStmts.take.all(Math.max(0, Math.floor(limit))) as (Omit<InboxEntry, 'text' | 'via'> & { text: number; via: string | null })[]).map((r) => ({ ...r, text: r.text === 1, via: r.via ?? undefined }));
  }

  /** Removes processed entries (call inside the transaction that processed them). */
  async inboxDelete(seqs: readonly number[]): Promise<void> {
    await this.gate();
    for (const seq of seqs) this.inboxStmts.del.run(seq);
  }

  async inboxCount(): Promise<number> {
    await this.gate();
    return (this.inboxStmts.count.get() as { n: number }).n;
  }

  collection<T extends Doc>(name: CollectionName): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      const spec = COLLECTION_SPECS[name];
      if (!spec) throw new NotFoundError('collection', name);
      c = new SqliteCollection<Doc>(this.db, spec, () => this.gate());
      this.collections.set(name, c);
    }
    return c as unknown as Collection<T>;
  }

  private readonly txContext = new AsyncLocalStorage<number>();
  private openTx: { id: number; done: Promise<void> } | undefined;
  private txSeq = 0;

  /**
   * Waits while another async context holds a transaction, so that writes from elsewhere (the
   * orchestrator, the scheduler) never land inside — or get rolled back with — someone else's
   * unit of work. Returns undefined (no wait) in the common case.
   */
  gate(): Promise<void> | undefined {
    if (!this.openTx || this.txContext.getStore() === this.openTx.id) return undefined;
    return (async () => {
      while (this.openTx && this.txContext.getStore() !== this.openTx.id) await this.openTx.done;
    })();
  }

  /**
   * Runs `fn` as one durable commit (BEGIN IMMEDIATE … COMMIT, ROLLBACK if it throws): batch
   * ingestion acknowledges a whole batch only after it is on disk, with one fsync instead of
   * hundreds. Nested calls join the open transaction; other async contexts wait at the gate.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.openTx && this.txContext.getStore() === this.openTx.id) return fn();
    while (this.openTx) await this.openTx.done;
    let release!: () => void;
    const id = ++this.txSeq;
    this.openTx = { id, done: new Promise<void>((r) => (release = r)) };
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = await this.txContext.run(id, fn);
      this.db.exec('COMMIT');
      return out;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    } finally {
      this.openTx = undefined;
      release();
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

class SqliteCollection<T extends Doc> implements Collection<T> {
  private readonly table: string;
  private readonly indexCols: string[];
  private readonly cols: string[];
  /** Multi-row INSERT OR IGNORE statements, prepared once per row count. */
  private readonly bulkInserts = new Map<number, Database.Statement>();
  private readonly stmts: {
    get: Database.Statement;
    insert: Database.Statement;
    upsert: Database.Statement;
    updateVersioned: Database.Statement;
    del: Database.Statement;
  };

  constructor(
    private readonly db: Database.Database,
    private readonly spec: CollectionSpec,
    private readonly gate: () => Promise<void> | undefined,
  ) {
    this.table = `c_${spec.name}`;
    this.indexCols = spec.indexes.map(col);
    const cols = ['id', 'version', 'sort', ...this.indexCols, 'doc'];
    this.cols = cols;
    const params = cols.map((c) => `@${c}`).join(', ');
    const sets = cols
      .filter((c) => c !== 'id')
      .map((c) => `${c} = @${c}`)
      .join(', ');
    this.stmts = {
      get: db.prepare(`SELECT doc FROM ${this.table} WHERE id = ?`),
      insert: db.prepare(`INSERT OR IGNORE INTO ${this.table} (${cols.join(', ')}) VALUES (${params})`),
      upsert: db.prepare(`INSERT INTO ${this.table} (${cols.join(', ')}) VALUES (${params}) ON CONFLICT(id) DO UPDATE SET ${sets}`),
      updateVersioned: db.prepare(`UPDATE ${this.table} SET ${sets} WHERE id = @id AND version = @expected`),
      del: db.prepare(`DELETE FROM ${this.table} WHERE id = ?`),
    };
  }

  private row(doc: T): Record<string, SqlValue> {
    const rec = doc as unknown as Record<string, unknown>;
    const r: Record<string, SqlValue> = { id: doc.id, version: doc.version ?? 0, sort: toSql(rec[this.spec.sortField]), doc: JSON.stringify(doc) };
    this.spec.indexes.forEach((f, i) => (r[this.indexCols[i]!] = toSql(rec[f])));
    return r;
  }

  async get(id: string): Promise<T | undefined> {
    await this.gate();
    const r = this.stmts.get.get(id) as Row | undefined;
    return r ? (JSON.parse(r.doc) as T) : undefined;
  }

  async create(doc: T): Promise<boolean> {
    await this.gate();
    return this.stmts.insert.run(this.row(doc)).changes === 1;
  }

  /** Rows per multi-row statement: well under SQLite's bound-parameter limit for every collection. */
  private static readonly BULK_ROWS = 100;

  private bulkInsert(rows: number): Database.Statement {
    let stmt = this.bulkInserts.get(rows);
    if (!stmt) {
      const one = `(${this.cols.map(() => '?').join(', ')})`;
      stmt = this.db.prepare(`INSERT OR IGNORE INTO ${this.table} (${this.cols.join(', ')}) VALUES ${Array(rows).fill(one).join(', ')} RETURNING id`);
      this.bulkInserts.set(rows, stmt);
    }
    return stmt;
  }

  private values(doc: T, into: SqlValue[]): void {
    const rec = doc as unknown as Record<string, unknown>;
    into.push(doc.id, doc.version ?? 0, toSql(rec[this.spec.sortField]));
    for (const f of this.spec.indexes) into.push(toSql(rec[f]));
    into.push(JSON.stringify(doc));
  }

  async createMany(docs: T[]): Promise<boolean[]> {
    await this.gate();
    const out = docs.map(() => false);
    // The first doc of each id is the one that may be inserted; later repeats are duplicates.
    const firstIndex = new Map<string, number>();
    docs.forEach((d, i) => {
      if (!firstIndex.has(d.id)) firstIndex.set(d.id, i);
    });
    const write = (): void => {
      for (let i = 0; i < docs.length; i += SqliteCollection.BULK_ROWS) {
        const chunk = docs.slice(i, i + SqliteCollection.BULK_ROWS);
        const params: SqlValue[] = [];
        for (const d of chunk) this.values(d, params);
        for (const r of this.bulkInsert(chunk.length).all(...params) as { id: string }[]) out[firstIndex.get(r.id) as number] = true;
      }
    };
    // Inside the caller's transaction the rows join its commit; otherwise the batch is one commit.
    if (this.db.inTransaction) write();
    else this.db.transaction(write).immediate();
    return out;
  }

  async put(doc: T): Promise<void> {
    await this.gate();
    this.stmts.upsert.run(this.row(doc));
  }

  async update(id: string, change: (current: T) => T): Promise<T> {
    await this.gate();
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.get(id);
      if (!current) throw new NotFoundError(this.spec.name, id);
      const expected = current.version ?? 0;
      const next = { ...change(structuredClone(current)), id, version: expected + 1 } as T;
      if (this.stmts.updateVersioned.run({ ...this.row(next), expected }).changes === 1) return next;
    }
    throw new ConflictError(`${this.spec.name} ${id}: too many concurrent updates`);
  }

  private where(q: FindQuery | undefined): { sql: string; params: SqlValue[] } {
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    for (const [field, value] of Object.entries(q?.where ?? {})) {
      if (!this.spec.indexes.includes(field)) throw new RangeError(`${this.spec.name}: "${field}" is not an indexed field (${this.spec.indexes.join(', ')})`);
      clauses.push(`${col(field)} = ?`);
      params.push(toSql(value as IndexValue));
    }
    if (q?.since !== undefined) {
      clauses.push('sort >= ?');
      params.push(q.since);
    }
    if (q?.until !== undefined) {
      clauses.push('sort < ?');
      params.push(q.until);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  async find(query?: FindQuery): Promise<T[]> {
    await this.gate();
    const { sql, params } = this.where(query);
    const order = query?.order === 'desc' ? 'DESC' : 'ASC';
    const limit = query?.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
    const rows = this.db.prepare(`SELECT doc FROM ${this.table} ${sql} ORDER BY sort ${order}, id ${order} ${limit}`).all(...params) as Row[];
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  async count(where?: Record<string, IndexValue>): Promise<number> {
    await this.gate();
    const { sql, params } = this.where(where ? { where } : undefined);
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM ${this.table} ${sql}`).get(...params) as { n: number }).n;
  }

  async delete(id: string): Promise<void> {
    await this.gate();
    this.stmts.del.run(id);
  }
}

class SqliteAuditLog implements AuditLog {
  private readonly appendTx: Database.Transaction<(fields: AuditFields) => AuditRecord>;

  constructor(
    private readonly db: Database.Database,
    private readonly gate: () => Promise<void> | undefined,
  ) {
    const last = db.prepare('SELECT doc FROM audit_log ORDER BY seq DESC LIMIT 1');
    const insert = db.prepare(
      'INSERT INTO audit_log (seq, executionId, timestamp, runbook, targetResource, outcome, doc) VALUES (@seq, @executionId, @timestamp, @runbook, @targetResource, @outcome, @doc)',
    );
    // Read-last + insert in one immediate transaction keeps the chain gap-free under concurrency.
    this.appendTx = db.transaction((fields: AuditFields) => {
      const prevRow = last.get() as Row | undefined;
      const rec = chainAuditRecord(fields, prevRow ? (JSON.parse(prevRow.doc) as AuditRecord) : undefined);
      insert.run({ ...pick(rec), doc: JSON.stringify(rec) });
      return rec;
    });
  }

  async append(fields: AuditFields): Promise<AuditRecord> {
    await this.gate();
    // Inside an open transaction better-sqlite3 nests this as a savepoint; outside, it is its own commit.
    return this.db.inTransaction ? this.appendTx(fields) : this.appendTx.immediate(fields);
  }

  async list(q: AuditQuery = {}): Promise<AuditRecord[]> {
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    for (const k of ['executionId', 'runbook', 'targetResource', 'outcome'] as const) {
      if (q[k] !== undefined) {
        clauses.push(`${k} = ?`);
        params.push(q[k]!);
      }
    }
    const bound = (sql: string, v: SqlValue) => {
      clauses.push(sql);
      params.push(v);
    };
    if (q.since) bound('timestamp >= ?', q.since);
    if (q.until) bound('timestamp < ?', q.until);
    if (q.fromSeq !== undefined) bound('seq >= ?', q.fromSeq);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const limit = q.limit !== undefined ? `LIMIT ${Math.floor(q.limit)}` : '';
    return (this.db.prepare(`SELECT doc FROM audit_log ${where} ORDER BY seq ASC ${limit}`).all(...params) as Row[]).map((r) => JSON.parse(r.doc) as AuditRecord);
  }

  async scan(fromSeq = 1, limit?: number): Promise<AuditRecord[]> {
    const lim = limit !== undefined ? `LIMIT ${Math.floor(limit)}` : '';
    return (this.db.prepare(`SELECT doc FROM audit_log WHERE seq >= ? ORDER BY seq ASC ${lim}`).all(fromSeq) as Row[]).map((r) => JSON.parse(r.doc) as AuditRecord);
  }
}

function pick(r: AuditRecord) {
  return { seq: r.seq, executionId: r.executionId, timestamp: r.timestamp, runbook: r.runbook, targetResource: r.targetResource, outcome: r.outcome };
}
