import type { Signal } from '../events/signal.js';
import { stableHash } from '../shared/hash.js';
import type { Severity } from '../shared/severity.js';
import type { RuleState } from './burn/evaluate.js';
import { windowLabel, type BurnSeverity } from './burn/windows.js';
import type { SloDefinition } from './spec/model.js';

/** Burn-alert severities as data: pages are SEV-2, tickets SEV-3; an exhausted budget raises each by one. */
export const BURN_SEVERITIES: Record<BurnSeverity, { normal: Severity; exhausted: Severity; level: 'critical' | 'warning' }> = {
  page: { normal: 'SEV-2', exhausted: 'SEV-1', level: 'critical' },
  ticket: { normal: 'SEV-3', exhausted: 'SEV-2', level: 'warning' },
};

/** The pseudo-resource an SLO's signals are about; alerts group on the service label, not on this. */
export const sloResource = (slo: Pick<SloDefinition, 'service' | 'id'>): string => `slo:${slo.service}/${slo.id}`;

export function burnSeverity(slo: SloDefinition, severity: BurnSeverity, budgetExhausted: boolean): Severity {
  const s = BURN_SEVERITIES[severity];
  return budgetExhausted && slo.policy.raiseSeverity ? s.exhausted : s.normal;
}

const fmt = (x: number): string => (Number.isFinite(x) ? (Math.round(x * 100) / 100).toString() : '∞');

/** Labels every SLO signal carries, so the alert pipeline can group by service and inhibit tickets under pages. */
export function sloLabels(slo: SloDefinition): Record<string, string> {
  return { ...slo.labels, service: slo.service, slo: slo.id, ...(slo.owner ? { owner: slo.owner } : {}) };
}

export interface BurnSignalInput {
  slo: SloDefinition;
  state: RuleState;
  signalState: 'firing' | 'resolved';
  severity: Severity;
  budgetRemaining: number;
  /** When the alert started firing (ISO); part of the id so a re-delivery never double counts. */
  since: string;
  /** Evaluation time (ISO). */
  at: string;
}

/**
 * A multi-window burn-rate alert as a Signal for the alert pipeline (source `slo`, kind `slo-burn`).
 * The fingerprint-relevant parts (rule, resource, labels) are the same for firing and resolved.
 */
export function burnSignal(input: BurnSignalInput): Signal {
  const { slo, state, signalState, severity } = input;
  const rule = state.rule;
  const window = `${windowLabel(rule.longWindowMs)}/${windowLabel(rule.shortWindowMs)}`;
  const key = `${slo.id}|${rule.name}|${signalState}|${input.since}|${signalState === 'firing' ? severity : input.at}`;
  const verb = signalState === 'firing' ? `burning its error budget at ${fmt(state.longBurn)}× over ${window}` : `no longer burns at ${fmt(rule.factor)}× over ${window}`;
  return {
    id: `slo-burn-${stableHash(key)}`,
    sourceId: key,
    source: 'slo',
    kind: 'slo-burn',
    resourceArn: sloResource(slo),
    resourceType: 'AIOps::SLO',
    metric: 'AIOps/SLO BurnRate',
    rule: `slo-burn-${rule.name}`,
    state: signalState,
    level: BURN_SEVERITIES[rule.severity].level,
    severity,
    value: state.longBurn,
    threshold: rule.factor,
    title: `SLO ${slo.displayName} (${slo.service}) ${verb} — ${rule.severity}`,
    description: `Burn rate ${fmt(state.longBurn)}× over ${windowLabel(rule.longWindowMs)} and ${fmt(state.shortBurn)}× over ${windowLabel(rule.shortWindowMs)} (threshold ${rule.factor}×); ${fmt(input.budgetRemaining * 100)} % of the error budget left.`,
    labels: {
      ...sloLabels(slo),
      alertname: 'SLOErrorBudgetBurn',
      window,
      long_window: windowLabel(rule.longWindowMs),
      short_window: windowLabel(rule.shortWindowMs),
      burn_severity: rule.severity,
    },
    time: signalState === 'firing' ? input.since : input.at,
  };
}

/** The owner's notice that an SLO's budget is spent (firing) or back above zero (resolved). */
export function budgetExhaustedSignal(input: { slo: SloDefinition; signalState: 'firing' | 'resolved'; budgetRemaining: number; since: string; at: string; frozen: boolean }): Signal {
  const { slo } = input;
  const key = `${slo.id}|budget-exhausted|${input.signalState}|${input.since}`;
  return {
    id: `slo-budget-${stableHash(key)}`,
    sourceId: key,
    source: 'slo',
    kind: 'slo-burn',
    resourceArn: sloResource(slo),
    resourceType: 'AIOps::SLO',
    metric: 'AIOps/SLO ErrorBudgetRemaining',
    rule: 'slo-budget-exhausted',
    state: input.signalState,
    level: 'warning',
    severity: 'SEV-3',
    value: input.budgetRemaining,
    threshold: 0,
    title: input.signalState === 'firing' ? `SLO ${slo.displayName} (${slo.service}) has exhausted its error budget` : `SLO ${slo.displayName} (${slo.service}) has error budget again`,
    description:
      input.signalState === 'firing'
        ? `${fmt(input.budgetRemaining * 100)} % of the budget left.${input.frozen ? ` Risky automated remediations for ${slo.service} are frozen until the budget recovers.` : ''}`
        : `${fmt(input.budgetRemaining * 100)} % of the budget left; the budget policy no longer applies.`,
    labels: { ...sloLabels(slo), alertname: 'SLOErrorBudgetExhausted', notify: 'owner' },
    time: input.signalState === 'firing' ? input.since : input.at,
  };
}
