import type { MetricId, Statistic } from '../../../ports/metrics.js';
import type { BurnRateRule } from '../burn/windows.js';

/** One CloudWatch statistic with a sign, so `Invocations − Errors` and `2xx + 3xx + 4xx` are sums of terms. */
export interface MetricTerm {
  sign: 1 | -1;
  metric: MetricId;
  stat: Statistic;
}

/** A per-period sum of signed metric statistics. */
export interface MetricSum {
  terms: MetricTerm[];
}

export type ThresholdOp = 'lt' | 'lte' | 'gt' | 'gte';

/**
 * The SLI, resolved:
 * - `ratio`: good (or bad) events over total events per period;
 * - `threshold`: each data point is good when `value op threshold` (a p99 latency, a health check);
 * - `latency`: the share of requests under `thresholdMs`, interpolated from percentiles, times the count.
 */
export type SliDefinition =
  | { kind: 'ratio'; good?: MetricSum; bad?: MetricSum; total: MetricSum }
  | { kind: 'threshold'; metric: MetricSum; op: ThresholdOp; threshold: number }
  | { kind: 'latency'; latency: Omit<MetricTerm, 'stat' | 'sign'>; percentiles: Array<'p50' | 'p90' | 'p95' | 'p99'>; thresholdMs: number; valueToMs: number; count: MetricSum };

export type SloWindow = { kind: 'rolling'; durationMs: number } | { kind: 'calendar-month' };

/** What happens when an SLO's error budget is exhausted. */
export interface BudgetPolicy {
  /** Burn alerts of an exhausted SLO go out one severity higher (SEV-2 page → SEV-1). */
  raiseSeverity: boolean;
  /** Risky automated remediations for the service wait for a human until the budget recovers. */
  freezeRemediations: boolean;
  /** Tell the owner (once per exhaustion) through the alert pipeline. */
  notifyOwner: boolean;
}

export const DEFAULT_BUDGET_POLICY: BudgetPolicy = { raiseSeverity: true, freezeRemediations: true, notifyOwner: true };

/** An SLO with its SLI, window, objective, alert rules and budget policy resolved from the spec documents. */
export interface SloDefinition {
  /** The SLO document's metadata.name; unique. */
  id: string;
  displayName: string;
  description?: string;
  service: string;
  owner?: string;
  sliName: string;
  sli: SliDefinition;
  budgeting: 'Occurrences' | 'Timeslices';
  /** Objective as a ratio in (0, 1), e.g. 0.999. */
  target: number;
  /** Timeslices: a slice is good when its ratio reaches this. */
  timeSliceTarget: number;
  /** Evaluation step: the timeslice length, or one minute for Occurrences. */
  stepMs: number;
  window: SloWindow;
  alertRules: BurnRateRule[];
  /** `workbook`, `pyrra`, or `custom` when the SLO lists its own AlertPolicies. */
  alertPreset: string;
  policy: BudgetPolicy;
  labels: Record<string, string>;
  /** Where the spec came from (file name), for messages. */
  source?: string;
}

/** The annotation keys the product reads on SLO and Service documents. */
export const ANNOTATIONS = {
  owner: 'aiops.matcarv.io/owner',
  preset: 'aiops.matcarv.io/burn-rate-preset',
  policy: 'aiops.matcarv.io/budget-policy',
} as const;

/** Nominal window length for budget and time-to-exhaustion math (a calendar month counts as 30 days for preset scaling). */
export function nominalWindowMs(window: SloWindow): number {
  return window.kind === 'rolling' ? window.durationMs : 30 * 86_400_000;
}
