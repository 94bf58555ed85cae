import type { Execution } from '../../core/remediation/execution.js';
import type { RunbookDescriptor } from '../../core/remediation/runbook.js';
import type { ActionCall } from '../../ports/cloud.js';

export interface SafetyConfig {
  /** Global kill switch: no automated action anywhere. */
  killSwitch: boolean;
  /** Per-environment kill switch. */
  killSwitchEnvironments: string[];
  /** Consecutive failures of a runbook that open its circuit breaker. */
  circuitBreakerFailures: number;
}

export const DEFAULT_SAFETY: SafetyConfig = { killSwitch: false, killSwitchEnvironments: [], circuitBreakerFailures: 3 };

export interface SafetyInput {
  runbook: RunbookDescriptor;
  environment: string;
  target: string;
  plan: ActionCall[];
  /** Recent executions of this runbook (any resource), newest first, excluding the current one. */
  recent: Execution[];
  now: number;
  config: SafetyConfig;
  frozen?: boolean;
}

export interface SafetyVerdict {
  allowed: boolean;
  needsApproval: boolean;
  reasons: string[];
  rule?: string;
}

/**
 * The engine's safety rules, evaluated for every execution before anything acts: kill switches,
 * blast radius (exactly one resource), cool-down per resource, hourly rate limit per runbook,
 * circuit breaker, and the approval requirement (irreversible ⇒ always; prod ⇒ approval).
 */
export function evaluateSafety(i: SafetyInput): SafetyVerdict {
  const deny = (rule: string, reason: string): SafetyVerdict => ({ allowed: false, needsApproval: false, reasons: [reason], rule });
  if (i.config.killSwitch) return deny('kill-switch', 'global kill switch is on');
  if (i.config.killSwitchEnvironments.includes(i.environment)) return deny('kill-switch', `kill switch is on for ${i.environment}`);
  if (i.frozen) return deny('budget-freeze', 'automated remediation is frozen for this service by the error-budget policy');
  const targets = new Set(i.plan.map((c) => c.target));
  if (i.plan.length === 0) return deny('empty-plan', 'the plan has no action');
  if (targets.size !== 1 || !targets.has(i.target)) return deny('blast-radius', `the plan must target exactly ${i.target}`);
  const done = i.recent.filter((e) => e.status !== 'SKIPPED' && e.outcome !== 'SKIPPED');
  const cooldownFrom = i.now - i.runbook.cooldownMinutes * 60_000;
  const hot = done.find((e) => e.targetResource === i.target && Date.parse(e.startedAt) >= cooldownFrom);
  if (hot) return deny('cooldown', `${i.runbook.id} ran on this resource at ${hot.startedAt}; cool-down is ${i.runbook.cooldownMinutes} min`);
  const lastHour = done.filter((e) => Date.parse(e.startedAt) >= i.now - 3_600_000);
  if (lastHour.length >= i.runbook.maxPerHour) return deny('rate-limit', `${i.runbook.id} already ran ${lastHour.length} times in the last hour (limit ${i.runbook.maxPerHour})`);
  const finished = done.filter((e) => e.outcome === 'SUCCESS' || e.outcome === 'FAILURE');
  const streak = finished.slice(0, i.config.circuitBreakerFailures);
  if (streak.length >= i.config.circuitBreakerFailures && streak.every((e) => e.outcome === 'FAILURE')) return deny('circuit-breaker', `${i.runbook.id} failed ${streak.length} times in a row; circuit open`);
  const reasons: string[] = [];
  if (i.runbook.reversible !== true && i.runbook.reversible !== 'n/a') reasons.push('irreversible action');
  if (i.runbook.approval === 'always') reasons.push('runbook always requires approval');
  if (i.runbook.approval === 'none-outside-prod' && i.environment === 'prod') reasons.push('production change');
  if (i.environment === 'prod' && !reasons.includes('production change')) reasons.push('production change');
  return { allowed: true, needsApproval: reasons.length > 0, reasons };
}
