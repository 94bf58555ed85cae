import { recommendedLambdaMemoryMb } from '../../cost/rightSizing.js';
import { defineRunbook } from '../runbook.js';
import { callOn, eligible, isProd, notEligible, num, str } from './support/state.js';

/**
 * Cost right-sizing (rule lambda-oversized-memory): lower a function's memory to its peak "Max
 * Memory Used" plus 30 % headroom, in 64 MB steps (the figure the recommendation priced). The
 * peak comes from the function's `MaxMemoryUsed` state (REPORT log lines / Lambda Insights); without
 * it the runbook does not guess. Reversible (the previous size is restored), but memory also sets
 * the CPU share, so a FinOps approval decides every run; production functions stay with their owners.
 */
export default defineRunbook({
  id: 'AIOps-RightSizeLambdaMemory',
  title: 'Right-size an oversized non-production Lambda function',
  condition: 'Cost recommendation: peak memory used ≤ 50 % of the configured memory on 7 of 14 days, non-prod',
  action: 'Set the memory to the peak used + 30 % headroom, rounded up to 64 MB (at least 128 MB)',
  category: 'compute',
  pattern: 'lambda',
  reversible: true,
  approval: 'always',
  targetResourceType: 'AWS::Lambda::Function',
  trigger: { rule: 'cost-recommendation:lambda-oversized-memory' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 10,
  sandboxScenario: 'cost-oversized-lambda',
  rollbackPlan: 'Set the memory back to the previous size (lambda:UpdateFunctionConfiguration MemorySize).',
  eligible: ({ resource, environment }) => {
    const s = resource.state;
    if (isProd(environment)) return notEligible('production functions are resized by their owners, not by automation');
    if (!str(s, 'FunctionName')) return notEligible('FunctionName unknown');
    const configured = num(s, 'MemorySize');
    if (configured === undefined) return notEligible('MemorySize unknown');
    const used = num(s, 'MaxMemoryUsed');
    if (used === undefined || used <= 0) return notEligible('peak memory used unknown (no REPORT lines or Lambda Insights)');
    const state = s['State'];
    if (state !== undefined && state !== 'Active') return notEligible(`function state is ${String(state)}`);
    const target = recommendedLambdaMemoryMb(used);
    if (target >= configured) return notEligible(`peak ${used} MB + headroom needs ${target} MB, configured ${configured} MB`);
    return eligible(`${configured} MB → ${target} MB (peak used ${used} MB)`);
  },
  plan: ({ resource }) => [
    callOn(
      resource,
      'lambda:UpdateFunctionConfiguration',
      { FunctionName: str(resource.state, 'FunctionName') ?? resource.name, MemorySize: recommendedLambdaMemoryMb(num(resource.state, 'MaxMemoryUsed') ?? 0) },
      'lower the memory to the peak used plus headroom',
    ),
  ],
  rollback: ({ resource }, before) => [
    callOn(resource, 'lambda:UpdateFunctionConfiguration', { FunctionName: str(resource.state, 'FunctionName') ?? resource.name, MemorySize: num(before, 'MemorySize') ?? num(resource.state, 'MemorySize') }, 'restore the previous memory size'),
  ],
});
