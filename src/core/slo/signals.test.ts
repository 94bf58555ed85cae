import { describe, expect, it } from 'vitest';
import { SignalSchema } from '../events/signal.js';
import type { RuleState } from './burn/evaluate.js';
import { WORKBOOK_PRESET } from './burn/windows.js';
import { budgetExhaustedSignal, burnSeverity, burnSignal } from './signals.js';
import { DEFAULT_BUDGET_POLICY, type SloDefinition } from './spec/model.js';

const slo: SloDefinition = {
  id: 'checkout-availability',
  displayName: 'Checkout availability',
  service: 'checkout',
  owner: 'team-checkout',
  sliName: 'ok',
  sli: { kind: 'ratio', total: { terms: [] } },
  budgeting: 'Occurrences',
  target: 0.999,
  timeSliceTarget: 0.999,
  stepMs: 60_000,
  window: { kind: 'rolling', durationMs: 30 * 86_400_000 },
  alertRules: [...WORKBOOK_PRESET.rules],
  alertPreset: 'workbook',
  policy: { ...DEFAULT_BUDGET_POLICY },
  labels: { team: 'payments' },
};
const state: RuleState = { rule: WORKBOOK_PRESET.rules[0]!, longBurn: 15.234, shortBurn: 20, firing: true };

describe('Function: burnSignal', () => {
  it('builds a valid slo-burn Signal with the labels grouping and inhibition need', () => {
    const s = burnSignal({ slo, state, signalState: 'firing', severity: 'SEV-2', budgetRemaining: 0.42, since: '2026-11-01T00:05:00.000Z', at: '2026-11-01T00:05:00.000Z' });
    expect(SignalSchema.parse(s)).toEqual(s);
    expect(s).toMatchObject({ source: 'slo', kind: 'slo-burn', state: 'firing', severity: 'SEV-2', level: 'critical', rule: 'slo-burn-1h-5m', value: 15.234, threshold: 14.4, resourceArn: 'slo:checkout/checkout-availability' });
    expect(s.labels).toEqual({ team: 'payments', service: 'checkout', slo: 'checkout-availability', owner: 'team-checkout', alertname: 'SLOErrorBudgetBurn', window: '1h/5m', long_window: '1h', short_window: '5m', burn_severity: 'page' });
    expect(s.title).toContain('15.23×');
  });

  it('gives the same id to the same event and different ids to firing, re-severity and resolved', () => {
    const base = { slo, state, budgetRemaining: 0.4, since: '2026-11-01T00:05:00.000Z', at: '2026-11-01T00:05:00.000Z' } as const;
    const a = burnSignal({ ...base, signalState: 'firing', severity: 'SEV-2' });
    const b = burnSignal({ ...base, signalState: 'firing', severity: 'SEV-2', at: '2026-11-01T00:06:00.000Z' });
    const raised = burnSignal({ ...base, signalState: 'firing', severity: 'SEV-1' });
    const resolved = burnSignal({ ...base, signalState: 'resolved', severity: 'SEV-2', at: '2026-11-01T01:00:00.000Z' });
    expect(a.id).toBe(b.id);
    expect(new Set([a.id, raised.id, resolved.id]).size).toBe(3);
    expect(resolved.time).toBe('2026-11-01T01:00:00.000Z');
  });
});

describe('Function: burnSeverity', () => {
  it.each([
    ['page', false, true, 'SEV-2'],
    ['page', true, true, 'SEV-1'],
    ['ticket', false, true, 'SEV-3'],
    ['ticket', true, true, 'SEV-2'],
    ['page', true, false, 'SEV-2'],
  ] as const)('%s with exhausted=%s and raiseSeverity=%s is %s', (severity, exhausted, raise, expected) => {
    expect(burnSeverity({ ...slo, policy: { ...slo.policy, raiseSeverity: raise } }, severity, exhausted)).toBe(expected);
  });
});

describe('Function: budgetExhaustedSignal', () => {
  it('tells the owner and says remediations are frozen', () => {
    const s = budgetExhaustedSignal({ slo, signalState: 'firing', budgetRemaining: -0.1, since: '2026-11-02T00:00:00.000Z', at: '2026-11-02T00:00:00.000Z', frozen: true });
    expect(SignalSchema.parse(s)).toEqual(s);
    expect(s.labels).toMatchObject({ owner: 'team-checkout', notify: 'owner', alertname: 'SLOErrorBudgetExhausted' });
    expect(s.description).toContain('frozen');
  });
});
