import type { SafetyRule } from './types.js';

const PROD = /^prod(uction)?$/i;

/**
 * Who must approve: irreversible actions always (whatever the descriptor says), `always` entries
 * always, `none-outside-prod` entries in production. `none` is for read-only tasks and never asks.
 * A rejected approval blocks; a pending or expired one is simply not granted yet.
 */
export const approvalRule: SafetyRule = {
  id: 'approval',
  evaluate: ({ runbook, environment, approval }) => {
    let why: string | undefined;
    if (runbook.reversible === false) why = 'irreversible action';
    else if (runbook.approval === 'always') why = 'runbook always requires approval';
    else if (runbook.approval === 'none-outside-prod' && PROD.test(environment)) why = `change in ${environment}`;
    if (why === undefined) return { pass: true };
    if (approval?.decision === 'rejected') return { pass: false, needsApproval: true, reason: `${why}: approval rejected${approval.principal ? ` by ${approval.principal}` : ''}` };
    return { pass: true, needsApproval: true, reason: `${why}: approval required` };
  },
};
