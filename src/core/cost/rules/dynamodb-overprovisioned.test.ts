import { describe, expect, it } from 'vitest';
import { dailyMetrics, dynamoTable, ruleContext } from '../fixtures.js';
import rule from './dynamodb-overprovisioned.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const ctx = ruleContext(NOW);
const m = (r: number, w: number, days = 14) => dailyMetrics(NOW, days, { ConsumedReadCapacityUnits: r, ConsumedWriteCapacityUnits: w });

describe('Function: dynamodb-overprovisioned evaluate', () => {
  it.each([
    ['read peak exactly 30 % → over-provisioned', m(30, 50), 'recommendation'],
    ['both above 30 % → fine', m(31, 16), 'not-applicable'],
    ['6 days → insufficient', m(1, 1, 6), 'insufficient-data'],
    ['no data → insufficient', {}, 'insufficient-data'],
  ])('%s', (_n, metrics, kind) => {
    expect(rule.evaluate({ resource: dynamoTable({ id: 't', rcu: 100, wcu: 50 }), metrics }, ctx).kind).toBe(kind);
  });

  it('sizes to the peak at 70 % utilisation and prices RCU/WCU hours', () => {
    const v = rule.evaluate({ resource: dynamoTable({ id: 't', rcu: 1000, wcu: 200 }), metrics: m(70, 14) }, ctx);
    expect(v.kind).toBe('recommendation');
    if (v.kind !== 'recommendation') return;
    // read 1000 → 100, write 200 → 20
    expect(v.monthlySavingsUsd).toBeCloseTo(Math.round(((900 * 0.00013 + 180 * 0.00065) * 730) * 100) / 100, 2);
    expect(v.remediation?.plan[0]?.params).toMatchObject({ ProvisionedThroughput: { ReadCapacityUnits: 100, WriteCapacityUnits: 20 } });
  });

  it('leaves on-demand and auto-scaled tables alone', () => {
    expect(rule.evaluate({ resource: dynamoTable({ id: 't', billingMode: 'PAY_PER_REQUEST' }), metrics: m(0, 0) }, ctx).kind).toBe('not-applicable');
    expect(rule.evaluate({ resource: dynamoTable({ id: 't', autoScaling: true }), metrics: m(0, 0) }, ctx).kind).toBe('not-applicable');
  });
});
