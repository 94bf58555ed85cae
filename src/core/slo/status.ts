import { sloStatusAt, type SloStatusAt } from './burn/evaluate.js';
import { sloWindowBounds } from './burn/calendar.js';
import type { CumulativeEvents } from './burn/math.js';
import type { SloDefinition } from './spec/model.js';

const MINUTE = 60_000;

/** The metric range an evaluation at `endMs` needs: the SLO window and the longest alert window, aligned to the step. */
export function evaluationRange(slo: SloDefinition, endMs: number, historyMs = 0): { startMs: number; endMs: number } {
  const end = alignDown(endMs, slo.stepMs);
  const longest = Math.max(0, ...slo.alertRules.map((r) => r.longWindowMs));
  const earliestEnd = end - historyMs;
  const windowStart = sloWindowBounds(slo.window, earliestEnd).startMs;
  return { startMs: alignDown(Math.min(windowStart, earliestEnd - longest), slo.stepMs), endMs: end };
}

export function alignDown(ms: number, stepMs: number = MINUTE): number {
  return Math.floor(ms / stepMs) * stepMs;
}

/** The SLO's status at `atMs` (aligned down to its step) over events that start at `cum.startMs`. */
export function sloStatusAtTime(slo: SloDefinition, cum: CumulativeEvents, atMs: number): SloStatusAt {
  const end = Math.round((alignDown(atMs, slo.stepMs) - cum.startMs) / cum.stepMs);
  const bounds = sloWindowBounds(slo.window, alignDown(atMs, slo.stepMs));
  const windowStart = Math.max(0, Math.round((alignDown(bounds.startMs, cum.stepMs) - cum.startMs) / cum.stepMs));
  return sloStatusAt(cum, end, { target: slo.target, windowStart, windowMs: bounds.lengthMs, rules: slo.alertRules });
}
