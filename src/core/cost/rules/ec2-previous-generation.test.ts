import { describe, expect, it } from 'vitest';
import { ec2Instance, ruleContext } from '../fixtures.js';
import rule from './ec2-previous-generation.js';

const ctx = ruleContext(Date.parse('2026-11-20T03:00:00Z'));

describe('Function: ec2-previous-generation evaluate', () => {
  it.each([
    ['m4.large', 'm5.large', (0.1 - 0.096) * 730],
    ['c4.xlarge', 'c5.xlarge', (0.199 - 0.17) * 730],
    ['r4.2xlarge', 'r5.2xlarge', (0.532 - 0.504) * 730],
    ['t2.medium', 't3.medium', (0.0464 - 0.0416) * 730],
  ])('moves %s to %s', (from, to, savings) => {
    const v = rule.evaluate({ resource: ec2Instance({ id: 'i-1', instanceType: from }), metrics: {} }, ctx);
    expect(v).toMatchObject({ kind: 'recommendation', evidence: { from, to } });
    if (v.kind === 'recommendation') expect(v.monthlySavingsUsd).toBeCloseTo(savings, 1);
  });

  it.each(['m5.large', 'm7g.large', 'c6i.xlarge'])('leaves current generation %s alone', (t) => {
    expect(rule.evaluate({ resource: ec2Instance({ id: 'i-1', instanceType: t }), metrics: {} }, ctx).kind).toBe('not-applicable');
  });

  it('answers insufficient data when a size has no price', () => {
    expect(rule.evaluate({ resource: ec2Instance({ id: 'i-1', instanceType: 'm4.16xlarge' }), metrics: {} }, ctx).kind).toBe('insufficient-data');
  });

  it('plans the stop/modify/start outside production and leaves production instances manual', () => {
    const dev = rule.evaluate({ resource: ec2Instance({ id: 'i-1', instanceType: 'm4.xlarge', tags: { environment: 'dev' } }), metrics: {} }, ctx);
    expect(dev).toMatchObject({ automatable: true, remediation: { runbookId: 'AIOps-ChangeInstanceType', reversible: true, approval: 'always' } });
    if (dev.kind === 'recommendation') expect(dev.remediation!.plan.map((c) => c.call)).toEqual(['ec2:StopInstances', 'ec2:ModifyInstanceAttribute', 'ec2:StartInstances']);
    const prod = rule.evaluate({ resource: ec2Instance({ id: 'i-1', instanceType: 'm4.xlarge', tags: { environment: 'production' } }), metrics: {} }, ctx);
    expect(prod).toMatchObject({ kind: 'recommendation', automatable: false });
    if (prod.kind === 'recommendation') expect(prod.remediation).toBeUndefined();
  });
});
