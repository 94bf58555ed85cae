import { defineScenario } from './scenario.js';

/**
 * AWS Config evaluates deploy-bot's access key (created 2026-06-01) NON_COMPLIANT with
 * access-keys-rotated. The key is more than 90 days old, so the runbook deactivates it.
 */
export default defineScenario({
  id: 'iam-access-key-old',
  title: "IAM access key older than 90 days",
  description: "deploy-bot's access key is 175 days old.",
  faults: [
    { type: 'event', event: 'config', resource: 'deploy-bot/AKIAIOSFODNN7EXAMPLE', details: { configRuleName: 'access-keys-rotated' } },
  ],
  expected: {
    rule: 'access-keys-rotated',
    severity: 'SEV-4',
    runbook: 'AIOps-DisableOldAccessKey',
    needsApproval: false,
    targetState: { resource: 'deploy-bot/AKIAIOSFODNN7EXAMPLE', field: 'Status', equals: 'Inactive' },
    resolves: false,
  },
});
