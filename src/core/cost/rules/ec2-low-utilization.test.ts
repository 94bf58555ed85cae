import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dailyMetrics, ec2Instance, ruleContext } from '../fixtures.js';
import rule from './ec2-low-utilization.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const MB5 = 5 * 1024 * 1024;
const ctx = ruleContext(NOW);

/** `lowDays` quiet days at the start of the window, busy afterwards. */
const metrics = (lowDays: number, days = 14, low = { cpu: 2, net: 1000 }) =>
  dailyMetrics(NOW, days, {
    CPUUtilization: (i) => (i < lowDays ? low.cpu : 60),
    NetworkIn: (i) => (i < lowDays ? low.net / 2 : 5e9),
    NetworkOut: (i) => (i < lowDays ? low.net / 2 : 5e9),
  });

describe('Function: ec2-low-utilization evaluate', () => {
  it.each([
    ['4 low days (threshold) → recommendation', metrics(4), 'recommendation'],
    ['3 low days → not applicable', metrics(3), 'not-applicable'],
    ['CPU exactly 10 % and network exactly 5 MB count as low', metrics(14, 14, { cpu: 10, net: MB5 }), 'recommendation'],
    ['CPU just above 10 % is not low', metrics(14, 14, { cpu: 10.01, net: 0 }), 'not-applicable'],
    ['network one byte above 5 MB is not low', metrics(14, 14, { cpu: 1, net: MB5 + 2 }), 'not-applicable'],
    ['13 days of history → insufficient data', metrics(13, 13), 'insufficient-data'],
    ['no metrics → insufficient data', {}, 'insufficient-data'],
    [
      'in and out each under 5 MB but together above it is not low (Trusted Advisor sums network I/O)',
      dailyMetrics(NOW, 14, { CPUUtilization: () => 1, NetworkIn: () => 3 * 1024 * 1024, NetworkOut: () => 3 * 1024 * 1024 }),
      'not-applicable',
    ],
    ['NetworkIn without NetworkOut → insufficient data, never a guess', dailyMetrics(NOW, 14, { CPUUtilization: () => 1, NetworkIn: () => 0 }), 'insufficient-data'],
  ])('%s', (_name, m, kind) => {
    expect(rule.evaluate({ resource: ec2Instance({ id: 'i-1', tags: { environment: 'dev' } }), metrics: m }, ctx).kind).toBe(kind);
  });

  it('prices the idle instance from the snapshot and plans a stop for non-production', () => {
    const v = rule.evaluate({ resource: ec2Instance({ id: 'i-1', instanceType: 'm5.large', tags: { environment: 'dev' } }), metrics: metrics(14) }, ctx);
    expect(v.kind).toBe('recommendation');
    if (v.kind !== 'recommendation') return;
    expect(v.monthlySavingsUsd).toBeCloseTo(0.096 * 730, 2);
    expect(v.savings.prices.map((p) => p.key)).toEqual(['ec2.instance/m5.large']);
    expect(v.confidence).toBe('high');
    expect(v.remediation?.runbookId).toBe('AIOps-StopIdleInstance');
    expect(v.remediation?.plan[0]).toMatchObject({ call: 'ec2:StopInstances', target: 'i-1' });
  });

  it('keeps production instances manual', () => {
    const v = rule.evaluate({ resource: ec2Instance({ id: 'i-2', tags: { Environment: 'prod' } }), metrics: metrics(14) }, ctx);
    expect(v).toMatchObject({ kind: 'recommendation', automatable: false });
    expect(v.kind === 'recommendation' && v.remediation).toBeFalsy();
  });

  it('ignores stopped instances and unknown instance types', () => {
    expect(rule.evaluate({ resource: ec2Instance({ id: 'i-3', state: 'stopped' }), metrics: metrics(14) }, ctx).kind).toBe('not-applicable');
    expect(rule.evaluate({ resource: ec2Instance({ id: 'i-4', instanceType: 'x9.huge' }), metrics: metrics(14) }, ctx)).toMatchObject({ kind: 'insufficient-data', missing: ['ec2.instance/x9.huge'] });
  });

  it('honours configured thresholds', () => {
    const strict = ruleContext(NOW, { rules: { 'ec2-low-utilization': { minLowDays: 10 } } });
    expect(rule.evaluate({ resource: ec2Instance({ id: 'i-5' }), metrics: metrics(9) }, strict).kind).toBe('not-applicable');
  });
});

describe('Property: ec2-low-utilization', () => {
  it('recommends exactly when at least 4 of 14 days are low on both CPU and network', () => {
    const day = fc.record({ cpu: fc.double({ min: 0, max: 30, noNaN: true }), net: fc.integer({ min: 0, max: 2 * MB5 }) });
    fc.assert(
      fc.property(fc.array(day, { minLength: 14, maxLength: 14 }), (days) => {
        const m = dailyMetrics(NOW, 14, { CPUUtilization: (i) => days[i]!.cpu, NetworkIn: (i) => days[i]!.net / 2, NetworkOut: (i) => days[i]!.net / 2 });
        const low = days.filter((d) => d.cpu <= 10 && d.net / 2 + d.net / 2 <= MB5).length;
        const v = rule.evaluate({ resource: ec2Instance({ id: 'i-p' }), metrics: m }, ctx);
        return (v.kind === 'recommendation') === (low >= 4) && (v.kind !== 'recommendation' || v.monthlySavingsUsd > 0);
      }),
    );
  });
});
