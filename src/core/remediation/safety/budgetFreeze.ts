import type { SafetyRule } from './types.js';

/**
 * The SLO error-budget policy froze changes: automated changes go through a human until the budget
 * recovers. Read-only runbooks (approval `none`) keep running: detection and reports change nothing.
 */
export const budgetFreezeRule: SafetyRule = {
  id: 'budget-freeze',
  evaluate: ({ budgetFreeze, runbook }) => {
    if (!budgetFreeze || runbook.approval === 'none') return { pass: true };
    return { pass: true, needsApproval: true, reason: 'error-budget freeze: changes need approval' };
  },
};
