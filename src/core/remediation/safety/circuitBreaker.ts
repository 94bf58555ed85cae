import type { Execution } from '../execution.js';
import { actingExecutions, minutesBetween } from './history.js';
import type { SafetyInput, SafetyRule } from './types.js';

export const DEFAULT_BREAKER_THRESHOLD = 3;
export const DEFAULT_BREAKER_RESET_MINUTES = 60;

/** True when the runbook's last `threshold` finished executions all failed and the last failure is recent. */
export function breakerOpen(input: SafetyInput): { open: boolean; failures: number } {
  const threshold = input.circuitBreakerThreshold ?? DEFAULT_BREAKER_THRESHOLD;
  const resetMinutes = input.circuitBreakerResetMinutes ?? DEFAULT_BREAKER_RESET_MINUTES;
  const finished = actingExecutions(input)
    .filter((e): e is Execution & { outcome: 'SUCCESS' | 'FAILURE' } => e.runbookId === input.runbook.id && (e.outcome === 'SUCCESS' || e.outcome === 'FAILURE'))
    .sort((a, b) => Date.parse(b.endedAt ?? b.startedAt) - Date.parse(a.endedAt ?? a.startedAt));
  let failures = 0;
  for (const e of finished) {
    if (e.outcome !== 'FAILURE') break;
    failures++;
  }
  if (failures < threshold) return { open: false, failures };
  const last = finished[0];
  // Half-open after the reset period: one trial may run; its failure re-opens the breaker at once.
  const sinceLast = last ? minutesBetween(last.endedAt ?? last.startedAt, Date.parse(input.now)) : Infinity;
  return { open: sinceLast < resetMinutes, failures };
}

/** N consecutive failures of a runbook stop it (any resource) and page a human. */
export const circuitBreakerRule: SafetyRule = {
  id: 'circuit-breaker',
  evaluate: (input) => {
    const { open, failures } = breakerOpen(input);
    if (!open) return { pass: true };
    return { pass: false, escalate: true, reason: `${input.runbook.id} failed ${failures} times in a row: circuit open, escalating` };
  },
};
