import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SignalSchema } from '../../events/signal.js';
import { robustWeekdayDetector, DEFAULT_SPEND_ANOMALY_OPTIONS } from './anomaly.js';
import { detectSpendAnomalies } from './detect.js';
import { DEFAULT_ACCOUNTS, DEFAULT_SERVICE_MIX, createGeneratedSpendSource, generateSpend } from './generator.js';
import { dailyBy, totalsBy } from './model.js';
import { spendAnomalySignal } from './signals.js';

const base = { seed: 's1', startDate: '2026-09-01', endDate: '2026-11-19', accounts: DEFAULT_ACCOUNTS, services: DEFAULT_SERVICE_MIX, growthPctPerMonth: 3 };
const EC2 = 'Amazon Elastic Compute Cloud - Compute';

describe('Function: generateSpend', () => {
  it('is deterministic for a seed and covers every day × service × account', () => {
    const a = generateSpend(base);
    expect(generateSpend(base)).toEqual(a);
    expect(a.length).toBe(80 * DEFAULT_SERVICE_MIX.length * DEFAULT_ACCOUNTS.length);
  });

  it('has weekly seasonality (EC2 weekends cheaper) and growth', () => {
    const ec2 = dailyBy(generateSpend(base), 'service').get(EC2)!;
    const sat = ec2.get('2026-11-14')!;
    const wed = ec2.get('2026-11-11')!;
    expect(sat).toBeLessThan(wed * 0.9);
    const sep = totalsBy(generateSpend(base), 'service', '2026-09-01', '2026-09-30').get(EC2)!;
    const oct = totalsBy(generateSpend(base), 'service', '2026-10-01', '2026-10-30').get(EC2)!;
    expect(oct).toBeGreaterThan(sep);
  });

  it('splits by account and tag', () => {
    const byTeam = totalsBy(generateSpend(base), 'tag:team', '2026-11-01', '2026-11-19');
    expect([...byTeam.keys()].sort()).toEqual(['data', 'platform']);
    expect(totalsBy(generateSpend(base), 'tag:missing', '2026-11-01', '2026-11-01').has('(untagged)')).toBe(true);
  });

  it('serves ranges through a SpendSource', async () => {
    const src = createGeneratedSpendSource({ ...base });
    const rows = await src.getDailyCost('2026-11-01', '2026-11-02');
    expect(new Set(rows.map((r) => r.date))).toEqual(new Set(['2026-11-01', '2026-11-02']));
    expect(rows).toEqual(generateSpend(base).filter((r) => r.date === '2026-11-01' || r.date === '2026-11-02'));
  });
});

describe('Function: detectSpendAnomalies', () => {
  const range = { startDate: '2026-09-01', endDate: '2026-11-19', fromDate: '2026-11-06' };

  it('finds a planted 2.5× EC2 spike and nothing else', () => {
    const records = generateSpend({ ...base, spikes: [{ service: EC2, date: '2026-11-15', factor: 2.5 }] });
    const found = detectSpendAnomalies(records, range);
    expect(found.map((g) => g.key)).toEqual([EC2]);
    expect(found[0]!.anomalies.map((a) => a.date)).toEqual(['2026-11-15']);
    expect(found[0]!.anomalies[0]!.impactPct).toBeGreaterThan(100);
  });

  // Fixed seeds keep the test deterministic; the benchmark measures the false-alarm rate at scale.
  it.each(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])('does not flag weekends or noise on a clean seasonal series (seed %s)', (seed) => {
    expect(detectSpendAnomalies(generateSpend({ ...base, seed }), range)).toEqual([]);
  });

  it('finds any large spike on any service (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: DEFAULT_SERVICE_MIX.length - 1 }), fc.integer({ min: 6, max: 19 }), fc.double({ min: 2, max: 5, noNaN: true }), (si, day, factor) => {
        const service = DEFAULT_SERVICE_MIX[si]!.service;
        const date = `2026-11-${String(day).padStart(2, '0')}`;
        const found = detectSpendAnomalies(generateSpend({ ...base, spikes: [{ service, date, factor }] }), range);
        return found.some((g) => g.key === service && g.anomalies.some((a) => a.date === date));
      }),
      { numRuns: 25 },
    );
  });

  it('reports drops only when asked', () => {
    const records = generateSpend({ ...base, spikes: [{ service: EC2, date: '2026-11-12', factor: 0.2 }] });
    expect(detectSpendAnomalies(records, range)).toEqual([]);
    expect(detectSpendAnomalies(records, { ...range, options: { includeDrops: true } })[0]?.anomalies[0]).toMatchObject({ date: '2026-11-12', direction: 'drop' });
  });

  it('judges nothing with under two weeks of history', () => {
    const series = Array.from({ length: 13 }, (_, i) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, value: i === 12 ? 1e6 : 100 }));
    expect(robustWeekdayDetector.detect(series, { ...DEFAULT_SPEND_ANOMALY_OPTIONS, fromDate: '2026-11-01' })).toEqual([]);
  });
});

describe('Function: spendAnomalySignal', () => {
  it('produces a valid cost-anomaly Signal with a stable id', () => {
    const a = { date: '2026-11-15', actualUsd: 2000, expectedUsd: 800, score: 12, direction: 'spike' as const, impactUsd: 1200, impactPct: 150 };
    const s = spendAnomalySignal(a, EC2, '111111111111', 'robust-weekday-mad');
    expect(SignalSchema.parse(s)).toMatchObject({ source: 'cost', kind: 'cost-anomaly', level: 'high', time: '2026-11-16T00:00:00.000Z' });
    expect(spendAnomalySignal(a, EC2, '111111111111', 'x').id).toBe(s.id);
    expect(s.resourceArn).toBe('arn:aws:ce::111111111111:service/amazon-elastic-compute-cloud-compute');
  });
});
