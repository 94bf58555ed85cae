import type { CostConfig } from './config.js';
import type { CostInput, DailyMetricSpec } from './inputs.js';
import type { CostRuleDescriptor, RuleContext, Verdict } from './rule.js';
import { COST_RULES } from './rules/index.js';

/**
 * Runs one rule, failing closed: a throw (bad state, bug) becomes an `error` verdict with the
 * reason, never a silent pass. Recommendations below the configured minimum become NotApplicable.
 */
export function evaluateRule(rule: CostRuleDescriptor, input: CostInput, ctx: RuleContext): Verdict {
  if (input.resource.type !== rule.resourceType) return { kind: 'not-applicable', reason: `rule reads ${rule.resourceType}` };
  let v: Verdict;
  try {
    v = rule.evaluate(input, ctx);
  } catch (e) {
    return { kind: 'error', reason: e instanceof Error ? e.message : String(e) };
  }
  // Fail closed: a remediation must start the runbook the rule declares (the catalogue is checked against that).
  if (v.kind === 'recommendation' && v.remediation && v.remediation.runbookId !== rule.runbookId) {
    return { kind: 'error', reason: `recommendation names runbook ${v.remediation.runbookId}, rule ${rule.id} declares ${rule.runbookId ?? 'none'}` };
  }
  if (v.kind === 'recommendation' && v.monthlySavingsUsd < ctx.config.minMonthlySavingsUsd) {
    return { kind: 'not-applicable', reason: `saves $${v.monthlySavingsUsd}/month, below the $${ctx.config.minMonthlySavingsUsd} minimum` };
  }
  return v;
}

export interface RuleVerdict {
  ruleId: string;
  resourceArn: string;
  verdict: Verdict;
}

/** Every rule that reads this resource's type. */
export function rulesFor(resourceType: string, rules: readonly CostRuleDescriptor[] = COST_RULES): CostRuleDescriptor[] {
  return rules.filter((r) => r.resourceType === resourceType);
}

/** Evaluates every applicable rule on one resource. */
export function evaluateResource(input: CostInput, ctx: RuleContext, rules: readonly CostRuleDescriptor[] = COST_RULES): RuleVerdict[] {
  return rulesFor(input.resource.type, rules).map((rule) => ({ ruleId: rule.id, resourceArn: input.resource.arn, verdict: evaluateRule(rule, input, ctx) }));
}

/** The daily metrics to fetch for a resource type (union over its rules, deduplicated by name). */
export function metricsNeeded(resourceType: string, rules: readonly CostRuleDescriptor[] = COST_RULES): DailyMetricSpec[] {
  const byName = new Map<string, DailyMetricSpec>();
  for (const r of rulesFor(resourceType, rules)) for (const m of r.dataNeeded.metrics) byName.set(m.name, m);
  return [...byName.values()];
}

/** Longest lookback any rule is configured with, so adapters fetch enough days in one query. */
export function maxLookbackDays(config: CostConfig): number {
  let max = 1;
  for (const r of Object.values(config.rules) as Record<string, unknown>[]) if (typeof r['lookbackDays'] === 'number') max = Math.max(max, r['lookbackDays']);
  return max;
}
