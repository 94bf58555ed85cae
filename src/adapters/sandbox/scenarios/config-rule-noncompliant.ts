import { defineScenario } from './scenario.js';

/**
 * AWS Config evaluates the unattached orphaned-data volume NON_COMPLIANT with encrypted-volumes.
 * No dedicated runbook fixes encryption, so the generic entry records a Security Hub finding on it.
 */
export default defineScenario({
  id: 'config-rule-noncompliant',
  title: "Config rule non-compliant (generic finding)",
  description: "orphaned-data is an unencrypted EBS volume.",
  faults: [
    { type: 'event', event: 'config', resource: 'orphaned-data', details: { configRuleName: 'encrypted-volumes' } },
  ],
  expected: {
    rule: 'encrypted-volumes',
    severity: 'SEV-4',
    runbook: 'AIOps-CreateConfigFinding',
    needsApproval: false,
    targetState: { resource: 'orphaned-data', field: 'SecurityHubFindings.0', equals: 'aiops/config/encrypted-volumes/arn:aws:ec2:us-east-1:123456789012:volume/vol-0fedcba9876543210' },
    resolves: false,
  },
});
