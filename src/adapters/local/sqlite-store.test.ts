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

describe('Method: SqliteStore.transaction', () => {
  const incident = (id: string) => ({ id, status: 'open', severity: 'SEV-3', service: 's', openedAt: '2026-01-01T00:00:00.000Z' }) as never;

  it('commits a unit of work once, and rolls all of it back when it throws', async () => {
    const store = new SqliteStore(':memory:');
    const c = store.collection('incidents');
    await store.transaction(async () => {
      await c.create(incident('a'));
      await c.create(incident('b'));
    });
    await expect(
      store.transaction(async () => {
        await c.create(incident('c'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await c.find()).map((d) => d.id)).toEqual(['a', 'b']);
    await store.close();
  });

  it('keeps writes from other async contexts out of an open transaction (they wait, and survive its rollback)', async () => {
    const store = new SqliteStore(':memory:');
    const c = store.collection('incidents');
    // Another part of the platform (its own async flow, started outside) writes while the transaction is open…
    let go!: () => void;
    const started = new Promise<void>((r) => (go = r));
    const outside = started.then(() => c.put(incident('outside')));
    await expect(
      store.transaction(async () => {
        await c.create(incident('inside'));
        go();
        await new Promise((r) => setImmediate(r));
        throw new Error('abort the batch');
      }),
    ).rejects.toThrow('abort the batch');
    await outside;
    expect((await c.find()).map((d) => d.id)).toEqual(['outside']);
    await store.close();
  });

  it('keeps a durable raw inbox: new keys once, re-deliveries counted, arrival order, removal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiops-inbox-'));
    const path = join(dir, 'aiops.db');
    const store = new SqliteStore(path);
    const e = (key: string, raw = `{"k":"${key}"}`) => ({ key, raw, text: true, via: 'sqs', receivedAt: '2026-11-23T10:00:00.000Z' });
    const many = [...Array(150)].map((_, i) => e(`k-${i}`));
    expect(await store.inboxAppend([e('a'), e('b'), e('a'), ...many])).toEqual([true, true, false, ...many.map(() => true)]);
    expect(await store.inboxAppend([e('b'), e('c')])).toEqual([false, true]);
    await store.close();
    const reopened = new SqliteStore(path);
    const all = await reopened.inboxTake(1000);
    expect(all.map((x) => x.key).slice(0, 3)).toEqual(['a', 'b', 'k-0']);
    expect(all.at(-1)).toMatchObject({ key: 'c', raw: '{"k":"c"}', text: true, via: 'sqs' });
    expect(all.filter((x) => x.key === 'a' || x.key === 'b').map((x) => x.deliveries)).toEqual([2, 2]);
    await reopened.inboxDelete(all.slice(0, 2).map((x) => x.seq));
    expect(await reopened.inboxCount()).toBe(151);
    expect((await reopened.inboxTake(1))[0]?.key).toBe('k-0');
    await reopened.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
