import { describe, expect, it } from 'vitest';
import { dailyMetrics, loadBalancer, ruleContext } from '../fixtures.js';
import rule from './elb-idle.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const ctx = ruleContext(NOW);

describe('Function: elb-idle evaluate', () => {
  it.each([
    ['99 requests/day for 7 days → idle', { healthy: [2], m: dailyMetrics(NOW, 7, { RequestCount: 99 }) }, 'recommendation'],
    ['exactly 100 requests on one day → busy', { healthy: [2], m: dailyMetrics(NOW, 7, { RequestCount: (i: number) => (i === 3 ? 100 : 0) }) }, 'not-applicable'],
    ['6 days of data → insufficient', { healthy: [2], m: dailyMetrics(NOW, 6, { RequestCount: 0 }) }, 'insufficient-data'],
    ['no data → insufficient', { healthy: [2], m: {} }, 'insufficient-data'],
    ['no healthy targets, even with traffic → idle', { healthy: [0, 0], m: dailyMetrics(NOW, 7, { RequestCount: 1e6 }) }, 'recommendation'],
    ['no healthy targets without metrics → idle', { healthy: [0], m: {} }, 'recommendation'],
  ])('%s', (_n, c, kind) => {
    expect(rule.evaluate({ resource: loadBalancer({ id: 'web', healthyTargets: c.healthy }), metrics: c.m }, ctx).kind).toBe(kind);
  });

  it('uses NewFlowCount for network load balancers and prices the hourly charge', () => {
    const v = rule.evaluate({ resource: loadBalancer({ id: 'nlb', lbType: 'network' }), metrics: dailyMetrics(NOW, 7, { NewFlowCount: 5 }) }, ctx);
    expect(v).toMatchObject({ kind: 'recommendation', automatable: false });
    if (v.kind === 'recommendation') expect(v.monthlySavingsUsd).toBeCloseTo(0.0225 * 730, 2);
  });

  it('gives a young load balancer no verdict', () => {
    const v = rule.evaluate({ resource: loadBalancer({ id: 'new', createdTime: '2026-11-15T00:00:00Z', healthyTargets: [0] }), metrics: {} }, ctx);
    expect(v.kind).toBe('insufficient-data');
  });
});
