import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/core/events/normalize.js';
import { generateStorm } from './generator.js';
import { BenchSqliteStore } from './sqliteStore.js';

describe('Function: generateStorm', () => {
  const storm = generateStorm({ seed: 3, targetEvents: 3000, problems: 12, hours: 2 });
  it('is deterministic for a seed', () => {
    expect(JSON.stringify(generateStorm({ seed: 3, targetEvents: 3000, problems: 12, hours: 2 }).events.slice(0, 50))).toBe(JSON.stringify(storm.events.slice(0, 50)));
  });
  it('has ≥ 1 % malformed events that all fail normalization, and ground truth for the rest', () => {
    const malformed = storm.events.filter((e) => e.kind === 'malformed');
    expect(malformed.length / storm.events.length).toBeGreaterThanOrEqual(0.01);
    for (const e of malformed) expect(normalize(e.raw).ok).toBe(false);
    for (const e of storm.events.filter((x) => x.kind === 'signal' || x.kind === 'redelivery')) expect(e.problem).toMatch(/^p\d+/);
    expect(storm.problems.filter((p) => p.expectMuted)).toHaveLength(2);
  });
});

describe('Class: BenchSqliteStore', () => {
  it('keeps the Store contract: idempotent create, update, index filters and ranges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiops-store-test-'));
    const store = new BenchSqliteStore(join(dir, 'x.db'));
    const c = store.collection<{ id: string; status: string; time: string; source: string; resourceArn: string; version?: number }>('signals');
    expect(await c.create({ id: 'a', status: 'pending', time: '2026-01-01', source: 's', resourceArn: 'r' })).toBe(true);
    expect(await c.create({ id: 'a', status: 'other', time: '2026-01-01', source: 's', resourceArn: 'r' })).toBe(false);
    await c.put({ id: 'b', status: 'pending', time: '2026-01-03', source: 's', resourceArn: 'r' });
    const u = await c.update('a', (d) => ({ ...d, status: 'processed' }));
    expect(u).toMatchObject({ status: 'processed', version: 2 });
    expect((await c.find({ where: { status: 'pending' } })).map((d) => d.id)).toEqual(['b']);
    expect((await c.find({ since: '2026-01-02', order: 'desc' })).map((d) => d.id)).toEqual(['b']);
    expect(await c.count({ status: 'processed' })).toBe(1);
    await expect(c.update('zz', (d) => d)).rejects.toThrow(/not found/);
    expect(await store.transaction(async () => c.create({ id: 'c', status: 'p', time: 't', source: 's', resourceArn: 'r' }))).toBe(true);
    await expect(store.transaction(async () => { await c.create({ id: 'd', status: 'p', time: 't', source: 's', resourceArn: 'r' }); throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await c.get('d')).toBeUndefined();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
