import { describe, expect, it } from 'vitest';
import { DEFAULT_COST_CONFIG } from '../config.js';
import { bundledPriceSource, BUNDLED_PRICE_SNAPSHOT } from './snapshot.js';
import { createStaticPriceSource, priceKey } from './table.js';

describe('Function: bundledPriceSource', () => {
  const prices = bundledPriceSource();

  it('states its region, date and source', () => {
    expect(prices.region).toBe('us-east-1');
    expect(prices.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(prices.source).toMatch(/aws\.amazon\.com/);
    expect(prices.hoursPerMonth).toBe(730);
  });

  it.each([
    ...['m4', 'c4', 'r4', 't2', 'm5', 'm6i', 'm7g', 'c5', 'c6i', 'r5', 't3'].map((f) => priceKey.ec2Instance(`${f}.large`)),
    ...['gp2', 'gp3', 'io1', 'st1', 'sc1'].map(priceKey.ebsVolume),
    priceKey.ebsIops('gp3'), priceKey.ebsThroughput('gp3'), priceKey.ebsSnapshot('standard'), priceKey.publicIpv4Idle(),
    priceKey.elbHour('application'), priceKey.elbLcu('application'), priceKey.elbHour('network'), priceKey.elbLcu('network'),
    priceKey.rdsInstance('db.m5.large', false), priceKey.rdsInstance('db.m5.large', true),
    priceKey.lambdaGbSecond('x86_64'), priceKey.lambdaRequests(), priceKey.dynamoRcuHour(), priceKey.dynamoWcuHour(), priceKey.natHour(), priceKey.natGb(),
  ])('has a price for %s', (key) => {
    expect(prices.getPrice(key)?.usd).toBeGreaterThan(0);
  });

  it('prices every successor of every previous-generation size it prices', () => {
    const succ = DEFAULT_COST_CONFIG.rules['ec2-previous-generation'].successors;
    const snapshot = BUNDLED_PRICE_SNAPSHOT as { prices: { key: string }[] };
    for (const { key } of snapshot.prices.filter((p) => p.key.startsWith('ec2.instance/'))) {
      const [family, size] = key.slice('ec2.instance/'.length).split('.');
      const to = succ[family!];
      if (to) expect(prices.getPrice(priceKey.ec2Instance(`${to}.${size}`)), `${key} → ${to}.${size}`).toBeDefined();
    }
  });

  it('marks every uncertain figure with a note', () => {
    const snapshot = BUNDLED_PRICE_SNAPSHOT as { prices: { approximate?: boolean; note?: string }[] };
    for (const p of snapshot.prices.filter((x) => x.approximate)) expect(p.note).toBeTruthy();
  });

  it('lets overrides replace entries', () => {
    expect(bundledPriceSource([{ key: 'ec2.instance/m5.large', usd: 0.05, unit: 'hour' }]).getPrice('ec2.instance/m5.large')?.usd).toBe(0.05);
  });

  it('rejects a snapshot without a source, naming the field', () => {
    expect(() => createStaticPriceSource({ ...(BUNDLED_PRICE_SNAPSHOT as object), source: '' })).toThrow(/priceSnapshot\.source/);
  });
});
