import { defineRunbook } from '../runbook.js';
import { asffFinding } from './support/asff.js';
import { callOn, contextNowMs, eligible, notEligible } from './support/state.js';

/**
 * AWS Config rule non-compliant → import a Security Hub finding about the resource and alert.
 * The generic fallback for Config rules: the more specific entries (S3 public access, open SSH,
 * CloudTrail, access key age) win when they match. The finding id is derived from the rule and the
 * resource, so re-importing updates the same finding. Nothing to undo.
 */
export default defineRunbook({
  id: 'AIOps-CreateConfigFinding',
  title: 'Create a Security Hub finding for a non-compliant Config rule',
  condition: 'Config rule non-compliant',
  action: 'Create a Security Hub finding and alert',
  category: 'security',
  pattern: 'lambda',
  reversible: 'n/a',
  approval: 'none-outside-prod',
  targetResourceType: '*',
  trigger: { source: ['config'], kind: ['compliance'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 60,
  sandboxScenario: 'config-rule-noncompliant',
  rollbackPlan: 'None needed: the finding can be archived in Security Hub (BatchUpdateFindings Workflow.Status=SUPPRESSED).',
  eligible: (ctx) => {
    if (!ctx.alert?.rule) return notEligible('no Config rule on the alert');
    if (contextNowMs(ctx) === undefined) return notEligible('no reference time (alert or diagnostics.now)');
    return eligible(`Config rule ${ctx.alert.rule} non-compliant`);
  },
  plan: (ctx) => {
    const { resource, alert } = ctx;
    const rule = alert?.rule ?? 'unknown';
    const at = new Date(contextNowMs(ctx) ?? 0).toISOString();
    return [
      callOn(
        resource,
        'securityhub:BatchImportFindings',
        {
          Findings: [
            asffFinding(resource, {
              id: `aiops/config/${rule}/${resource.arn}`,
              generatorId: `aiops/config/${rule}`,
              title: `Config rule ${rule} is NON_COMPLIANT`,
              description: `AWS Config evaluated ${resource.arn} as NON_COMPLIANT with ${rule}.`,
              type: 'Software and Configuration Checks/AWS Config Analysis',
              severity: 'MEDIUM',
              requirement: rule,
              at,
            }),
          ],
        },
        'import the finding into Security Hub',
      ),
    ];
  },
});
