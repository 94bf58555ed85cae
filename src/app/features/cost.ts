import type { Cloud, ResourceFilter } from '../../ports/cloud.js';
import type { Execution } from '../../core/remediation/execution.js';
import { findRunbook } from '../../core/remediation/catalogue/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/shared/errors.js';
import { utcDate } from '../../core/cost/inputs.js';
import { bundledPriceSource } from '../../core/cost/prices/snapshot.js';
import type { PriceSource } from '../../core/cost/prices/table.js';
import { detectSpendAnomalies } from '../../core/cost/spend/detect.js';
import { createGeneratedSpendSource, DEFAULT_ACCOUNTS, DEFAULT_SERVICE_MIX, type SpendSpike } from '../../core/cost/spend/generator.js';
import { addDays, dailyBy, dateRange, type SpendSource } from '../../core/cost/spend/model.js';
import { DEFAULT_COST_ALLOCATION_TAGS, dailyCostByTag, parseSpendGroupBy, splitByResourceTag } from '../../core/cost/spend/tags.js';
import { COST_REPORT_SCHEDULE, createCostService, type RecommendationDoc, type RecommendationStatus } from '../cost/index.js';
import type { CostConfigInput } from '../../core/cost/config.js';
import type { PlatformCore } from './core.js';
import { SANDBOX_SERVICE_TAG_SPLIT, isGone, sandboxDailyMetrics, toCostResource } from './cost-sandbox.js';

/** First day of the sandbox's generated bill (its compound growth is measured from here). */
export const SANDBOX_SPEND_START = '2026-01-01';
/** The spike `injectSpendSpike()` plants by default: EC2 compute triples for a day (a runaway Auto Scaling group). */
export const DEFAULT_SPEND_SPIKE = { service: 'Amazon Elastic Compute Cloud - Compute', factor: 3 } as const;

export interface CostFeatureOptions {
  config?: CostConfigInput;
  prices?: PriceSource;
  spend?: SpendSource;
  consoleUrl?: string;
  /** Tag keys spend may be grouped by (`/cost/spend?groupBy=tag:<key>`); on AWS, the activated cost-allocation tags. */
  costAllocationTags?: readonly string[];
}

export interface InjectedSpike extends SpendSpike {
  id: string;
  injectedAt: string;
  injectedBy: string;
}

/** The planted spikes live in one settings document (settings has no index to query by kind). */
interface SpikesSetting {
  id: 'cost-spend-spikes';
  spikes: InjectedSpike[];
  updatedAt: string;
}

/** What the recommendation document records once its remediation was started. */
export interface CostRemediationLink {
  executionId: string;
  dryRunExecutionIds: string[];
}

export type CostRecommendationDoc = RecommendationDoc & { remediation?: CostRemediationLink };

/** A Cloud whose inventory speaks the cost input model (sandbox PascalCase state → camelCase), without resources already deleted. */
function costCloud(cloud: Cloud): Cloud {
  return {
    listResources: async (filter?: ResourceFilter) => (await cloud.listResources(filter)).filter((r) => !isGone(r)).map(toCostResource),
    describe: async (arn: string) => {
      const r = await cloud.describe(arn);
      return r && !isGone(r) ? toCostResource(r) : undefined;
    },
    execute: (call) => cloud.execute(call),
    recentChanges: (arn, since) => cloud.recentChanges(arn, since),
  };
}

/**
 * Cost intelligence on the local platform: analyses the sandbox account on start and daily,
 * produces the daily report at 03:00 UTC platform time (stored, posted through the outbox
 * notifier with the Slack payload), turns spend anomalies into Signals for alerting, and turns an
 * approved recommendation into a remediation that waits for a human in the Approvals page.
 */
