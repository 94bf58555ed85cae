import { describe, expect, it } from 'vitest';
import { dailyMetrics, ebsVolume, ruleContext } from '../fixtures.js';
import rule from './ebs-underused.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const ctx = ruleContext(NOW);
const ops = (perDay: number, days = 7) => dailyMetrics(NOW, days, { VolumeReadOps: perDay / 2, VolumeWriteOps: perDay / 2 });

describe('Function: ebs-underused evaluate', () => {
  it('recommends deleting an unattached volume with its full monthly cost', () => {
    const v = rule.evaluate({ resource: ebsVolume({ id: 'vol-1', volumeType: 'gp3', size: 500, iops: 4000 }), metrics: {} }, ctx);
    expect(v.kind).toBe('recommendation');
    if (v.kind !== 'recommendation') return;
    expect(v.monthlySavingsUsd).toBeCloseTo(500 * 0.08 + 1000 * 0.005, 2);
    expect(v.savings.prices.map((p) => p.key)).toEqual(['ebs.volume/gp3', 'ebs.iops/gp3']);
    expect(v.remediation?.plan.map((c) => c.call)).toEqual(['ec2:CreateSnapshot', 'ec2:DeleteVolume']);
  });

  it.each([
    ['just under 1 IOPS a day → underused', ops(86_399), 'recommendation'],
    ['exactly 1 IOPS on every day → used', ops(86_400), 'not-applicable'],
    ['6 days of ops → insufficient', ops(0, 6), 'insufficient-data'],
    ['no ops data → insufficient', {}, 'insufficient-data'],
  ])('attached volume: %s', (_n, m, kind) => {
    expect(rule.evaluate({ resource: ebsVolume({ id: 'vol-2', attachedTo: ['i-1'] }), metrics: m }, ctx).kind).toBe(kind);
  });

  it('gives a volume younger than the window no verdict', () => {
    expect(rule.evaluate({ resource: ebsVolume({ id: 'vol-3', createTime: '2026-11-14T00:00:00Z' }), metrics: {} }, ctx).kind).toBe('insufficient-data');
  });

  it('keeps attached volumes manual', () => {
    expect(rule.evaluate({ resource: ebsVolume({ id: 'vol-4', attachedTo: ['i-1'] }), metrics: ops(0) }, ctx)).toMatchObject({ kind: 'recommendation', automatable: false });
  });
});
