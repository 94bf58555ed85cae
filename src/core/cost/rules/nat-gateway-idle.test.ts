import { describe, expect, it } from 'vitest';
import { dailyMetrics, natGateway, ruleContext } from '../fixtures.js';
import rule from './nat-gateway-idle.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const ctx = ruleContext(NOW);

describe('Function: nat-gateway-idle evaluate', () => {
  it.each([
    ['zero bytes for 7 days → idle', dailyMetrics(NOW, 7, { BytesOutToDestination: 0, BytesInFromDestination: 0 }), 'recommendation'],
    ['one byte on one day → used', dailyMetrics(NOW, 7, { BytesOutToDestination: (i: number) => (i === 0 ? 1 : 0), BytesInFromDestination: 0 }), 'not-applicable'],
    ['6 days → insufficient', dailyMetrics(NOW, 6, { BytesOutToDestination: 0, BytesInFromDestination: 0 }), 'insufficient-data'],
    ['no data → insufficient', {}, 'insufficient-data'],
  ])('%s', (_n, m, kind) => {
    expect(rule.evaluate({ resource: natGateway({ id: 'nat-1' }), metrics: m }, ctx).kind).toBe(kind);
  });

  it('saves the hourly charge and stays manual', () => {
    const v = rule.evaluate({ resource: natGateway({ id: 'nat-1' }), metrics: dailyMetrics(NOW, 7, { BytesOutToDestination: 0, BytesInFromDestination: 0 }) }, ctx);
    expect(v).toMatchObject({ kind: 'recommendation', monthlySavingsUsd: 32.85, automatable: false });
  });
});
