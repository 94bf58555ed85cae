import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible } from './support/state.js';

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
  eligible: ({ alert }) => (alert?.rule ? eligible(`Config rule ${alert.rule} non-compliant`) : notEligible('no Config rule on the alert')),
  plan: ({ resource, alert }) => [
    callOn(
      resource,
      'securityhub:BatchImportFindings',
      {
        Findings: [
          {
            Id: `aiops/config/${alert?.rule ?? 'unknown'}/${resource.arn}`,
            GeneratorId: `aiops/config/${alert?.rule ?? 'unknown'}`,
            Title: `Config rule ${alert?.rule ?? 'unknown'} is NON_COMPLIANT`,
            Types: ['Software and Configuration Checks/AWS Config Analysis'],
            Severity: { Label: 'MEDIUM' },
            Resources: [{ Type: resource.type, Id: resource.arn }],
            Compliance: { Status: 'FAILED', RelatedRequirements: [alert?.rule ?? 'unknown'] },
          },
        ],
      },
      'import the finding into Security Hub',
    ),
  ],
});
