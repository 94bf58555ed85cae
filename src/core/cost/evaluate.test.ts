import { describe, expect, it } from 'vitest';
import { parseCostConfig } from './config.js';
import { evaluateResource, maxLookbackDays, metricsNeeded } from './evaluate.js';
import { EBS_TYPE, EC2_TYPE } from './inputs.js';
import { ebsVolume, ruleContext } from './fixtures.js';

describe('Function: evaluateResource', () => {
  it('runs every rule of the resource type and drops recommendations below the minimum', () => {
    const vol = ebsVolume({ id: 'vol-1', volumeType: 'gp2', size: 100, createTime: '2026-01-01T00:00:00Z' });
    const all = evaluateResource({ resource: vol, metrics: {} }, ruleContext(Date.parse('2026-11-20T03:00:00Z')));
    expect(all.map((v) => [v.ruleId, v.verdict.kind])).toEqual([
      ['ebs-underused', 'recommendation'],
      ['ebs-gp2-to-gp3', 'recommendation'],
    ]);
    const strict = evaluateResource({ resource: vol, metrics: {} }, ruleContext(Date.parse('2026-11-20T03:00:00Z'), { minMonthlySavingsUsd: 5 }));
    expect(strict.map((v) => v.verdict.kind)).toEqual(['recommendation', 'not-applicable']);
  });
});

describe('Function: metricsNeeded / maxLookbackDays', () => {
  it('lists each metric once per type and follows configured lookbacks', () => {
    expect(metricsNeeded(EC2_TYPE).map((m) => m.name)).toEqual(['CPUUtilization', 'NetworkIn', 'NetworkOut']);
    expect(metricsNeeded(EBS_TYPE).map((m) => m.name)).toEqual(['VolumeReadOps', 'VolumeWriteOps']);
    expect(maxLookbackDays(parseCostConfig({}))).toBe(14);
    expect(maxLookbackDays(parseCostConfig({ rules: { 'rds-idle': { lookbackDays: 30 } } }))).toBe(30);
  });

  it('rejects bad configuration naming the field', () => {
    expect(() => parseCostConfig({ rules: { 'elb-idle': { lookbackDays: -1 } } })).toThrow(/costConfig\.rules\.elb-idle\.lookbackDays/);
  });
});
