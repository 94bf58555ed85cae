import { actingExecutions, minutesBetween } from './history.js';
import type { SafetyRule } from './types.js';

/** At most `maxPerHour` executions of a runbook (all resources together) in any trailing 60 minutes. */
export const rateLimitRule: SafetyRule = {
  id: 'rate-limit',
  evaluate: (input) => {
    const now = Date.parse(input.now);
    const lastHour = actingExecutions(input).filter((e) => e.runbookId === input.runbook.id && minutesBetween(e.startedAt, now) < 60);
    if (lastHour.length >= input.runbook.maxPerHour) return { pass: false, reason: `${lastHour.length} executions of ${input.runbook.id} in the last hour (limit ${input.runbook.maxPerHour})` };
    return { pass: true };
  },
};
