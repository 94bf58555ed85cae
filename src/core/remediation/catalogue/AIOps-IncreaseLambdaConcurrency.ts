import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, num, scaleUp, str } from './support/state.js';

/** Lambda reserved concurrency can never exceed the account's default regional limit. */
const ACCOUNT_CONCURRENCY_CAP = 1000;

/** Lambda throttles > 100 / min → raise the function's reserved concurrency by 25 %. */
export default defineRunbook({
  id: 'AIOps-IncreaseLambdaConcurrency',
  title: 'Increase a Lambda function’s reserved concurrency',
  condition: 'Lambda throttles > 100 / min',
  action: 'Increase reserved concurrency by 25 % (rounded up)',
  category: 'compute',
  pattern: 'lambda',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::Lambda::Function',
  trigger: { metric: 'AWS/Lambda Throttles', above: 100, forMinutes: 1, kind: ['metric-alarm', 'anomaly'] },
  blastRadius: { maxResources: 1, maxChangePct: 25 },
  cooldownMinutes: 30,
  maxPerHour: 4,
  sandboxScenario: 'lambda-throttles',
  rollbackPlan: 'Put the reserved concurrency captured before the change back (PutFunctionConcurrency).',
  eligible: ({ resource }) => {
    const reserved = num(resource.state, 'ReservedConcurrentExecutions');
    if (!str(resource.state, 'FunctionName')) return notEligible('FunctionName unknown');
    if (reserved === undefined) return notEligible('no reserved concurrency set: the function already uses the unreserved pool');
    if (reserved >= ACCOUNT_CONCURRENCY_CAP) return notEligible(`reserved concurrency already ${reserved}`);
    return eligible(`reserved concurrency ${reserved} can grow`);
  },
  plan: ({ resource }) => {
    const reserved = num(resource.state, 'ReservedConcurrentExecutions') ?? 0;
    const target = scaleUp(reserved, 1.25, ACCOUNT_CONCURRENCY_CAP);
    return [
      callOn(
        resource,
        'lambda:PutFunctionConcurrency',
        { FunctionName: str(resource.state, 'FunctionName') ?? resource.name, ReservedConcurrentExecutions: target },
        `reserved concurrency ${reserved} → ${target}`,
      ),
    ];
  },
  rollback: ({ resource }, before) => [
    callOn(resource, 'lambda:PutFunctionConcurrency', {
      FunctionName: str(resource.state, 'FunctionName') ?? resource.name,
      ReservedConcurrentExecutions: num(before, 'ReservedConcurrentExecutions') ?? num(resource.state, 'ReservedConcurrentExecutions'),
    }),
  ],
  validate: {
    metric: (r) => ({ namespace: 'AWS/Lambda', metricName: 'Throttles', dimensions: { FunctionName: str(r.state, 'FunctionName') ?? r.name } }),
    stat: 'Sum',
    below: 100,
    withinMinutes: 10,
    datapoints: 2,
  },
});
