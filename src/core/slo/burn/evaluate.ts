import { burnRate, budgetRemaining, countsBetween, countsInWindow, errorRatio, timeToExhaustionMs, type CumulativeEvents, type EventCounts } from './math.js';
import { windowLabel, type BurnRateRule } from './windows.js';

/** One rule at one instant: the burn rate over each of its windows and whether both reach the factor. */
export interface RuleState {
  rule: BurnRateRule;
  longBurn: number;
  shortBurn: number;
  firing: boolean;
}

/** Evaluates multi-window rules at step index `end` (exclusive): fires when long AND short burn ≥ factor. */
export function evaluateRules(cum: CumulativeEvents, end: number, target: number, rules: readonly BurnRateRule[]): RuleState[] {
  return rules.map((rule) => {
    const long = countsInWindow(cum, end, rule.longWindowMs);
    const short = countsInWindow(cum, end, rule.shortWindowMs);
    const longBurn = burnRate(long, target);
    const shortBurn = burnRate(short, target);
    return { rule, longBurn, shortBurn, firing: long.total > 0 && short.total > 0 && longBurn >= rule.factor && shortBurn >= rule.factor };
  });
}

export interface SloStatusInput {
  target: number;
  /** First step of the SLO window (rolling: end − window; calendar: the month's first step). */
  windowStart: number;
  /** The SLO window's length, for time to exhaustion (a calendar month's real length). */
  windowMs: number;
  rules: readonly BurnRateRule[];
}

/** An SLO's state at one instant. */
export interface SloStatusAt {
  /** Events over the SLO window. */
  events: EventCounts;
  /** Good / total over the SLO window; null without events. */
  sli: number | null;
  errorRatio: number;
  budgetRemaining: number;
  /** Burn rate per distinct window (`5m`, `1h`, …), short windows included. */
  burnRates: Record<string, number>;
  rules: RuleState[];
  /** At the burn rate of the shortest long window; Infinity when nothing burns. */
  timeToExhaustionMs: number;
}

/**
 * The full status at step index `end` (exclusive).
 *
 * @example
 * const cum = cumulate(series);
 * const s = sloStatusAt(cum, cum.length, { target: 0.999, windowStart: cum.length - 43_200, windowMs: 30 * 86_400_000, rules: WORKBOOK_PRESET.rules });
 * s.rules.filter((r) => r.firing).map((r) => r.rule.severity);
 */
export function sloStatusAt(cum: CumulativeEvents, end: number, input: SloStatusInput): SloStatusAt {
  const events = countsBetween(cum, input.windowStart, end);
  const rules = evaluateRules(cum, end, input.target, input.rules);
  const burnRates: Record<string, number> = {};
  for (const r of rules) {
    burnRates[windowLabel(r.rule.longWindowMs)] = r.longBurn;
    burnRates[windowLabel(r.rule.shortWindowMs)] = r.shortBurn;
  }
  const remaining = budgetRemaining(events, input.target);
  const fastest = rules.reduce<RuleState | undefined>((best, r) => (!best || r.rule.longWindowMs < best.rule.longWindowMs ? r : best), undefined);
  return {
    events,
    sli: events.total > 0 ? events.good / events.total : null,
    errorRatio: errorRatio(events),
    budgetRemaining: remaining,
    burnRates,
    rules,
    timeToExhaustionMs: timeToExhaustionMs(remaining, fastest?.longBurn ?? 0, input.windowMs),
  };
}
