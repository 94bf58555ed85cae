import { describe, expect, it } from 'vitest';
import { evaluateResource } from './evaluate.js';
import { ruleContext } from './fixtures.js';
import { sandboxWaste } from './sandboxWaste.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');

describe('Function: sandboxWaste', () => {
  it.each(sandboxWaste(NOW).map((w) => [w.ruleId, w] as const))('%s is found with the expected savings and nothing else', (_id, w) => {
    const verdicts = evaluateResource({ resource: w.resource, metrics: w.metrics }, ruleContext(NOW));
    const recs = verdicts.filter((v) => v.verdict.kind === 'recommendation');
    expect(recs.map((v) => v.ruleId)).toEqual([w.ruleId]);
    expect(recs[0]!.verdict).toMatchObject({ monthlySavingsUsd: w.expectedMonthlySavingsUsd, automatable: true });
  });
});
