import type { Execution } from '../execution.js';
import type { SafetyInput } from './types.js';

/** Executions that acted (or tried to): skipped runs and dry runs change nothing, so they never count. */
export function actingExecutions(input: SafetyInput): Execution[] {
  return input.recentExecutions.filter((e) => e.id !== input.executionId && !e.dryRun && e.status !== 'SKIPPED' && e.outcome !== 'SKIPPED');
}

export function minutesBetween(fromIso: string, toMs: number): number {
  return (toMs - Date.parse(fromIso)) / 60_000;
}
