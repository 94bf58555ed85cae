import Database from 'better-sqlite3';
import { COLLECTION_SPECS, type CollectionName, type CollectionSpec } from '../../src/ports/collections.js';
import type { AuditLog, AuditQuery, Collection, Doc, FindQuery, IndexValue, Store } from '../../src/ports/store.js';
import { chainAuditRecord, type AuditFields, type AuditRecord } from '../../src/core/remediation/audit.js';
import { NotFoundError } from '../../src/core/shared/errors.js';

/**
 * A bench-local minimal SQLite Store (better-sqlite3, WAL) implementing src/ports/store.ts, so the
 * benchmark measures the pipeline on a durable store. One table per collection: the JSON document
 * plus its declared index columns and sort column. The platform's own SQLite adapter replaces it.
 */
type Row = { doc: string; version: number };
const sqlValue = (v: unknown): string | number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'string' || typeof v === 'number' ? v : v === undefined || v === null ? null : JSON.stringify(v));

class SqliteCollection<T extends Doc> implements Collection<T> {
  private readonly table: string;
  private readonly stmts = new Map<string, Database.Statement>();
  private readonly insert: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly cas: Database.Statement;
  private readonly getStmt: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly spec: CollectionSpec,
  ) {
    this.table = `c_${spec.name}`;
    const cols = spec.indexes.map((c) => `"${c}"`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1, sort TEXT${cols.map((c) => `, ${c}`).join('')})`);
    for (const c of spec.indexes) db.exec(`CREATE INDEX IF NOT EXISTS ${this.table}_${c} ON ${this.table} ("${c}", sort)`);
    db.exec(`CREATE INDEX IF NOT EXISTS ${this.table}_sort ON ${this.table} (sort)`);
    const names = ['id', 'doc', 'version', 'sort', ...cols];
    const params = names.map(() => '?').join(',');
    this.insert = db.prepare(`INSERT OR IGNORE INTO ${this.table} (${names.join(',')}) VALUES (${params})`);
    this.upsert = db.prepare(`INSERT OR REPLACE INTO ${this.table} (${names.join(',')}) VALUES (${params})`);
    this.cas = db.prepare(`UPDATE ${this.table} SET doc = ?, version = ?, sort = ?${cols.map((c) => `, ${c} = ?`).join('')} WHERE id = ? AND version = ?`);
    this.getStmt = db.prepare(`SELECT doc, version FROM ${this.table} WHERE id = ?`);
  }

  private values(doc: T, version: number): unknown[] {
    const rec = doc as unknown as Record<string, unknown>;
    return [doc.id, JSON.stringify({ ...doc, version }), version, sqlValue(rec[this.spec.sortField]), ...this.spec.indexes.map((c) => sqlValue(rec[c]))];
  }

  async get(id: string): Promise<T | undefined> {
    const r = this.getStmt.get(id) as Row | undefined;
    return r ? (JSON.parse(r.doc) as T) : undefined;
  }
  async create(doc: T): Promise<boolean> {
    return this.insert.run(...this.values(doc, doc.version ?? 1)).changes === 1;
  }
  async put(doc: T): Promise<void> {
    this.upsert.run(...this.values(doc, doc.version ?? 1));
  }
  async update(id: string, change: (current: T) => T): Promise<T> {
    for (;;) {
      const r = this.getStmt.get(id) as Row | undefined;
      if (!r) throw new NotFoundError(this.spec.name, id);
      const cur = JSON.parse(r.doc) as T;
      const changed = change(cur);
      if (changed === cur) return cur;
      const next = { ...changed, id };
      const version = r.version + 1;
      const [, doc, , sort, ...idx] = this.values(next, version);
      if (this.cas.run(doc, version, sort, ...idx, id, r.version).changes === 1) return { ...next, version };
    }
  }
  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }
  private whereSql(where: Record<string, IndexValue> | undefined, q: FindQuery = {}): { sql: string; args: unknown[] } {
    const parts: string[] = [];
    const args: unknown[] = [];
    for (const [k, v] of Object.entries(where ?? {})) {
      if (!this.spec.indexes.includes(k)) throw new Error(`${this.spec.name}: "${k}" is not an index field`);
      parts.push(`"${k}" = ?`);
      args.push(sqlValue(v));
    }
    if (q.since !== undefined) {
      parts.push('sort >= ?');
      args.push(q.since);
    }
    if (q.until !== undefined) {
      parts.push('sort < ?');
      args.push(q.until);
    }
    return { sql: parts.length ? ` WHERE ${parts.join(' AND ')}` : '', args };
  }
  async find(q: FindQuery = {}): Promise<T[]> {
    const w = this.whereSql(q.where, q);
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    const sql = `SELECT doc FROM ${this.table}${w.sql} ORDER BY sort ${dir}, id ${dir}${q.limit !== undefined ? ` LIMIT ${Math.floor(q.limit)}` : ''}`;
    return (this.stmt(sql).all(...w.args) as { doc: string }[]).map((r) => JSON.parse(r.doc) as T);
  }
  async count(where?: Record<string, IndexValue>): Promise<number> {
    const w = this.whereSql(where);
    return (this.stmt(`SELECT COUNT(*) AS n FROM ${this.table}${w.sql}`).get(...w.args) as { n: number }).n;
  }
  async delete(id: string): Promise<void> {
    this.stmt(`DELETE FROM ${this.table} WHERE id = ?`).run(id);
  }
}

class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, rec TEXT NOT NULL)');
  }
  async append(fields: AuditFields): Promise<AuditRecord> {
    const last = this.db.prepare('SELECT rec FROM audit ORDER BY seq DESC LIMIT 1').get() as { rec: string } | undefined;
    const rec = chainAuditRecord(fields, last ? (JSON.parse(last.rec) as AuditRecord) : undefined);
    this.db.prepare('INSERT INTO audit (seq, rec) VALUES (?, ?)').run(rec.seq, JSON.stringify(rec));
    return rec;
  }
  async list(q: AuditQuery = {}): Promise<AuditRecord[]> {
    return (await this.scan(q.fromSeq ?? 1)).filter((r) => (!q.executionId || r.executionId === q.executionId) && (!q.since || r.timestamp >= q.since) && (!q.until || r.timestamp < q.until)).slice(0, q.limit ?? Infinity);
  }
  async scan(fromSeq = 1, limit = 1_000_000): Promise<AuditRecord[]> {
    return (this.db.prepare('SELECT rec FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?').all(fromSeq, limit) as { rec: string }[]).map((r) => JSON.parse(r.rec) as AuditRecord);
  }
}

export class BenchSqliteStore implements Store {
  readonly db: Database.Database;
  readonly audit: AuditLog;
  private readonly cols = new Map<CollectionName, SqliteCollection<Doc>>();
  constructor(path: string) {
    this.db = new Database(path);
    // WAL + synchronous=NORMAL: a committed write survives a process crash (the platform's default).
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.audit = new SqliteAuditLog(this.db);
  }
  collection<T extends Doc>(name: CollectionName): Collection<T> {
    let c = this.cols.get(name);
    if (!c) this.cols.set(name, (c = new SqliteCollection<Doc>(this.db, COLLECTION_SPECS[name])));
    return c as unknown as Collection<T>;
  }
  private depth = 0;
  /**
   * One commit for a whole batch (the optional capability the alerting service uses when a store
   * offers it): nothing of the batch is acknowledged before the commit, so accepted = durable.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth++ > 0) {
      try {
        return await fn();
      } finally {
        this.depth--;
      }
    }
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = await fn();
      this.db.exec('COMMIT');
      return out;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    } finally {
      this.depth--;
    }
  }
  async close(): Promise<void> {
    this.db.close();
  }
}
