import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain, type AuditFields } from '../core/remediation/audit.js';
import { NotFoundError } from '../core/shared/errors.js';
import type { Doc, Store } from './store.js';

/**
 * The one contract every Store adapter passes (memory, SQLite, DynamoDB on dynalite). It only uses
 * the behaviour promised by `store.ts` and the index/sort fields declared in `collections.ts`:
 * `incidents` (indexes status, severity, service; sort openedAt) and `alerts` (TTL expiresAt).
 *
 * @example
 * describeStoreContract('MemoryStore', async () => ({ store: new MemoryStore() }));
 */
export function describeStoreContract(name: string, makeStore: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>): void {
  interface Incident extends Doc {
    status: string;
    severity: string;
    service: string;
    openedAt: string;
    title?: string;
    count?: number;
    details?: { labels: Record<string, string>; list: number[] };
  }

  const incident = (id: string, openedAt: string, over: Partial<Incident> = {}): Incident => ({
    id,
    status: 'open',
    severity: 'SEV-3',
    service: 'checkout',
    openedAt,
    ...over,
  });

  const audit = (i: number, over: Partial<AuditFields> = {}): AuditFields => ({
    executionId: `exec-${i % 3}`,
    timestamp: `2026-11-23T10:${String(i).padStart(2, '0')}:00.000Z`,
    trigger: 'aws.cloudwatch/AlarmStateChange',
    runbook: i % 2 === 0 ? 'AIOps-ScaleOutEC2ASG' : 'AIOps-RestartECSService',
    targetResource: `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:g:autoScalingGroupName/asg-${i % 2}`,
    action: `autoscaling:SetDesiredCapacity #${i}`,
    outcome: i % 4 === 3 ? 'FAILURE' : 'SUCCESS',
    operator: 'automated',
    rollbackPlan: 'set desired capacity back',
    ...over,
  });

  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      const made = await makeStore();
      store = made.store;
      cleanup = made.cleanup;
    });

    afterEach(async () => {
      await store.close();
      await cleanup?.();
    });

    const incidents = () => store.collection<Incident>('incidents');

    describe('Function: collection.create', () => {
      it('inserts once and returns false without writing when the id already exists', async () => {
        expect(await incidents().create(incident('i-1', '2026-11-23T10:00:00.000Z', { title: 'first' }))).toBe(true);
        expect(await incidents().create(incident('i-1', '2026-11-23T11:00:00.000Z', { title: 'second' }))).toBe(false);
        const got = await incidents().get('i-1');
        expect(got?.title).toBe('first');
        expect(got?.openedAt).toBe('2026-11-23T10:00:00.000Z');
        expect(await incidents().count()).toBe(1);
      });

      it('round-trips nested values unchanged', async () => {
        const doc = incident('i-n', '2026-11-23T10:00:00.000Z', { count: 3, details: { labels: { team: 'payments', 'k.with.dot': 'v' }, list: [1, 2.5, -3] } });
        await incidents().create(doc);
        const got = await incidents().get('i-n');
        expect(got).toMatchObject(doc);
      });
    });

    describe('Function: collection.createMany', () => {
      it('is implemented by every Store adapter', () => {
        expect(typeof incidents().createMany).toBe('function');
      });

      it('inserts new docs in order, skips existing ids and in-call repeats without overwriting', async () => {
        await incidents().create(incident('m-0', '2026-11-23T09:00:00.000Z', { title: 'old' }));
        const docs = [
          incident('m-1', '2026-11-23T10:00:00.000Z', { title: 'a', status: 'open' }),
          incident('m-0', '2026-11-23T10:01:00.000Z', { title: 'new' }),
          incident('m-2', '2026-11-23T10:02:00.000Z', { title: 'b', status: 'resolved' }),
          incident('m-1', '2026-11-23T10:03:00.000Z', { title: 'repeat' }),
        ];
        expect(await incidents().createMany?.(docs)).toEqual([true, false, true, false]);
        expect((await incidents().get('m-0'))?.title).toBe('old');
        expect((await incidents().get('m-1'))?.title).toBe('a');
        expect(await incidents().count()).toBe(3);
        expect((await incidents().find({ where: { status: 'resolved' } })).map((i) => i.id)).toEqual(['m-2']);
        expect((await incidents().find({ since: '2026-11-23T10:00:00.000Z' })).map((i) => i.id)).toEqual(['m-1', 'm-2']);
      });

      it('returns an empty list for no docs and handles batches larger than one statement', async () => {
        expect(await incidents().createMany?.([])).toEqual([]);
        const many = [...Array(230)].map((_, i) => incident(`b-${String(i).padStart(3, '0')}`, `2026-11-23T10:00:${String(i % 60).padStart(2, '0')}.000Z`, { count: i }));
        const first = await incidents().createMany?.(many);
        expect(first?.every(Boolean)).toBe(true);
        const again = await incidents().createMany?.(many);
        expect(again?.some(Boolean)).toBe(false);
        expect(await incidents().count()).toBe(230);
        expect((await incidents().get('b-229'))?.count).toBe(229);
      });
    });

    describe('Function: collection.get', () => {
      it('returns undefined for a missing id', async () => {
        expect(await incidents().get('nope')).toBeUndefined();
      });

      it('returns a copy: mutating it does not change the stored document', async () => {
        await incidents().create(incident('i-c', '2026-11-23T10:00:00.000Z', { title: 'kept' }));
        const got = await incidents().get('i-c');
        if (got) got.title = 'mutated';
        expect((await incidents().get('i-c'))?.title).toBe('kept');
      });

      it('keeps collections apart: the same id in two collections is two documents', async () => {
        await incidents().create(incident('same', '2026-11-23T10:00:00.000Z'));
        expect(await store.collection<Doc>('alerts').get('same')).toBeUndefined();
      });
    });

    describe('Function: collection.put', () => {
      it('inserts when absent and replaces the whole document when present', async () => {
        await incidents().put(incident('i-p', '2026-11-23T10:00:00.000Z', { title: 'a', count: 1 }));
        await incidents().put(incident('i-p', '2026-11-23T10:00:00.000Z', { status: 'resolved' }));
        const got = await incidents().get('i-p');
        expect(got?.status).toBe('resolved');
        expect(got?.title).toBeUndefined();
        expect(await incidents().count()).toBe(1);
        expect(await incidents().count({ status: 'open' })).toBe(0);
      });
    });

    describe('Function: collection.update', () => {
      it('applies the change, returns the new document and bumps the version', async () => {
        await incidents().create(incident('i-u', '2026-11-23T10:00:00.000Z', { count: 1 }));
        const before = await incidents().get('i-u');
        const updated = await incidents().update('i-u', (cur) => ({ ...cur, status: 'acknowledged', count: (cur.count ?? 0) + 1 }));
        expect(updated.status).toBe('acknowledged');
        expect(updated.count).toBe(2);
        expect(updated.version ?? 0).toBeGreaterThan(before?.version ?? 0);
        expect(await incidents().get('i-u')).toMatchObject({ status: 'acknowledged', count: 2 });
        expect(await incidents().count({ status: 'acknowledged' })).toBe(1);
      });

      it('throws NotFoundError when the id does not exist', async () => {
        await expect(incidents().update('missing', (cur) => cur)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('applies every one of many concurrent updates (no lost update)', async () => {
        await incidents().create(incident('i-race', '2026-11-23T10:00:00.000Z', { count: 0 }));
        const n = 10;
        await Promise.all(Array.from({ length: n }, () => incidents().update('i-race', (cur) => ({ ...cur, count: (cur.count ?? 0) + 1 }))));
        expect((await incidents().get('i-race'))?.count).toBe(n);
      });

      it('keeps the id even if the change tries to alter it', async () => {
        await incidents().create(incident('i-id', '2026-11-23T10:00:00.000Z'));
        await incidents().update('i-id', (cur) => ({ ...cur, id: 'other', title: 't' }));
        expect((await incidents().get('i-id'))?.title).toBe('t');
        expect(await incidents().get('other')).toBeUndefined();
      });
    });

    describe('Function: collection.find', () => {
      const seed = async () => {
        const rows: Incident[] = [
          incident('a', '2026-11-23T10:00:00.000Z', { severity: 'SEV-1', service: 'checkout' }),
          incident('b', '2026-11-23T11:00:00.000Z', { severity: 'SEV-2', service: 'search' }),
          incident('c', '2026-11-23T12:00:00.000Z', { severity: 'SEV-1', service: 'search', status: 'resolved' }),
          incident('d', '2026-11-23T13:00:00.000Z', { severity: 'SEV-3', service: 'checkout' }),
          incident('e', '2026-11-23T14:00:00.000Z', { severity: 'SEV-1', service: 'checkout' }),
        ];
        // Inserted out of order so that ordering must come from the sort field.
        for (const r of [rows[3], rows[0], rows[4], rows[2], rows[1]]) await incidents().create(r as Incident);
      };
      const ids = (docs: Incident[]) => docs.map((d) => d.id);

      it.each([
        ['no query: everything ascending by sort field', undefined, ['a', 'b', 'c', 'd', 'e']],
        ['where on one index field', { where: { severity: 'SEV-1' } }, ['a', 'c', 'e']],
        ['where on two index fields (AND)', { where: { severity: 'SEV-1', status: 'open' } }, ['a', 'e']],
        ['where matching nothing', { where: { service: 'billing' } }, []],
        ['since is inclusive', { since: '2026-11-23T12:00:00.000Z' }, ['c', 'd', 'e']],
        ['until is exclusive', { until: '2026-11-23T12:00:00.000Z' }, ['a', 'b']],
        ['since and until', { since: '2026-11-23T11:00:00.000Z', until: '2026-11-23T14:00:00.000Z' }, ['b', 'c', 'd']],
        ['descending order', { order: 'desc' as const }, ['e', 'd', 'c', 'b', 'a']],
        ['limit takes the first n in order', { limit: 2 }, ['a', 'b']],
        ['desc + limit takes the newest', { order: 'desc' as const, limit: 2 }, ['e', 'd']],
        ['where + since + desc + limit', { where: { service: 'checkout' }, since: '2026-11-23T10:30:00.000Z', order: 'desc' as const, limit: 1 }, ['e']],
      ])('%s', async (_label, query, expected) => {
        await seed();
        expect(ids(await incidents().find(query))).toEqual(expected);
      });

      it('agrees with a reference model for random documents and queries (property)', async () => {
        let run = 0;
        const hour = fc.integer({ min: 0, max: 23 }).map((h) => `2026-11-23T${String(h).padStart(2, '0')}:00:00.000Z`);
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.record({ severity: fc.constantFrom('SEV-1', 'SEV-2'), status: fc.constantFrom('open', 'resolved'), openedAt: hour }), { maxLength: 8 }),
            fc.record({ severity: fc.option(fc.constantFrom('SEV-1', 'SEV-2'), { nil: undefined }), since: fc.option(hour, { nil: undefined }), until: fc.option(hour, { nil: undefined }), order: fc.constantFrom('asc' as const, 'desc' as const), limit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) }),
            async (docs, q) => {
              // Each run scopes its documents by a unique service so runs share one store.
              const service = `svc-${++run}`;
              const rows = docs.map((d, i) => incident(`${service}-${String(i).padStart(2, '0')}`, d.openedAt, { ...d, service }));
              for (const r of rows) await incidents().create(r);
              const where = { service, ...(q.severity ? { severity: q.severity } : {}) };
              const got = await incidents().find({ where, order: q.order, ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}), ...(q.limit ? { limit: q.limit } : {}) });
              const expected = rows
                .filter((r) => (!q.severity || r.severity === q.severity) && (!q.since || r.openedAt >= q.since) && (!q.until || r.openedAt < q.until))
                .sort((a, b) => (a.openedAt === b.openedAt ? 0 : a.openedAt < b.openedAt ? -1 : 1) * (q.order === 'desc' ? -1 : 1));
              // Ties on the sort field may come back in any order: compare sort keys, then the id sets.
              const want = q.limit ? expected.slice(0, q.limit) : expected;
              expect(got.map((g) => g.openedAt)).toEqual(want.map((w) => w.openedAt));
              if (!q.limit) expect(new Set(got.map((g) => g.id))).toEqual(new Set(want.map((w) => w.id)));
              expect(await incidents().count(where)).toBe(rows.filter((r) => !q.severity || r.severity === q.severity).length);
            },
          ),
          { numRuns: 15, seed: 20261123 },
        );
      });

      it('sees updates to index fields', async () => {
        await seed();
        await incidents().update('a', (cur) => ({ ...cur, status: 'resolved' }));
        expect(ids(await incidents().find({ where: { status: 'resolved' } }))).toEqual(['a', 'c']);
      });

      it('returns more than one page of results when there are many documents', async () => {
        const n = 120;
        await Promise.all(Array.from({ length: n }, (_, i) => incidents().create(incident(`m-${String(i).padStart(3, '0')}`, `2026-11-23T10:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`))));
        expect(await incidents().find({ where: { status: 'open' } })).toHaveLength(n);
        expect(await incidents().count({ status: 'open' })).toBe(n);
      });
    });

    describe('Function: collection.count', () => {
      it('counts all documents or those matching index equality filters', async () => {
        await incidents().create(incident('x', '2026-11-23T10:00:00.000Z', { severity: 'SEV-1' }));
        await incidents().create(incident('y', '2026-11-23T10:01:00.000Z', { severity: 'SEV-2' }));
        await incidents().create(incident('z', '2026-11-23T10:02:00.000Z', { severity: 'SEV-1', status: 'resolved' }));
        expect(await incidents().count()).toBe(3);
        expect(await incidents().count({ severity: 'SEV-1' })).toBe(2);
        expect(await incidents().count({ severity: 'SEV-1', status: 'open' })).toBe(1);
        expect(await incidents().count({ severity: 'SEV-4' })).toBe(0);
      });
    });

    describe('Function: collection.delete', () => {
      it('removes the document from get, find and count, and is a no-op for a missing id', async () => {
        await incidents().create(incident('gone', '2026-11-23T10:00:00.000Z'));
        await incidents().delete('gone');
        await incidents().delete('never-existed');
        expect(await incidents().get('gone')).toBeUndefined();
        expect(await incidents().find({ where: { status: 'open' } })).toEqual([]);
        expect(await incidents().count()).toBe(0);
        expect(await incidents().create(incident('gone', '2026-11-23T10:00:00.000Z'))).toBe(true);
      });
    });

    describe('Function: collection with a TTL field', () => {
      it('stores and returns the epoch-seconds expiry like any other field', async () => {
        const alerts = store.collection<Doc & { status: string; lastSeen: string; expiresAt: number }>('alerts');
        await alerts.create({ id: 'fp-1', status: 'firing', lastSeen: '2026-11-23T10:00:00.000Z', expiresAt: 1_795_000_000 });
        expect((await alerts.get('fp-1'))?.expiresAt).toBe(1_795_000_000);
        expect(await alerts.count({ status: 'firing' })).toBe(1);
      });
    });

    describe('Function: audit.append', () => {
      it('numbers records 1..n and chains their hashes so verifyAuditChain passes', async () => {
        const records = [];
        for (let i = 0; i < 6; i++) records.push(await store.audit.append(audit(i)));
        expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(records[1]?.prevHash).toBe(records[0]?.hash);
        const scanned = await store.audit.scan();
        expect(scanned).toEqual(records);
        expect(verifyAuditChain(scanned)).toEqual({ ok: true, checked: 6 });
      });

      it('keeps a gap-free chain when many appends race', async () => {
        const n = 25;
        const appended = await Promise.all(Array.from({ length: n }, (_, i) => store.audit.append(audit(i))));
        expect(appended.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        const scanned = await store.audit.scan();
        expect(scanned.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        expect(verifyAuditChain(scanned).ok).toBe(true);
        expect(new Set(scanned.map((r) => r.action)).size).toBe(n);
      });

      it('stores the nine audit fields exactly', async () => {
        const fields = audit(7, { operator: 'arn:aws:iam::123456789012:user/oncall', rollbackPlan: 'AIOps-ScaleInEC2ASG' });
        const rec = await store.audit.append(fields);
        expect(rec).toMatchObject(fields);
        expect((await store.audit.scan())[0]).toMatchObject(fields);
      });
    });

    describe('Function: audit.scan', () => {
      it('pages through the log from a sequence number', async () => {
        for (let i = 0; i < 8; i++) await store.audit.append(audit(i));
        expect((await store.audit.scan(3)).map((r) => r.seq)).toEqual([3, 4, 5, 6, 7, 8]);
        expect((await store.audit.scan(3, 2)).map((r) => r.seq)).toEqual([3, 4]);
        expect(await store.audit.scan(9)).toEqual([]);
      });

      it('returns an empty log before the first append', async () => {
        expect(await store.audit.scan()).toEqual([]);
        expect(verifyAuditChain(await store.audit.scan()).ok).toBe(true);
      });
    });

    describe('Function: audit.list', () => {
      const seqs = async (q: Parameters<Store['audit']['list']>[0]) => (await store.audit.list(q)).map((r) => r.seq);

      it.each([
        ['everything in sequence order', undefined, [1, 2, 3, 4, 5, 6, 7, 8]],
        ['by executionId', { executionId: 'exec-1' }, [2, 5, 8]],
        ['by runbook', { runbook: 'AIOps-RestartECSService' }, [2, 4, 6, 8]],
        ['by targetResource', { targetResource: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:g:autoScalingGroupName/asg-0' }, [1, 3, 5, 7]],
        ['by outcome', { outcome: 'FAILURE' as const }, [4, 8]],
        ['since inclusive, until exclusive on timestamp', { since: '2026-11-23T10:02:00.000Z', until: '2026-11-23T10:05:00.000Z' }, [3, 4, 5]],
        ['fromSeq', { fromSeq: 6 }, [6, 7, 8]],
        ['filters combine, limit applies last', { runbook: 'AIOps-ScaleOutEC2ASG', outcome: 'SUCCESS' as const, limit: 2 }, [1, 3]],
      ])('%s', async (_label, query, expected) => {
        for (let i = 0; i < 8; i++) await store.audit.append(audit(i));
        expect(await seqs(query)).toEqual(expected);
      });

      it('offers no way to change or remove a record', () => {
        const log = store.audit as unknown as Record<string, unknown>;
        for (const forbidden of ['update', 'delete', 'put', 'remove']) expect(typeof log[forbidden]).not.toBe('function');
      });
    });
  });
}
