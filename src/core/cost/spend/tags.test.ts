import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import type { CostRecord, SpendSource } from './model.js';
import { totalsBy } from './model.js';
import { dailyCostByTag, parseSpendGroupBy, splitByResourceTag } from './tags.js';

const row = (service: string, usd: number, tags: Record<string, string> = {}): CostRecord => ({ date: '2026-11-20', service, account: '111111111111', tags, usd });

describe('Function: parseSpendGroupBy', () => {
  it.each([
    ['service', 'service'],
    ['account', 'account'],
    ['tag:team', 'tag:team'],
    ['tag:service', 'tag:service'],
  ])('accepts %s', (v, expected) => {
    expect(parseSpendGroupBy(v)).toBe(expected);
  });
  it.each([['region'], ['tag:'], ['tag:owner'], ['tag:a\nb'], ['TAG:team']])('refuses %j naming the groupBy field', (v) => {
    expect(() => parseSpendGroupBy(v)).toThrow(ValidationError);
    try {
      parseSpendGroupBy(v);
    } catch (e) {
      expect((e as ValidationError).field).toBe('groupBy');
    }
  });
  it('allows the configured tags only', () => {
    expect(parseSpendGroupBy('tag:cost-center', ['cost-center'])).toBe('tag:cost-center');
    expect(() => parseSpendGroupBy('tag:team', ['cost-center'])).toThrow(/not a configured cost-allocation tag/);
  });
});

describe('Function: splitByResourceTag', () => {
  const split = { key: 'service', shares: { EC2: { web: 0.66, batch: 0.34 }, Lambda: { orders: 0.5, media: 0.3 } } };
  it('spreads a service over its tag values, the rest untagged, keeping other tags', () => {
    const out = splitByResourceTag([row('EC2', 100, { team: 'platform' }), row('Lambda', 10), row('S3', 7)], split);
    expect(out).toEqual([
      row('EC2', 66, { team: 'platform', service: 'web' }),
      row('EC2', 34, { team: 'platform', service: 'batch' }),
      row('Lambda', 5, { service: 'orders' }),
      row('Lambda', 3, { service: 'media' }),
      row('Lambda', 2),
      row('S3', 7),
    ]);
    expect(Object.fromEntries(totalsBy(out, 'tag:service', '2026-11-20', '2026-11-20'))).toEqual({ web: 66, batch: 34, orders: 5, media: 3, '(untagged)': 9 });
  });
  it('keeps every row total to the cent', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('EC2', 'Lambda', 'S3'), fc.integer({ min: -10_000, max: 1_000_000 })), { maxLength: 20 }), (rows) => {
        const records = rows.map(([s, cents]) => row(s, cents / 100));
        const out = splitByResourceTag(records, split);
        const sum = (rs: CostRecord[]) => Math.round(rs.reduce((a, r) => a + r.usd * 100, 0));
        expect(sum(out)).toBe(sum(records));
        for (const r of out) expect(Number.isInteger(Math.round(r.usd * 100))).toBe(true);
      }),
    );
  });
});

describe('Function: dailyCostByTag', () => {
  it('asks the source for its tag grouping when it has one, else reads its tagged rows', async () => {
    const plain: SpendSource = { getDailyCost: async () => [row('EC2', 1, { team: 'a' })] };
    expect(await dailyCostByTag(plain, 'team', '2026-11-20', '2026-11-20')).toEqual([row('EC2', 1, { team: 'a' })]);
    const calls: string[] = [];
    const grouped: SpendSource = { getDailyCost: async () => [], getDailyCostByTag: async (k, s, e) => (calls.push(`${k} ${s} ${e}`), [row('EC2', 2, { team: 'b' })]) };
    expect(await dailyCostByTag(grouped, 'team', '2026-11-01', '2026-11-20')).toEqual([row('EC2', 2, { team: 'b' })]);
    expect(calls).toEqual(['team 2026-11-01 2026-11-20']);
  });
});
