import { describe, expect, it } from 'vitest';
import { dailyMetrics, lambdaFunction, ruleContext } from '../fixtures.js';
import rule from './lambda-oversized-memory.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const ctx = ruleContext(NOW);
const m = (maxMb: number, days = 14, invocations = 100_000) => dailyMetrics(NOW, days, { Invocations: invocations, Duration: 200, used_memory_max: maxMb });

describe('Function: lambda-oversized-memory evaluate', () => {
  it.each([
    ['peak exactly 50 % of configured → oversized', m(512), 'recommendation'],
    ['peak just above 50 % → fine', m(513), 'not-applicable'],
    ['6 days with invocations → insufficient', m(100, 6), 'insufficient-data'],
    ['no invocations at all → insufficient', m(100, 14, 0), 'insufficient-data'],
    ['no data → insufficient', {}, 'insufficient-data'],
  ])('%s', (_n, metrics, kind) => {
    expect(rule.evaluate({ resource: lambdaFunction({ id: 'fn', memorySize: 1024 }), metrics }, ctx).kind).toBe(kind);
  });

  it('recommends peak + 30 % headroom rounded up to 64 MB and prices the GB-seconds saved', () => {
    const v = rule.evaluate({ resource: lambdaFunction({ id: 'fn', memorySize: 2048 }), metrics: m(200) }, ctx);
    expect(v.kind).toBe('recommendation');
    if (v.kind !== 'recommendation') return;
    expect(v.evidence['recommendedMb']).toBe(320);
    const monthlyInv = 100_000 * (730 / 24);
    expect(v.monthlySavingsUsd).toBeCloseTo(Math.round(((2048 - 320) / 1024) * 0.2 * monthlyInv * 0.0000166667 * 100) / 100, 1);
    expect(v.remediation?.plan[0]).toMatchObject({ call: 'lambda:UpdateFunctionConfiguration', params: { MemorySize: 320 } });
  });

  it('never recommends below 128 MB and skips functions already at the minimum', () => {
    const v = rule.evaluate({ resource: lambdaFunction({ id: 'fn', memorySize: 512 }), metrics: m(20) }, ctx);
    expect(v.kind === 'recommendation' && v.evidence['recommendedMb']).toBe(128);
    expect(rule.evaluate({ resource: lambdaFunction({ id: 'fn', memorySize: 128 }), metrics: m(20) }, ctx).kind).toBe('not-applicable');
  });
});
