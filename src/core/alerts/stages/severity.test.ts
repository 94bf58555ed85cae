import { describe, expect, it } from 'vitest';
import type { Signal } from '../../events/signal.js';
import { assignSeverity, DEFAULT_SEVERITY_RULES, DEFAULT_THRESHOLDS, levelOf } from './severity.js';

const s = (over: Partial<Signal>): Signal => ({ id: 'x', sourceId: 'x', source: 'cloudwatch-alarm', kind: 'metric-alarm', resourceArn: 'arn:x', state: 'firing', title: 't', labels: {}, time: '2026-11-23T14:00:00.000Z', ...over });

describe('Function: levelOf', () => {
  it.each([
    ['AWS/EC2 CPUUtilization', 95, 'critical'],
    ['AWS/EC2 CPUUtilization', 75, 'warning'],
    ['AWS/EC2 CPUUtilization', 40, 'low'],
    ['AWS/SQS ApproximateAgeOfOldestMessage', 901, 'critical'],
    ['AWS/SQS ApproximateAgeOfOldestMessage', 300, 'warning'],
    ['AWS/DynamoDB ThrottledRequests', 10, 'critical'],
    ['AWS/ApplicationELB HTTPCode_Target_5XX_Count', 12, 'warning'],
    ['AWS/Lambda ErrorRate', 5, 'critical'],
  ])('reads the seed threshold table: %s = %d → %s', (metric, value, level) => {
    expect(levelOf(s({ metric, value }), DEFAULT_THRESHOLDS)).toBe(level);
  });
  it('prefers the level the source states, and treats an unknown alarm as a warning', () => {
    expect(levelOf(s({ metric: 'AWS/EC2 CPUUtilization', value: 95, level: 'warning' }), DEFAULT_THRESHOLDS)).toBe('warning');
    expect(levelOf(s({ metric: 'Custom Thing' }), DEFAULT_THRESHOLDS)).toBe('warning');
    expect(levelOf(s({ kind: 'generic' }), DEFAULT_THRESHOLDS)).toBeUndefined();
  });
});

describe('Function: assignSeverity', () => {
  it.each([
    [{ level: 'critical' }, 'prod', true, 'SEV-1'],
    [{ level: 'critical' }, 'prod', false, 'SEV-2'],
    [{ level: 'critical' }, 'dev', true, 'SEV-3'],
    [{ level: 'warning' }, 'prod', true, 'SEV-3'],
    [{ level: 'warning' }, 'dev', false, 'SEV-4'],
    [{ level: 'critical', kind: 'security-finding', source: 'guardduty' }, 'dev', false, 'SEV-1'],
    [{ level: 'high', kind: 'security-finding', source: 'guardduty' }, 'dev', false, 'SEV-2'],
    [{ level: 'medium', kind: 'security-finding', source: 'guardduty' }, 'prod', false, 'SEV-3'],
    [{ level: 'low', kind: 'security-finding', source: 'guardduty' }, 'prod', false, 'SEV-4'],
    [{ level: 'warning', severity: 'SEV-1' }, 'dev', false, 'SEV-1'],
  ] as const)('%j in %s (customer-facing %s) → %s', (over, environment, customerFacing, expected) => {
    expect(assignSeverity(s(over as Partial<Signal>), { environment, customerFacing }, DEFAULT_SEVERITY_RULES, DEFAULT_THRESHOLDS).severity).toBe(expected);
  });
  it('fails closed to SEV-4 with a named rule when no rule matches', () => {
    expect(assignSeverity(s({ level: 'info' }), { environment: 'prod', customerFacing: false }, [], [])).toMatchObject({ severity: 'SEV-4', rule: 'no-rule-matched' });
  });
});
