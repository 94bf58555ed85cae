import { describe, expect, it } from 'vitest';
import { ebsSnapshot, ruleContext } from '../fixtures.js';
import rule from './ebs-snapshot-old.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const ctx = ruleContext(NOW);
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

describe('Function: ebs-snapshot-old evaluate', () => {
  it.each([
    ['exactly 30 days old → within retention', 30, 'not-applicable'],
    ['31 days old → past retention', 31, 'recommendation'],
    ['1 day old → within retention', 1, 'not-applicable'],
  ])('%s', (_n, age, kind) => {
    expect(rule.evaluate({ resource: ebsSnapshot({ id: 'snap-1', startTime: daysAgo(age) }), metrics: {} }, ctx).kind).toBe(kind);
  });

  it('uses the volume size as an upper bound with low confidence', () => {
    const v = rule.evaluate({ resource: ebsSnapshot({ id: 'snap-2', startTime: daysAgo(90), volumeSize: 200 }), metrics: {} }, ctx);
    expect(v).toMatchObject({ kind: 'recommendation', monthlySavingsUsd: 10, confidence: 'low' });
  });

  it('keeps snapshots that back an AMI and honours a configured retention', () => {
    expect(rule.evaluate({ resource: ebsSnapshot({ id: 'snap-3', startTime: daysAgo(90), amiIds: ['ami-1'] }), metrics: {} }, ctx).kind).toBe('not-applicable');
    expect(rule.evaluate({ resource: ebsSnapshot({ id: 'snap-4', startTime: daysAgo(90) }), metrics: {} }, ruleContext(NOW, { rules: { 'ebs-snapshot-old': { retentionDays: 120 } } })).kind).toBe('not-applicable');
  });
});
