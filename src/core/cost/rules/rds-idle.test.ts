import { describe, expect, it } from 'vitest';
import { dailyMetrics, rdsInstance, ruleContext } from '../fixtures.js';
import rule from './rds-idle.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const ctx = ruleContext(NOW);

describe('Function: rds-idle evaluate', () => {
  it.each([
    ['0 connections for 7 days → idle', dailyMetrics(NOW, 7, { DatabaseConnections: 0 }), 'recommendation'],
    ['1 connection on one day → in use', dailyMetrics(NOW, 7, { DatabaseConnections: (i: number) => (i === 6 ? 1 : 0) }), 'not-applicable'],
    ['6 days of data → insufficient', dailyMetrics(NOW, 6, { DatabaseConnections: 0 }), 'insufficient-data'],
    ['no data → insufficient', {}, 'insufficient-data'],
  ])('%s', (_n, m, kind) => {
    expect(rule.evaluate({ resource: rdsInstance({ id: 'db1' }), metrics: m }, ctx).kind).toBe(kind);
  });

  it('prices Multi-AZ at the Multi-AZ rate and plans a stop', () => {
    const v = rule.evaluate({ resource: rdsInstance({ id: 'db2', dbInstanceClass: 'db.m5.large', multiAZ: true }), metrics: dailyMetrics(NOW, 7, { DatabaseConnections: 0 }) }, ctx);
    expect(v.kind).toBe('recommendation');
    if (v.kind !== 'recommendation') return;
    expect(v.monthlySavingsUsd).toBeCloseTo(0.342 * 730, 2);
    expect(v.remediation?.plan[0]?.call).toBe('rds:StopDBInstance');
  });

  it('ignores stopped instances', () => {
    expect(rule.evaluate({ resource: rdsInstance({ id: 'db3', status: 'stopped' }), metrics: {} }, ctx).kind).toBe('not-applicable');
  });
});
