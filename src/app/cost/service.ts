import { z } from 'zod';
import type { ActionCall, Cloud, ResourceRecord } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import type { Metrics } from '../../ports/metrics.js';
import type { Notifier } from '../../ports/notifier.js';
import type { Store } from '../../ports/store.js';
import type { Signal } from '../../core/events/signal.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/shared/errors.js';
import { stableHash } from '../../core/shared/hash.js';
import { parseOrThrow } from '../../core/shared/zod.js';
import { parseCostConfig, type CostConfigInput } from '../../core/cost/config.js';
import { evaluateResource, maxLookbackDays } from '../../core/cost/evaluate.js';
import { utcDate, type DailyMetrics } from '../../core/cost/inputs.js';
import { dailyMetricQueries, toDailyMetrics } from '../../core/cost/metricQueries.js';
import type { PriceSource } from '../../core/cost/prices/table.js';
import { buildDailyReport, type CostReport } from '../../core/cost/report/build.js';
import { renderHtml, renderMarkdown, renderSlack } from '../../core/cost/report/render.js';
import { totalMonthlySavings, type CostRuleDescriptor, type Recommendation, type RuleContext } from '../../core/cost/rule.js';
import { COST_RULES } from '../../core/cost/rules/index.js';
import type { SpendAnomalyDetector } from '../../core/cost/spend/anomaly.js';
import { detectSpendAnomalies } from '../../core/cost/spend/detect.js';
import { addDays, CostRecordSchema, type SpendSource } from '../../core/cost/spend/model.js';
import { spendAnomalySignal } from '../../core/cost/spend/signals.js';
import type { RecommendationDoc, RecommendationStatus, RemediationRequest, ReportDoc } from './types.js';

/** The daily report's schedule (seed 000/001: "Daily 03:00 UTC — generate cost anomaly report and post to Slack"). */
export const COST_REPORT_SCHEDULE = { cron: '0 3 * * *', timezone: 'UTC' } as const;

export interface CostServiceDeps {
  cloud: Cloud;
  metrics: Metrics;
  store: Store;
  clock: Clock;
  /** Publishes a Signal into the alert pipeline (spend anomalies). */
  emit: (signal: Signal) => Promise<void>;
  spend: SpendSource;
  prices: PriceSource;
  config?: CostConfigInput;
  rules?: readonly CostRuleDescriptor[];
  /** Swap in the anomaly team's detector through this seam. */
  anomalyDetector?: SpendAnomalyDetector;
  /** Overrides metric fetching (the sandbox can hand daily aggregates over directly). */
  dailyMetrics?: (resources: ResourceRecord[], startMs: number, endMs: number) => Promise<Map<string, DailyMetrics>>;
  /** When set, the daily report is posted (Slack Block Kit in `details.slack`). */
  notifier?: Notifier;
  reportReceiver?: string;
  consoleUrl?: string;
  /** Days per report period (default 7) and days of spend history the anomaly baseline trains on (default 56). */
  periodDays?: number;
  anomalyHistoryDays?: number;
  /** Account label for spend anomaly signals when the spend spans several accounts. */
  payerAccount?: string;
}

export interface AnalysisSummary {
  at: string;
  resources: number;
  evaluations: number;
  recommendations: number;
  insufficientData: number;
  errors: { ruleId: string; resourceArn: string; reason: string }[];
  opened: number;
  resolved: number;
  /** Each resource counted once, with its largest recommendation. */
  totalMonthlySavingsUsd: number;
}

export interface DailyReportResult {
  report: CostReport;
  markdown: string;
  html: string;
  slack: ReturnType<typeof renderSlack>;
  signals: Signal[];
}

const GETMETRICDATA_BATCH = 500;

export const recommendationId = (ruleId: string, resourceArn: string): string => `rec-${stableHash(`${ruleId}|${resourceArn}`)}`;

