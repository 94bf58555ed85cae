import type { ActionCall } from '../../../ports/cloud.js';
import type { Execution } from '../execution.js';
import type { RunbookDescriptor } from '../runbook.js';

/** The decision a human took on an approval request, as the Approvals port reports it. */
export type ApprovalDecision = 'approved' | 'rejected' | 'pending' | 'expired';

export interface KillSwitch {
  /** Stops every automated action everywhere. */
  global: boolean;
  /** Environments where automated actions are stopped (e.g. `['prod']`). */
  environments: string[];
}

/** Everything the safety policy needs to judge one planned execution. All of it is data. */
export interface SafetyInput {
  runbook: Pick<RunbookDescriptor, 'id' | 'reversible' | 'approval' | 'cooldownMinutes' | 'maxPerHour' | 'blastRadius'>;
  /** ARN of the one resource the execution is for. */
  targetResource: string;
  environment: string;
  plan: readonly ActionCall[];
  /** Recent executions (at least the last hour and the cool-down window; any runbook, any resource). */
  recentExecutions: readonly Execution[];
  /** The execution being judged, excluded from the history (so a re-evaluation does not count itself). */
  executionId?: string;
  /** ISO 8601: the decision time (virtual time locally). */
  now: string;
  killSwitch: KillSwitch;
  /** True while the SLO error-budget policy freezes changes: every non-read-only runbook needs a human. */
  budgetFreeze: boolean;
  /** The recorded approval for this execution, if one was requested. */
  approval?: { decision: ApprovalDecision; principal?: string };
  /** Consecutive failures that open the circuit breaker (default 3). */
  circuitBreakerThreshold?: number;
  /** Minutes after the last failure before the breaker lets one trial run (default 60). */
  circuitBreakerResetMinutes?: number;
}

/** One rule's verdict: block, or pass (possibly demanding an approval). */
export interface RuleVerdict {
  pass: boolean;
  needsApproval?: boolean;
  /** Why it blocked or why it wants an approval. */
  reason?: string;
  /** The engine must page a human (the circuit breaker opened). */
  escalate?: boolean;
}

export interface SafetyRule {
  /** Stable rule id, recorded in the audit trail when it refuses. */
  id: string;
  evaluate: (input: SafetyInput) => RuleVerdict;
}

/**
 * The composed decision.
 * - `needsApproval`: some rule demands a human approval for this execution.
 * - `allowed`: the execution may act now: no rule blocked it and, when an approval is needed, it was granted.
 * When `allowed` is false and `rule` is `approval`, the engine requests an approval and asks again.
 */
export interface SafetyDecision {
  allowed: boolean;
  needsApproval: boolean;
  reasons: string[];
  /** The first rule that refused, if any. */
  rule?: string;
  escalate?: boolean;
}
