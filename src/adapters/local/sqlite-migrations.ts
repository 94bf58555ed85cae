import type Database from 'better-sqlite3';
import type { CollectionSpec } from '../../ports/collections.js';

const colName = (field: string): string => `i_${field.replace(/[^A-Za-z0-9_]/g, '_')}`;

/**
 * Numbered, forward-only schema migrations for the fixed tables, plus an idempotent sync of the
 * collection tables with the declared specs: a new collection gets a table, a new index field gets
 * a column (back-filled from the stored JSON) and an index. Nothing is ever dropped.
 */
const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE IF NOT EXISTS audit_log (
        seq INTEGER PRIMARY KEY, executionId TEXT NOT NULL, timestamp TEXT NOT NULL, runbook TEXT NOT NULL,
        targetResource TEXT NOT NULL, outcome TEXT NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS audit_by_execution ON audit_log(executionId);
      CREATE INDEX IF NOT EXISTS audit_by_time ON audit_log(timestamp);
      -- Append-only at the storage level too: updates and deletes are refused by the database.
      CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'AutomationAuditLog is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'AutomationAuditLog is append-only'); END;
      CREATE TABLE IF NOT EXISTS outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, topic TEXT NOT NULL, time TEXT NOT NULL,
        payload TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, lastError TEXT);
      CREATE INDEX IF NOT EXISTS outbox_pending ON outbox(status, seq);
    `,
  },
];

export function runMigrations(db: Database.Database, specs: readonly CollectionSpec[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, appliedAt TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, appliedAt) VALUES (?, ?)').run(m.version, new Date().toISOString());
    })();
  }
  for (const spec of specs) syncCollection(db, spec);
}

function syncCollection(db: Database.Database, spec: CollectionSpec): void {
  const table = `c_${spec.name}`;
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, sort TEXT, doc TEXT NOT NULL)`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${table}_sort ON ${table}(sort)`);
  const existing = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((r) => r.name));
  for (const field of spec.indexes) {
    const c = colName(field);
    if (!existing.has(c)) {
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${c}`);
      db.prepare(`UPDATE ${table} SET ${c} = json_extract(doc, ?)`).run(`$.${field}`);
    }
    db.exec(`CREATE INDEX IF NOT EXISTS ${table}_${c} ON ${table}(${c}, sort)`);
  }
}
