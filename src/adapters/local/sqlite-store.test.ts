import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../ports/store.contract.js';
import { SqliteStore } from './sqlite-store.js';

describeStoreContract('SqliteStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aiops-sqlite-'));
  const store = new SqliteStore(join(dir, 'aiops.db'));
  return { store, cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
});

describe('Class: SqliteStore (local specifics)', () => {
  it('refuses updates and deletes of audit records at the database level', async () => {
    const store = new SqliteStore(':memory:');
    await store.audit.append({ executionId: 'e', timestamp: '2026-01-01T00:00:00.000Z', trigger: 't', runbook: 'r', targetResource: 'arn:x', action: 'a', outcome: 'SUCCESS', operator: 'automated', rollbackPlan: 'p' });
    expect(() => store.db.prepare("UPDATE audit_log SET outcome = 'FAILURE'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    await store.close();
  });

  it('migrates forward idempotently: reopening a file keeps data and schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiops-sqlite-'));
    const path = join(dir, 'aiops.db');
    const a = new SqliteStore(path);
    await a.collection('incidents').put({ id: 'i1', status: 'open', severity: 'SEV-2', service: 's', openedAt: '2026-01-01T00:00:00.000Z' } as never);
    await a.close();
    const b = new SqliteStore(path);
    expect(await b.collection('incidents').count({ status: 'open' })).toBe(1);
    expect((b.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(1);
    expect(b.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
