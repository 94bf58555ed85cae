import { defineScenario } from './scenario.js';

/**
 * AWS Config evaluates the legacy-ssh security group (SSH open to 0.0.0.0/0) NON_COMPLIANT with
 * restricted-ssh. Revoking is not reversible by automation: a human approves it.
 */
export default defineScenario({
  id: 'sg-open-ssh',
  title: "Security group open to the world on SSH",
  description: "legacy-ssh allows port 22 from 0.0.0.0/0.",
  faults: [
    { type: 'event', event: 'config', resource: 'legacy-ssh', details: { configRuleName: 'restricted-ssh' } },
  ],
  expected: {
    rule: 'restricted-ssh',
    severity: 'SEV-4',
    runbook: 'AIOps-RevokeOpenSSH',
    needsApproval: true,
    targetState: { resource: 'legacy-ssh', field: 'IpPermissions', equals: [] },
    resolves: false,
  },
});