export async function installCost(core: PlatformCore, opts: CostFeatureOptions = {}) {
  const settings = core.store.collection<SpikesSetting>('settings');
  const plantedSpikes = async () => (await settings.get('cost-spend-spikes'))?.spikes ?? [];
  const recs = core.store.collection<CostRecommendationDoc>('recommendations');
  const seed = String(core.sandbox.seed);
  // The sandbox's Cost Explorer: generated, deterministic per seed, plus the spikes injected so far.
  const generated = async (startDate: string, endDate: string) => {
    const planted = (await plantedSpikes()).map(({ service, date, factor, days }) => ({ service, date, factor, ...(days ? { days } : {}) }));
    return createGeneratedSpendSource({ seed, startDate: SANDBOX_SPEND_START, accounts: DEFAULT_ACCOUNTS, services: DEFAULT_SERVICE_MIX, growthPctPerMonth: 2, spikes: planted }).getDailyCost(startDate, endDate);
  };
  const spend: SpendSource = opts.spend ?? {
    getDailyCost: generated,
    // Account tags (team, environment) are on every generated row; the resource-level `service` tag is spread by the fleet's shares.
    async getDailyCostByTag(tagKey, startDate, endDate) {
      const rows = await generated(startDate, endDate);
      return tagKey === SANDBOX_SERVICE_TAG_SPLIT.key ? splitByResourceTag(rows, SANDBOX_SERVICE_TAG_SPLIT) : rows;
    },
  };
  const costAllocationTags = opts.costAllocationTags ?? DEFAULT_COST_ALLOCATION_TAGS;
  const prices = opts.prices ?? bundledPriceSource();
  const notifier = core.notifiers['slack'] ?? core.notifiers['outbox'];
  const service = createCostService({
    cloud: costCloud(core.sandbox.cloud),
    metrics: core.sandbox.metrics,
    store: core.store,
    clock: core.clock,
    emit: async (signal) => void (await core.alerting.ingest(signal, { via: 'bus' })),
    spend,
    prices,
    dailyMetrics: sandboxDailyMetrics(core.sandbox.metrics),
    ...(notifier ? { notifier } : {}),
    ...(opts.config ? { config: opts.config } : {}),
    consoleUrl: opts.consoleUrl ?? '/cost',
  });
  const iso = () => new Date(core.clock.now()).toISOString();

  async function analyze() {
    const summary = await service.analyze();
    core.log(`cost: analysed ${summary.resources} resources, ${summary.recommendations} recommendations, $${summary.totalMonthlySavingsUsd}/month`);
    return summary;
  }

  async function getRec(id: string): Promise<CostRecommendationDoc> {
    const doc = await recs.get(id);
    if (!doc) throw new NotFoundError('recommendation', id);
    return doc;
  }

  /** The catalogue runbook an automatable recommendation maps to; fails when the catalogue lacks it. */
  async function runbookFor(doc: CostRecommendationDoc): Promise<string> {
    const rem = doc.recommendation.remediation;
    if (!doc.recommendation.automatable || !rem) throw new ConflictError(`recommendation ${doc.id} (${doc.ruleId}) has no automated remediation; act on it manually`);
    if (!findRunbook(rem.runbookId)) throw new ConflictError(`runbook ${rem.runbookId} is not in the remediation catalogue; act on ${doc.id} manually`);
    if (!(await core.sandbox.cloud.describe(doc.resourceArn))) throw new ConflictError(`resource ${doc.resourceArn} no longer exists`);
    return rem.runbookId;
  }

  /** Dry run through the orchestrator: records what would be called, changes nothing, needs no approval. */
  async function dryRun(id: string, principal: string): Promise<Execution> {
    if (!principal?.trim()) throw new ValidationError('principal', 'a dry run needs the requesting principal');
    const doc = await getRec(id);
    if (doc.status === 'dismissed' || doc.status === 'resolved') throw new ConflictError(`recommendation ${id} is ${doc.status}`);
    const runbookId = await runbookFor(doc);
    const { execution } = await core.remediation.start({ runbookId, targetResource: doc.resourceArn, trigger: `cost:${id}`, operator: principal, dryRun: true });
    await recs.update(id, (cur) => ({ ...cur, remediation: { executionId: cur.remediation?.executionId ?? '', dryRunExecutionIds: [...(cur.remediation?.dryRunExecutionIds ?? []), execution.id] } }));
    return execution;
  }

  /**
   * The FinOps approval: marks the recommendation approved and starts its runbook through the
   * orchestrator. The catalogue entries for cost actions have approval `always`, so the execution
   * stops at WAITING_APPROVAL until a human approves it in the Approvals page. Idempotent.
   */
  async function approve(id: string, principal: string): Promise<{ recommendation: CostRecommendationDoc; execution: Execution }> {
    const doc = await getRec(id);
    if (doc.remediation?.executionId) {
      const existing = await core.store.collection<Execution>('executions').get(doc.remediation.executionId);
      if (existing) return { recommendation: doc, execution: existing };
    }
    const runbookId = await runbookFor(doc);
    const request = await service.approve(id, principal);
    const { execution } = await core.remediation.start({ runbookId, targetResource: request.targetResource, trigger: `cost:${id}`, operator: principal, dryRun: false });
    const updated = await recs.update(id, (cur) => ({ ...cur, remediation: { executionId: execution.id, dryRunExecutionIds: cur.remediation?.dryRunExecutionIds ?? [] } }));
    return { recommendation: updated, execution };
  }

  async function listRecommendations(filter: { status?: RecommendationStatus; ruleId?: string; resourceType?: string; minSavingsUsd?: number; automatable?: boolean; limit?: number } = {}) {
    const all = (await service.listRecommendations({ ...(filter.status ? { status: filter.status } : {}), ...(filter.ruleId ? { ruleId: filter.ruleId } : {}) })) as CostRecommendationDoc[];
    const items = all.filter(
      (d) =>
        (!filter.resourceType || d.resourceType === filter.resourceType) &&
        (filter.minSavingsUsd === undefined || d.monthlySavingsUsd >= filter.minSavingsUsd) &&
        (filter.automatable === undefined || d.recommendation.automatable === filter.automatable),
    );
    return items.slice(0, filter.limit ?? items.length);
  }

  /**
   * Daily spend over the last `days` complete days grouped by `service` (default), `account` or
   * `tag:<key>` (a configured cost-allocation tag; untagged spend is `(untagged)`), with the spend
   * anomalies of each group to mark. Service rows keep their `service` field for the console.
   */
  async function spendBy(input: { days?: number; groupBy?: string } = {}) {
    const days = input.days ?? 30;
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new ValidationError('days', 'must be an integer between 1 and 365');
    const by = parseSpendGroupBy(input.groupBy ?? 'service', costAllocationTags);
    const today = utcDate(core.clock.now());
    const endDate = addDays(today, -1);
    const fromDate = addDays(today, -days);
    const startDate = addDays(fromDate, -56);
    const records = by.startsWith('tag:') ? await dailyCostByTag(spend, by.slice(4), startDate, endDate) : await spend.getDailyCost(startDate, endDate);
    const dates = dateRange(fromDate, endDate);
    const named = (key: string) => (by === 'service' ? { key, service: key } : { key });
    const series = [...dailyBy(records, by)].map(([key, byDate]) => ({ ...named(key), usd: dates.map((d) => Math.round((byDate.get(d) ?? 0) * 100) / 100) }));
    series.sort((a, b) => b.usd.reduce((x, y) => x + y, 0) - a.usd.reduce((x, y) => x + y, 0));
    const anomalies = detectSpendAnomalies(records, { startDate, endDate, fromDate, by }).flatMap((g) => g.anomalies.map((a) => ({ ...named(g.key), ...a })));
    return { from: fromDate, to: endDate, groupBy: by, dates, series, anomalies };
  }

  /** Daily spend by service over the last `days` complete days, with the spend anomalies to mark. */
  const spendByService = (days = 30) => spendBy({ days, groupBy: 'service' });

  /**
   * Plants a spend spike in the sandbox's generated bill (default: EC2 compute ×3 yesterday). No
   * sandbox fault primitive reaches the bill (faults act on metrics, state, events and logs), so
   * this is the spend-spike scenario's entry point; the next daily report detects it.
   */
  async function injectSpendSpike(input: { service?: string; factor?: number; date?: string; days?: number } = {}, principal = 'operator'): Promise<InjectedSpike> {
    const date = input.date ?? addDays(utcDate(core.clock.now()), -1);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ValidationError('date', 'must be YYYY-MM-DD');
    const svc = input.service ?? DEFAULT_SPEND_SPIKE.service;
    if (!DEFAULT_SERVICE_MIX.some((s) => s.service === svc)) throw new ValidationError('service', `unknown service "${svc}"`);
    const factor = input.factor ?? DEFAULT_SPEND_SPIKE.factor;
    if (!(factor > 0) || factor > 100) throw new ValidationError('factor', 'must be > 0 and ≤ 100');
    const doc: InjectedSpike = { id: `spike-${svc}-${date}`, service: svc, date, factor, ...(input.days ? { days: input.days } : {}), injectedAt: iso(), injectedBy: principal };
    const others = (await plantedSpikes()).filter((x) => x.id !== doc.id);
    await settings.put({ id: 'cost-spend-spikes', spikes: [...others, doc], updatedAt: iso() });
    core.sandbox.record('fault', `spend spike ×${factor} on ${svc} for ${date}`, { spike: doc });
    return doc;
  }

  core.scheduler.add({
    name: 'cost-daily-report',
    cron: COST_REPORT_SCHEDULE.cron,
    timezone: COST_REPORT_SCHEDULE.timezone,
    // Fresh recommendations first, so the report's top list reflects today's inventory.
    run: async () => {
      await analyze();
      await service.dailyReport();
    },
  });
  await analyze().catch((e) => core.log(`cost: initial analysis failed: ${String((e as Error)?.message ?? e)}`));

  return {
    analyze,
    dailyReport: () => service.dailyReport(),
    latestReport: () => service.latestReport(),
    dismiss: (id: string, reason: string, principal: string) => service.dismiss(id, reason, principal),
    approve,
    dryRun,
    listRecommendations,
    getRecommendation: getRec,
    spendByService,
    spendBy,
    costAllocationTags,
    injectSpendSpike,
    prices,
    config: service.config,
  };
}

export type CostFeature = Awaited<ReturnType<typeof installCost>>;
