import { approvalRule } from './approval.js';
import { blastRadiusRule } from './blastRadius.js';
import { budgetFreezeRule } from './budgetFreeze.js';
import { circuitBreakerRule } from './circuitBreaker.js';
import { cooldownRule } from './cooldown.js';
import { killSwitchRule } from './killSwitch.js';
import { rateLimitRule } from './rateLimit.js';
import type { SafetyDecision, SafetyInput, SafetyRule } from './types.js';

/** Order matters only for `rule` (the first refusal is the one reported); every rule always runs. */
export const SAFETY_RULES: readonly SafetyRule[] = [killSwitchRule, blastRadiusRule, circuitBreakerRule, rateLimitRule, cooldownRule, budgetFreezeRule, approvalRule];

/**
 * Judges one planned execution against every safety rule. Pure. Fails closed: an unreadable time,
 * a throwing rule or a missing verdict refuses the action.
 *
 * @example
 * const d = evaluateSafety({ runbook, targetResource: arn, environment: 'prod', plan, recentExecutions, now: clock.nowIso(),
 *   killSwitch: { global: false, environments: [] }, budgetFreeze: false });
 * if (!d.allowed && d.rule === 'approval') await approvals.request(...);
 */
export function evaluateSafety(input: SafetyInput, rules: readonly SafetyRule[] = SAFETY_RULES): SafetyDecision {
  if (Number.isNaN(Date.parse(input.now))) return { allowed: false, needsApproval: false, reasons: [`now is not an ISO timestamp: ${input.now}`], rule: 'input' };
  const reasons: string[] = [];
  let needsApproval = false;
  let blockedBy: string | undefined;
  let escalate = false;
  for (const rule of rules) {
    let v;
    try {
      v = rule.evaluate(input);
    } catch (err) {
      v = { pass: false, reason: `rule failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (v.needsApproval) needsApproval = true;
    if (v.escalate) escalate = true;
    if (v.reason) reasons.push(`${rule.id}: ${v.reason}`);
    if (!v.pass && blockedBy === undefined) blockedBy = rule.id;
  }
  const approved = input.approval?.decision === 'approved';
  if (blockedBy === undefined && needsApproval && !approved) blockedBy = 'approval';
  const decision: SafetyDecision = { allowed: blockedBy === undefined, needsApproval, reasons };
  if (blockedBy !== undefined) decision.rule = blockedBy;
  if (escalate) decision.escalate = true;
  return decision;
}
