import { actingExecutions, minutesBetween } from './history.js';
import type { SafetyRule } from './types.js';

/** One execution per (runbook, resource) per cool-down: the previous action needs time to show its effect. */
export const cooldownRule: SafetyRule = {
  id: 'cooldown',
  evaluate: (input) => {
    const now = Date.parse(input.now);
    const recent = actingExecutions(input).filter(
      (e) => e.runbookId === input.runbook.id && e.targetResource === input.targetResource && minutesBetween(e.startedAt, now) < input.runbook.cooldownMinutes,
    );
    if (recent.length === 0) return { pass: true };
    const last = recent.reduce((a, b) => (Date.parse(a.startedAt) >= Date.parse(b.startedAt) ? a : b));
    const waited = Math.floor(minutesBetween(last.startedAt, now));
    return { pass: false, reason: `${input.runbook.id} ran on ${input.targetResource} ${waited} min ago (cool-down ${input.runbook.cooldownMinutes} min)` };
  },
};
