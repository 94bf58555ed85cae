import { describe, expect, it } from 'vitest';
import { ruleContext, elasticIp } from '../fixtures.js';
import eip from '../rules/eip-unassociated.js';
import type { Recommendation } from '../rule.js';
import type { CostRecord } from '../spend/model.js';
import { buildDailyReport } from './build.js';
import { renderHtml, renderMarkdown, renderSlack } from './render.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const rows = (from: number, to: number, service: string, usd: number): CostRecord[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ date: `2026-11-${String(from + i).padStart(2, '0')}`, service, account: '111111111111', tags: {}, usd }));
const records = [...rows(6, 12, 'EC2', 100), ...rows(13, 19, 'EC2', 150), ...rows(6, 19, 'S3', 10), ...rows(13, 19, 'New <Svc>', 5)];
const rec = eip.evaluate({ resource: elasticIp({ id: 'eipalloc-1' }), metrics: {} }, ruleContext(NOW)) as Recommendation;

const report = buildDailyReport({
  now: NOW,
  periodDays: 7,
  records,
  anomalies: [{ service: 'EC2', anomaly: { date: '2026-11-19', actualUsd: 150, expectedUsd: 100, score: 9, direction: 'spike', impactUsd: 50, impactPct: 50 } }],
  recommendations: [{ id: 'r1', recommendation: rec }],
  prices: { region: 'us-east-1', asOf: '2026-11-23', source: 'test' },
});

describe('Function: buildDailyReport', () => {
  it('compares the last 7 complete days with the 7 before', () => {
    expect(report.period).toEqual({ start: '2026-11-13', end: '2026-11-19' });
    expect(report.previousPeriod).toEqual({ start: '2026-11-06', end: '2026-11-12' });
    expect(report.spend).toMatchObject({ currentUsd: 7 * 165, previousUsd: 7 * 110, changeUsd: 7 * 55, changePct: 50 });
    expect(report.spend.daily).toHaveLength(7);
  });

  it('ranks top drivers by growth and marks new services', () => {
    expect(report.topDrivers.map((l) => l.key)).toEqual(['EC2', 'New <Svc>']);
    expect(report.topDrivers[1]!.changePct).toBeNull();
  });

  it('lists recommendations with money and the total', () => {
    expect(report.recommendations).toMatchObject({ count: 1, totalMonthlySavingsUsd: 3.65 });
    expect(report.id).toBe('cost-daily-2026-11-20');
  });
});

describe('Function: renderers', () => {
  it('renders Markdown with every section', () => {
    const md = renderMarkdown(report);
    for (const s of ['## Top cost drivers', '## Spend anomalies', '## Top recommendations', '$1,155.00', '$3.65']) expect(md).toContain(s);
  });

  it('escapes HTML', () => {
    const html = renderHtml(report);
    expect(html).toContain('New &lt;Svc&gt;');
    expect(html).not.toContain('<Svc>');
  });

  it('builds a Slack Block Kit payload', () => {
    const slack = renderSlack(report, 'http://127.0.0.1:3000/cost');
    expect(slack.blocks[0]).toMatchObject({ type: 'header' });
    expect(JSON.stringify(slack.blocks)).toContain(':warning: 2026-11-19 EC2');
    expect(slack.blocks.at(-1)).toMatchObject({ type: 'actions' });
  });
});
