import { describe, expect, it } from 'vitest';
import { CliError } from '../output.js';
import { parseReportFormat, recommendationQuery, recommendationRows, spendQuery, spendRows } from './cost.js';

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

describe('Function: spendQuery', () => {
  it.each([
    [{}, ''],
    [{ days: '14' }, '?days=14'],
    [{ days: '7', groupBy: 'tag:team' }, '?days=7&groupBy=tag%3Ateam'],
  ])('%j → %s', (o, q) => {
    expect(spendQuery(o)).toBe(q);
  });
});

describe('Function: spendRows', () => {
  it('totals each group over the window with its share, the last day and its anomalous days', () => {
    const rows = spendRows({
      from: '2026-11-21',
      to: '2026-11-22',
      groupBy: 'tag:team',
      dates: ['2026-11-21', '2026-11-22'],
      series: [
        { key: 'platform', usd: [100, 200] },
        { key: '(untagged)', usd: [50, 50] },
      ],
      anomalies: [{ key: 'platform', date: '2026-11-22' }],
    });
    expect(rows).toEqual([
      { group: 'platform', total: '$300.00', share: '75.0%', '2026-11-22': '$200.00', anomalies: '2026-11-22' },
      { group: '(untagged)', total: '$100.00', share: '25.0%', '2026-11-22': '$50.00', anomalies: '' },
    ]);
  });
  it('shows no share when nothing was spent', () => {
    expect(spendRows({ from: 'a', to: 'b', groupBy: 'service', dates: ['b'], series: [{ key: 'S3', usd: [0] }], anomalies: [] })[0]!.share).toBe('-');
  });
});
