import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ebsVolume, ruleContext } from '../fixtures.js';
import rule from './ebs-gp2-to-gp3.js';

const ctx = ruleContext(Date.parse('2026-11-20T03:00:00Z'));

describe('Function: ebs-gp2-to-gp3 evaluate', () => {
  it.each([
    // gp2 at ≤ 170 GB delivers up to 128 MiB/s, so gp3 gets 3 MiB/s above its free 125
    [100, 10 - (8 + 3 * 0.04)],
    // 3,000 IOPS are free on gp3; gp2's 250 MiB/s costs 125 extra MiB/s
    [1000, 100 - (80 + 125 * 0.04)],
    // 3 IOPS/GB x 5334 GB = 16,002 → capped 16,000: 13,000 extra gp3 IOPS and 125 MiB/s extra throughput
    [5334, 533.4 - (426.72 + 13000 * 0.005 + 125 * 0.04)],
  ])('saves the gp2 − gp3 difference at equal performance for %i GB', (size, savings) => {
    const v = rule.evaluate({ resource: ebsVolume({ id: 'vol', volumeType: 'gp2', size }), metrics: {} }, ctx);
    expect(v.kind).toBe('recommendation');
    if (v.kind === 'recommendation') expect(v.monthlySavingsUsd).toBeCloseTo(savings, 2);
  });

  it('ignores non-gp2 volumes', () => {
    expect(rule.evaluate({ resource: ebsVolume({ id: 'vol', volumeType: 'gp3' }), metrics: {} }, ctx).kind).toBe('not-applicable');
  });

  it('never proposes lower IOPS or throughput than gp2 delivered, and always saves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16384 }), (size) => {
        const v = rule.evaluate({ resource: ebsVolume({ id: 'vol', volumeType: 'gp2', size }), metrics: {} }, ctx);
        if (v.kind !== 'recommendation') return v.kind === 'not-applicable';
        const e = v.evidence as { gp2Iops: number; gp3Iops: number; gp2ThroughputMiBps: number; gp3ThroughputMiBps: number };
        return e.gp3Iops >= e.gp2Iops && e.gp3ThroughputMiBps >= e.gp2ThroughputMiBps && v.monthlySavingsUsd >= 0;
      }),
    );
  });
});
