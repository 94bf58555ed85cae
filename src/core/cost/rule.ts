import type { ActionCall } from '../../ports/cloud.js';
import type { ApprovalRule } from '../remediation/runbook.js';
import type { CostConfig } from './config.js';
import type { CostInput, DailyMetricSpec } from './inputs.js';
import type { PricePoint, PriceSource } from './prices/table.js';

/** The remediation a recommendation maps to: a runbook id plus the exact calls, shown by a dry-run first. */
export interface RemediationPlan {
  /** `AIOps-<Verb><Thing>` catalogue id the orchestrator runs. */
  runbookId: string;
  /** ARN of the one resource the plan touches (the calls address it by its id). */
  target: string;
  reversible: boolean;
  /** Cost changes are FinOps decisions: every plan needs an approval. */
  approval: ApprovalRule;
  plan: ActionCall[];
  rollback: ActionCall[];
  rollbackPlan: string;
}

export interface SavingsEstimate {
  monthlySavingsUsd: number;
  currentMonthlyUsd: number;
  recommendedMonthlyUsd: number;
  /** Every price used, with its value (so the figure can be re-derived and audited). */
  prices: Pick<PricePoint, 'key' | 'usd' | 'unit' | 'approximate'>[];
  /** The formula in words with the numbers filled in. */
  formula: string;
  /** True when any price used is marked approximate. */
  approximate: boolean;
}

export type Confidence = 'high' | 'medium' | 'low';

export interface Recommendation {
  kind: 'recommendation';
  ruleId: string;
  resourceArn: string;
  resourceType: string;
  title: string;
  monthlySavingsUsd: number;
  savings: SavingsEstimate;
  confidence: Confidence;
  recommendedAction: string;
  automatable: boolean;
  remediation?: RemediationPlan;
  /** The facts the verdict rests on (days below threshold, observed maxima, state fields). */
  evidence: Record<string, unknown>;
}

export interface NotApplicable {
  kind: 'not-applicable';
  reason: string;
}

export interface InsufficientData {
  kind: 'insufficient-data';
  reason: string;
  /** Metric names or price keys that were missing. */
  missing: string[];
}

/** Fail closed: a rule that throws is reported, never silently passed. */
export interface RuleError {
  kind: 'error';
  reason: string;
}

export type Verdict = Recommendation | NotApplicable | InsufficientData | RuleError;

export interface RuleContext {
  /** Epoch ms. */
  now: number;
  config: CostConfig;
  prices: PriceSource;
}

export interface CostRuleDescriptor {
  /** Kebab-case; equals the file name under rules/. */
  id: string;
  title: string;
  /** CloudFormation type the rule reads. */
  resourceType: string;
  /** State fields (AWS API names) and daily metrics the rule reads. */
  dataNeeded: { state: string[]; metrics: DailyMetricSpec[] };
  /**
   * The catalogue runbook every automatable recommendation of this rule names; absent when the
   * rule is manual only. Declared so the catalogue can be checked against the rules without
   * evaluating them, and enforced by `evaluateRule` (a recommendation naming another one is an error).
   */
  runbookId?: string;
  evaluate(input: CostInput, ctx: RuleContext): Verdict;
}

export function defineCostRule(descriptor: CostRuleDescriptor): CostRuleDescriptor {
  return descriptor;
}

export const notApplicable = (reason: string): NotApplicable => ({ kind: 'not-applicable', reason });
export const insufficientData = (reason: string, missing: string[] = []): InsufficientData => ({ kind: 'insufficient-data', reason, missing });

/** Money rounded to cents for display and storage; the estimate keeps the formula for audit. */
export const cents = (usd: number): number => Math.round(usd * 100) / 100;

/**
 * Looks up prices by key; when any is missing the rule must answer InsufficientData rather than
 * guess a figure.
 */
export function lookupPrices(prices: PriceSource, keys: string[]): { ok: true; byKey: Map<string, PricePoint> } | { ok: false; missing: string[] } {
  const byKey = new Map<string, PricePoint>();
  const missing: string[] = [];
  for (const k of keys) {
    const p = prices.getPrice(k);
    if (p) byKey.set(k, p);
    else missing.push(k);
  }
  return missing.length ? { ok: false, missing } : { ok: true, byKey };
}

/** Builds a SavingsEstimate from the current and recommended monthly cost. */
export function estimate(current: number, recommended: number, used: PricePoint[], formula: string): SavingsEstimate {
  return {
    monthlySavingsUsd: cents(Math.max(0, current - recommended)),
    currentMonthlyUsd: cents(current),
    recommendedMonthlyUsd: cents(recommended),
    prices: used.map((p) => ({ key: p.key, usd: p.usd, unit: p.unit, ...(p.approximate ? { approximate: true } : {}) })),
    formula,
    approximate: used.some((p) => p.approximate === true),
  };
}

/** `true` when the resource is tagged as production (then automation stays manual). */
export function isProduction(tags: Record<string, string>, config: CostConfig): boolean {
  const key = Object.keys(tags).find((k) => k.toLowerCase() === config.environmentTag.toLowerCase());
  const env = key ? tags[key]?.toLowerCase() : undefined;
  return env !== undefined && config.productionValues.includes(env);
}

/** Whole days between an ISO instant and now (floored). */
export function ageDays(iso: string, nowMs: number): number {
  return Math.floor((nowMs - Date.parse(iso)) / 86_400_000);
}

/** Builds a Recommendation whose headline figure is the estimate's savings. */
export function recommend(r: Omit<Recommendation, 'kind' | 'monthlySavingsUsd'>): Recommendation {
  return { kind: 'recommendation', ...r, monthlySavingsUsd: r.savings.monthlySavingsUsd };
}

/**
 * Total monthly savings without double counting: several rules can flag one resource (an idle
 * m4 instance is both idle and previous generation), and acting on one usually removes the
 * other, so each resource counts with its largest recommendation only.
 */
export function totalMonthlySavings(recs: readonly Pick<Recommendation, 'resourceArn' | 'monthlySavingsUsd'>[]): number {
  const best = new Map<string, number>();
  for (const r of recs) best.set(r.resourceArn, Math.max(best.get(r.resourceArn) ?? 0, r.monthlySavingsUsd));
  return cents([...best.values()].reduce((a, b) => a + b, 0));
}
