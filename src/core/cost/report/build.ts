import { utcDate } from '../inputs.js';
import { totalMonthlySavings, type Confidence, type Recommendation } from '../rule.js';
import type { SpendAnomaly } from '../spend/anomaly.js';
import type { CostRecord } from '../spend/model.js';
import { addDays, dateRange, totalsBy } from '../spend/model.js';

export interface SpendLine {
  key: string;
  currentUsd: number;
  previousUsd: number;
  changeUsd: number;
  /** `null` when the previous period had no spend. */
  changePct: number | null;
}

export interface ReportRecommendation {
  id: string;
  ruleId: string;
  resourceArn: string;
  title: string;
  monthlySavingsUsd: number;
  confidence: Confidence;
  recommendedAction: string;
  automatable: boolean;
  approximate: boolean;
}

export interface CostReport {
  id: string;
  kind: 'cost-daily';
  /** The UTC day the report is for (it covers the complete days before it). */
  date: string;
  createdAt: string;
  period: { start: string; end: string };
  previousPeriod: { start: string; end: string };
  spend: { currentUsd: number; previousUsd: number; changeUsd: number; changePct: number | null; daily: { date: string; usd: number }[] };
  byService: SpendLine[];
  byAccount: SpendLine[];
  /** Services whose spend grew most against the previous period. */
  topDrivers: SpendLine[];
  anomalies: (SpendAnomaly & { service: string })[];
  /** `totalMonthlySavingsUsd` counts each resource once, with its largest recommendation. */
  recommendations: { count: number; totalMonthlySavingsUsd: number; top: ReportRecommendation[] };
  prices: { region: string; asOf: string; source: string };
}

export interface DailyReportInput {
  now: number;
  /** Days per period (current = the last `periodDays` complete days). */
  periodDays: number;
  records: readonly CostRecord[];
  anomalies: { service: string; anomaly: SpendAnomaly }[];
  recommendations: { id: string; recommendation: Recommendation }[];
  prices: { region: string; asOf: string; source: string };
  topN?: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const pct = (cur: number, prev: number) => (prev > 0 ? Math.round(((cur - prev) / prev) * 1000) / 10 : null);

function lines(records: readonly CostRecord[], by: 'service' | 'account', cur: { start: string; end: string }, prev: { start: string; end: string }): SpendLine[] {
  const c = totalsBy(records, by, cur.start, cur.end);
  const p = totalsBy(records, by, prev.start, prev.end);
  const keys = new Set([...c.keys(), ...p.keys()]);
  return [...keys]
    .map((key) => {
      const currentUsd = r2(c.get(key) ?? 0);
      const previousUsd = r2(p.get(key) ?? 0);
      return { key, currentUsd, previousUsd, changeUsd: r2(currentUsd - previousUsd), changePct: pct(currentUsd, previousUsd) };
    })
    .sort((a, b) => b.currentUsd - a.currentUsd || a.key.localeCompare(b.key));
}

/** Pure: the daily report's content from spend rows, detected anomalies and open recommendations. */
export function buildDailyReport(i: DailyReportInput): CostReport {
  const date = utcDate(i.now);
  const period = { start: addDays(date, -i.periodDays), end: addDays(date, -1) };
  const previousPeriod = { start: addDays(date, -2 * i.periodDays), end: addDays(date, -i.periodDays - 1) };
  const topN = i.topN ?? 5;
  const byService = lines(i.records, 'service', period, previousPeriod);
  const byAccount = lines(i.records, 'account', period, previousPeriod);
  const currentUsd = r2(byService.reduce((a, l) => a + l.currentUsd, 0));
  const previousUsd = r2(byService.reduce((a, l) => a + l.previousUsd, 0));
  const dailyTotals = totalsByDate(i.records, period.start, period.end);
  const recs = [...i.recommendations].sort((a, b) => b.recommendation.monthlySavingsUsd - a.recommendation.monthlySavingsUsd || a.id.localeCompare(b.id));
  return {
    id: `cost-daily-${date}`,
    kind: 'cost-daily',
    date,
    createdAt: new Date(i.now).toISOString(),
    period,
    previousPeriod,
    spend: { currentUsd, previousUsd, changeUsd: r2(currentUsd - previousUsd), changePct: pct(currentUsd, previousUsd), daily: dateRange(period.start, period.end).map((d) => ({ date: d, usd: r2(dailyTotals.get(d) ?? 0) })) },
    byService,
    byAccount,
    topDrivers: byService.filter((l) => l.changeUsd > 0).sort((a, b) => b.changeUsd - a.changeUsd).slice(0, topN),
    anomalies: i.anomalies.map(({ service, anomaly }) => ({ service, ...anomaly })).sort((a, b) => (a.date === b.date ? b.impactUsd - a.impactUsd : a.date < b.date ? 1 : -1)),
    recommendations: {
      count: recs.length,
      totalMonthlySavingsUsd: totalMonthlySavings(recs.map((r) => r.recommendation)),
      top: recs.slice(0, topN * 2).map(({ id, recommendation: r }) => ({
        id,
        ruleId: r.ruleId,
        resourceArn: r.resourceArn,
        title: r.title,
        monthlySavingsUsd: r.monthlySavingsUsd,
        confidence: r.confidence,
        recommendedAction: r.recommendedAction,
        automatable: r.automatable,
        approximate: r.savings.approximate,
      })),
    },
    prices: i.prices,
  };
}

function totalsByDate(records: readonly CostRecord[], start: string, end: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) if (r.date >= start && r.date <= end) out.set(r.date, (out.get(r.date) ?? 0) + r.usd);
  return out;
}
