import { describe, expect, it } from 'vitest';
import { explainRows, explainText, type ExplainView } from './detect.js';

const point = (i: number, value: number, score: number, anomaly = false) => ({
  t: Date.UTC(2026, 10, 23, 10, 5 * i),
  time: new Date(Date.UTC(2026, 10, 23, 10, 5 * i)).toISOString(),
  value,
  expected: 0.14,
  lower: 0.13,
  upper: 0.15,
  score,
  anomaly,
});

const view: ExplainView = {
  metricKey: 'AWS/ApplicationELB TargetResponseTime LoadBalancer=app/checkout-alb/1',
  detector: 'ensemble',
  resourceArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/checkout-alb/1',
  points: [point(0, 0.14, 0.01), point(1, 0.125, 0.2), point(2, 0.229, 1, true), point(3, 0.231, 0)],
  open: { id: 'a1', time: '2026-11-23T10:10:00.000Z', direction: 'above' },
};

describe('Function: explainRows', () => {
  it('keeps the last n points and says where each value sits against its band', () => {
    const rows = explainRows(view, 3);
    expect(rows.map((r) => [r.time, r.value, r.band, r.score, r.anomaly])).toEqual([
      ['2026-11-23 10:05', '0.125', 'below', '0.200', ''],
      ['2026-11-23 10:10', '0.229', 'above', '1.000', '◆ opened'],
      ['2026-11-23 10:15', '0.231', 'above', '0.000', ''],
    ]);
    expect(rows[0]).toMatchObject({ expected: '0.14', lower: '0.13', upper: '0.15' });
  });

  it.each([
    [1, 1],
    [4, 4],
    [100, 4],
  ])('shows min(%i, points) rows', (last, n) => {
    expect(explainRows(view, last)).toHaveLength(n);
  });

  it('prints large and tiny values compactly', () => {
    const big = { ...view, points: [{ ...point(0, 56036, 0), expected: 50496.6466, lower: 0.001234, upper: 123456.7 }] };
    expect(explainRows(big, 1)[0]).toMatchObject({ value: '56036', expected: '50496.647', lower: '0.001234', upper: '1.235e+5' });
  });
});

describe('Function: explainText', () => {
  it('heads the table with the metric, the detector and the open anomaly', () => {
    const text = explainText(view, 2);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`${view.metricKey}  (detector ensemble, ${view.resourceArn})`);
    expect(lines[1]).toBe('open anomaly a1 since 2026-11-23T10:10:00.000Z (above the band)');
    expect(lines[3]).toMatch(/^TIME\s+VALUE\s+EXPECTED\s+LOWER\s+UPPER\s+SCORE\s+BAND\s+ANOMALY$/);
    expect(lines).toHaveLength(6);
    expect(explainText({ ...view, open: null }, 1).split('\n')[1]).toBe('no open anomaly');
  });
});
