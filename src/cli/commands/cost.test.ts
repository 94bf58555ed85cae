import { describe, expect, it } from 'vitest';
import { CliError } from '../output.js';
import { parseReportFormat, recommendationQuery, recommendationRows } from './cost.js';

describe('Function: recommendationRows', () => {
  it('shows the ARN tail, dollars per month and the runbook or manual', () => {
    const base = { id: 'rec-1', status: 'open', ruleId: 'eip-unassociated', resourceArn: 'arn:aws:ec2:us-east-1:1:elastic-ip/eipalloc-1', monthlySavingsUsd: 3.65 };
    expect(recommendationRows([{ ...base, recommendation: { confidence: 'high', automatable: true, recommendedAction: 'x', remediation: { runbookId: 'AIOps-ReleaseElasticIp' } } }])).toEqual([
      { id: 'rec-1', status: 'open', rule: 'eip-unassociated', resource: 'eipalloc-1', savings: '$3.65/mo', confidence: 'high', runbook: 'AIOps-ReleaseElasticIp' },
    ]);
    expect(recommendationRows([{ ...base, recommendation: { confidence: 'low', automatable: false, recommendedAction: 'x' } }])[0]?.runbook).toBe('manual');
  });
});

describe('Function: recommendationQuery', () => {
  it.each([
    [{}, ''],
    [{ status: 'open' }, '?status=open'],
    [{ rule: 'ebs-gp2-to-gp3', minSavings: '10' }, '?ruleId=ebs-gp2-to-gp3&minSavingsUsd=10'],
    [{ type: 'AWS::EC2::Volume', limit: '5' }, '?resourceType=AWS%3A%3AEC2%3A%3AVolume&limit=5'],
  ])('%j → %s', (o, q) => {
    expect(recommendationQuery(o)).toBe(q);
  });
});

describe('Function: parseReportFormat', () => {
  it.each([
    [undefined, 'markdown'],
    ['json', 'json'],
    ['html', 'html'],
  ])('%s → %s', (v, f) => {
    expect(parseReportFormat(v)).toBe(f);
  });
  it('rejects an unknown format with the invalid-input exit code', () => {
    expect(() => parseReportFormat('pdf')).toThrow(CliError);
    try {
      parseReportFormat('pdf');
    } catch (e) {
      expect((e as CliError).exitCode).toBe(2);
    }
  });
});
