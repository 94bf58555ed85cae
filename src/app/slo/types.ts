import type { Signal } from '../../core/events/signal.js';
import type { BurnRatePresetId, BurnSeverity } from '../../core/slo/burn/windows.js';
import type { BudgetPolicy, SloDefinition } from '../../core/slo/spec/model.js';
import type { Severity } from '../../core/shared/severity.js';
import type { Clock } from '../../ports/clock.js';
import type { Metrics } from '../../ports/metrics.js';
import type { Store } from '../../ports/store.js';

export interface SloServiceDeps {
  metrics: Metrics;
  store: Store;
  clock: Clock;
  /** Hands burn-rate Signals to the alert pipeline (ingestSignals). */
  emit: (signal: Signal) => Promise<void>;
  /** Burn-rate preset for SLOs without AlertPolicies (default `workbook`). */
  preset?: BurnRatePresetId;
  /** Budget policy for SLOs without a budget-policy annotation (default: all consequences on). */
  policy?: BudgetPolicy;
  /** Spacing of backfilled history points (default one hour). */
  historyStepMs?: number;
  /** Recent span re-read at every evaluation for late datapoints (default 5 minutes; older minutes are read once). */
  settleMs?: number;
}

/** One burn-rate rule's verdict in an evaluation. */
export interface SloAlertStatus {
  rule: string;
  severity: BurnSeverity;
  /** The incident severity the signal carries (SEV-2 page / SEV-3 ticket, raised when the budget is spent). */
  incidentSeverity: Severity;
  factor: number;
  longWindow: string;
  shortWindow: string;
  longBurn: number;
  shortBurn: number;
  firing: boolean;
}

/** An SLO's state after one evaluation. `state: 'unknown'` when its metrics could not be read (fail closed: nothing resolves). */
export interface SloEvaluation {
  sloId: string;
  service: string;
  at: string;
  state: 'ok' | 'burning' | 'exhausted' | 'unknown';
  error?: string;
  target: number;
  sli: number | null;
  errorRatio: number;
  /** Share of the error budget left (negative when overspent). */
  budgetRemaining: number;
  burnRates: Record<string, number>;
  /** null when nothing burns. */
  timeToExhaustionMs: number | null;
  alerts: SloAlertStatus[];
  firing: string[];
  remediationFrozen: boolean;
}

/** What the `slos` collection holds per SLO. */
export interface StoredSlo {
  id: string;
  version?: number;
  service: string;
  updatedAt: string;
  definition: SloDefinition;
  /** Firing rules: name → since (ISO) and the severity last emitted. */
  firing: Record<string, { since: string; incidentSeverity: Severity }>;
  exhaustedSince?: string;
  remediationFrozen: boolean;
  last?: SloEvaluation;
}

/** A point of budget-burn history (`sloHistory`). */
export interface SloHistoryPoint {
  id: string;
  sloId: string;
  at: string;
  sli: number | null;
  budgetRemaining: number;
  burnRates: Record<string, number>;
  firing: string[];
  good: number;
  total: number;
}
