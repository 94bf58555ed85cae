import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, str } from './support/state.js';

/**
 * Lambda error rate > 10 % → roll the alias back to the previous version (a bad deploy is the
 * usual cause). The alarm is metric math on the alias: Errors / Invocations × 100, keyed on
 * `AWS/Lambda Errors`. The previous version is what the alias pointed at before its last update
 * (`PreviousFunctionVersion`, from the alias history the sandbox or CloudTrail provides).
 */
export default defineRunbook({
  id: 'AIOps-RotateLambdaAlias',
  title: 'Roll a Lambda alias back to the previous version',
  condition: 'Lambda error rate > 10 %',
  action: 'Roll the alias back to the previous version',
  category: 'compute',
  pattern: 'lambda',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::Lambda::Alias',
  trigger: { metric: 'AWS/Lambda Errors', above: 10, forMinutes: 3, kind: ['metric-alarm', 'anomaly'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 30,
  maxPerHour: 4,
  ssmDocument: 'AIOps-RotateLambdaAlias',
  sandboxScenario: 'lambda-bad-alias',
  rollbackPlan: 'UpdateAlias back to the FunctionVersion captured before the rollback (roll forward).',
  eligible: ({ resource }) => {
    const s = resource.state;
    const current = str(s, 'FunctionVersion');
    const previous = str(s, 'PreviousFunctionVersion');
    if (!str(s, 'FunctionName') || !str(s, 'Name')) return notEligible('FunctionName or alias Name unknown');
    if (!current || !previous) return notEligible('FunctionVersion or PreviousFunctionVersion unknown');
    if (current === previous) return notEligible('alias already on the previous version');
    return eligible(`alias on ${current}, previous ${previous}`);
  },
  plan: ({ resource }) => [
    callOn(
      resource,
      'lambda:UpdateAlias',
      // RoutingConfig emptied: a half-shifted alias is what broke; the rollback is all-or-nothing.
      { FunctionName: str(resource.state, 'FunctionName'), Name: str(resource.state, 'Name'), FunctionVersion: str(resource.state, 'PreviousFunctionVersion'), RoutingConfig: { AdditionalVersionWeights: {} } },
      `alias ${str(resource.state, 'FunctionVersion') ?? '?'} → ${str(resource.state, 'PreviousFunctionVersion') ?? '?'}`,
    ),
  ],
  rollback: ({ resource }, before) => [
    callOn(resource, 'lambda:UpdateAlias', {
      FunctionName: str(resource.state, 'FunctionName'),
      Name: str(resource.state, 'Name'),
      FunctionVersion: str(before, 'FunctionVersion') ?? str(resource.state, 'FunctionVersion'),
    }),
  ],
  validate: {
    metric: (r) => ({
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: str(r.state, 'FunctionName') ?? r.name, Resource: `${str(r.state, 'FunctionName') ?? r.name}:${str(r.state, 'Name') ?? ''}` },
    }),
    stat: 'Average',
    below: 10,
    withinMinutes: 10,
    datapoints: 2,
  },
});
