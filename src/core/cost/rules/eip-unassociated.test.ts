import { describe, expect, it } from 'vitest';
import { elasticIp, ruleContext } from '../fixtures.js';
import rule from './eip-unassociated.js';

const ctx = ruleContext(Date.parse('2026-11-20T03:00:00Z'));

describe('Function: eip-unassociated evaluate', () => {
  it('recommends releasing an unassociated address at the public IPv4 hourly rate', () => {
    const v = rule.evaluate({ resource: elasticIp({ id: 'eipalloc-1', tags: { environment: 'dev' } }), metrics: {} }, ctx);
    expect(v).toMatchObject({ kind: 'recommendation', monthlySavingsUsd: 3.65, automatable: true });
    if (v.kind === 'recommendation') expect(v.remediation).toMatchObject({ runbookId: 'AIOps-ReleaseElasticIp', reversible: false, approval: 'always' });
  });

  it('leaves associated addresses alone', () => {
    expect(rule.evaluate({ resource: elasticIp({ id: 'eipalloc-2', associationId: 'eipassoc-1' }), metrics: {} }, ctx).kind).toBe('not-applicable');
  });

  it('fails with a named field on malformed state', () => {
    expect(() => rule.evaluate({ resource: { ...elasticIp({ id: 'x' }), state: {} }, metrics: {} }, ctx)).toThrow(/state\.allocationId/);
  });
});