/** The cost use case: analyse the inventory, keep recommendations, report daily, dismiss and approve. */
export function createCostService(deps: CostServiceDeps) {
  const config = parseCostConfig(deps.config ?? {});
  const rules = deps.rules ?? COST_RULES;
  const types = new Set(rules.map((r) => r.resourceType));
  const recs = deps.store.collection<RecommendationDoc>('recommendations');
  const reports = deps.store.collection<ReportDoc>('reports');
  const periodDays = deps.periodDays ?? 7;
  const historyDays = deps.anomalyHistoryDays ?? 56;

  async function fetchDailyMetrics(resources: ResourceRecord[], now: number): Promise<Map<string, DailyMetrics>> {
    const endMs = Date.parse(`${utcDate(now)}T00:00:00Z`);
    const startMs = endMs - maxLookbackDays(config) * 86_400_000;
    if (deps.dailyMetrics) return deps.dailyMetrics(resources, startMs, endMs);
    const plan = dailyMetricQueries(resources);
    const series = [];
    for (let i = 0; i < plan.queries.length; i += GETMETRICDATA_BATCH) series.push(...(await deps.metrics.getMetricData(plan.queries.slice(i, i + GETMETRICDATA_BATCH), startMs, endMs)));
    return toDailyMetrics(plan, series);
  }

  async function analyze(): Promise<AnalysisSummary> {
    const now = deps.clock.now();
    const at = new Date(now).toISOString();
    const resources = (await deps.cloud.listResources()).filter((r) => types.has(r.type));
    const metrics = await fetchDailyMetrics(resources, now);
    const ctx: RuleContext = { now, config, prices: deps.prices };
    const summary: AnalysisSummary = { at, resources: resources.length, evaluations: 0, recommendations: 0, insufficientData: 0, errors: [], opened: 0, resolved: 0, totalMonthlySavingsUsd: 0 };
    const found = new Map<string, Recommendation>();
    /** ids whose rule positively said "no waste" (not-applicable): those may be resolved. */
    const cleared = new Set<string>();
    for (const resource of resources) {
      for (const v of evaluateResource({ resource, metrics: metrics.get(resource.arn) ?? {} }, ctx, rules)) {
        summary.evaluations++;
        const id = recommendationId(v.ruleId, v.resourceArn);
        if (v.verdict.kind === 'recommendation') found.set(id, v.verdict);
        else if (v.verdict.kind === 'not-applicable') cleared.add(id);
        else if (v.verdict.kind === 'insufficient-data') summary.insufficientData++;
        else summary.errors.push({ ruleId: v.ruleId, resourceArn: v.resourceArn, reason: v.verdict.reason });
      }
    }
    for (const [id, r] of found) {
      summary.recommendations++;
      const prev = await recs.get(id);
      if (!prev) {
        summary.opened++;
        await recs.put(newDoc(id, r, at));
        continue;
      }
      await recs.update(id, (cur) => ({
        ...cur,
        // Dismissed stays dismissed; a resolved one that reappears is open again.
        status: cur.status === 'resolved' ? 'open' : cur.status,
        title: r.title,
        monthlySavingsUsd: r.monthlySavingsUsd,
        recommendation: r,
        lastSeenAt: at,
        updatedAt: at,
      }));
    }
    const present = new Set(resources.map((r) => r.arn));
    for (const doc of await recs.find({ where: { status: 'open' } })) {
      if (found.has(doc.id)) continue;
      // Resolve only on evidence: the rule cleared it, or the resource is gone. Missing data keeps it open.
      if (cleared.has(doc.id) || !present.has(doc.resourceArn)) {
        summary.resolved++;
        await recs.update(doc.id, (cur) => ({ ...cur, status: 'resolved', resolvedAt: at, updatedAt: at }));
      }
    }
    summary.totalMonthlySavingsUsd = totalMonthlySavings([...found.values()]);
    return summary;
  }

  async function dailyReport(): Promise<DailyReportResult> {
    const now = deps.clock.now();
    const today = utcDate(now);
    const startDate = addDays(today, -historyDays);
    const endDate = addDays(today, -1);
    const records = parseOrThrow(z.array(CostRecordSchema), await deps.spend.getDailyCost(startDate, endDate), 'spend');
    const detector = deps.anomalyDetector;
    const groups = detectSpendAnomalies(records, { startDate, endDate, fromDate: addDays(today, -periodDays), ...(detector ? { detector } : {}) });
    const accounts = [...new Set(records.map((r) => r.account))];
    const account = deps.payerAccount ?? (accounts.length === 1 ? accounts[0]! : 'all');
    const detectorId = detector?.id ?? 'robust-weekday-mad';
    const signals = groups.flatMap((g) => g.anomalies.map((a) => spendAnomalySignal(a, g.key, account, detectorId)));
    for (const s of signals) await deps.emit(s);
    const open = await recs.find({ where: { status: 'open' } });
    const report = buildDailyReport({
      now,
      periodDays,
      records,
      anomalies: groups.flatMap((g) => g.anomalies.map((anomaly) => ({ service: g.key, anomaly }))),
      recommendations: open.map((d) => ({ id: d.id, recommendation: d.recommendation })),
      prices: { region: deps.prices.region, asOf: deps.prices.asOf, source: deps.prices.source },
    });
    const markdown = renderMarkdown(report);
    const html = renderHtml(report);
    const slack = renderSlack(report, deps.consoleUrl);
    // Same id per day: a re-run replaces the day's report instead of adding another.
    await reports.put({ id: report.id, kind: 'cost-daily', createdAt: report.createdAt, report, markdown, html, slack });
    if (deps.notifier) {
      await deps.notifier.notify({ key: report.id, receiver: deps.reportReceiver ?? 'cost-report', action: 'info', title: `Daily cost report ${report.date}`, summary: slack.text, ...(deps.consoleUrl ? { link: deps.consoleUrl } : {}), details: { slack, report } });
    }
    return { report, markdown, html, slack, signals };
  }

  async function getOrThrow(id: string): Promise<RecommendationDoc> {
    const d = await recs.get(id);
    if (!d) throw new NotFoundError('recommendation', id);
    return d;
  }

  async function dismiss(id: string, reason: string, principal: string): Promise<RecommendationDoc> {
    if (!reason?.trim()) throw new ValidationError('reason', 'a dismissal needs a reason');
    if (!principal?.trim()) throw new ValidationError('principal', 'a dismissal needs the deciding principal');
    const doc = await getOrThrow(id);
    if (doc.status === 'approved') throw new ConflictError(`recommendation ${id} is already approved`);
    const at = new Date(deps.clock.now()).toISOString();
    return recs.update(id, (cur) => ({ ...cur, status: 'dismissed', dismissal: { reason: reason.trim(), principal, at }, updatedAt: at }));
  }

  /** FinOps approval: returns the remediation request for the orchestrator (dry-run first). Idempotent. */
  async function approve(id: string, principal: string): Promise<RemediationRequest> {
    if (!principal?.trim()) throw new ValidationError('principal', 'an approval needs the approving principal');
    const doc = await getOrThrow(id);
    if (doc.status === 'approved' && doc.approval) return doc.approval.request;
    if (doc.status !== 'open') throw new ConflictError(`recommendation ${id} is ${doc.status}`);
    const r = doc.recommendation;
    if (!r.automatable || !r.remediation) throw new ConflictError(`recommendation ${id} (${r.ruleId}) has no automated remediation; act on it manually`);
    const at = new Date(deps.clock.now()).toISOString();
    const request: RemediationRequest = {
      id: `remreq-${stableHash(`${id}|${r.remediation.runbookId}`)}`,
      idempotencyKey: `cost-recommendation:${id}`,
      recommendationId: id,
      ruleId: r.ruleId,
      runbookId: r.remediation.runbookId,
      targetResource: r.resourceArn,
      target: r.remediation.plan[0]?.target ?? r.resourceArn,
      plan: r.remediation.plan as ActionCall[],
      rollback: r.remediation.rollback,
      rollbackPlan: r.remediation.rollbackPlan,
      reversible: r.remediation.reversible,
      dryRunFirst: true,
      trigger: `cost-recommendation:${r.ruleId}`,
      monthlySavingsUsd: r.monthlySavingsUsd,
      approvedBy: principal,
      approvedAt: at,
    };
    await recs.update(id, (cur) => ({ ...cur, status: 'approved', approval: { principal, at, request }, updatedAt: at }));
    return request;
  }

  async function listRecommendations(filter: { status?: RecommendationStatus; ruleId?: string; limit?: number } = {}): Promise<RecommendationDoc[]> {
    const where: Record<string, string> = {};
    if (filter.status) where['status'] = filter.status;
    if (filter.ruleId) where['ruleId'] = filter.ruleId;
    const docs = await recs.find({ where });
    return docs.sort((a, b) => b.monthlySavingsUsd - a.monthlySavingsUsd || a.id.localeCompare(b.id)).slice(0, filter.limit ?? docs.length);
  }

  async function latestReport(): Promise<ReportDoc | undefined> {
    return (await reports.find({ where: { kind: 'cost-daily' }, order: 'desc', limit: 1 }))[0];
  }

  return { analyze, dailyReport, dismiss, approve, listRecommendations, latestReport, config };
}

export type CostService = ReturnType<typeof createCostService>;

function newDoc(id: string, r: Recommendation, at: string): RecommendationDoc {
  return { id, status: 'open', ruleId: r.ruleId, resourceArn: r.resourceArn, resourceType: r.resourceType, title: r.title, monthlySavingsUsd: r.monthlySavingsUsd, createdAt: at, updatedAt: at, lastSeenAt: at, recommendation: r };
}
