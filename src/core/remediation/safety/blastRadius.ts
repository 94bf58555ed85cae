import type { SafetyRule } from './types.js';

/** Every call of the plan targets the execution's one resource; an empty plan acts on nothing and is refused. */
export const blastRadiusRule: SafetyRule = {
  id: 'blast-radius',
  evaluate: ({ plan, targetResource, runbook }) => {
    if (plan.length === 0) return { pass: false, reason: 'empty plan: nothing to execute' };
    const targets = new Set(plan.map((c) => c.target));
    if (targets.size > runbook.blastRadius.maxResources) return { pass: false, reason: `plan touches ${targets.size} resources (limit ${runbook.blastRadius.maxResources})` };
    const stray = [...targets].filter((t) => t !== targetResource);
    if (stray.length > 0) return { pass: false, reason: `plan targets ${stray.join(', ')} instead of ${targetResource}` };
    return { pass: true };
  },
};
