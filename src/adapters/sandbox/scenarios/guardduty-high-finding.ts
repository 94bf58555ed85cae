import { defineScenario } from './scenario.js';

/**
 * GuardDuty reports deploy-bot's credentials used from outside AWS (severity 8, HIGH). The
 * runbook quarantines the user with an inline deny-all policy.
 */
export default defineScenario({
  id: 'guardduty-high-finding',
  title: "GuardDuty HIGH finding on an IAM user",
  description: "deploy-bot's credentials are used from an external IP.",
  faults: [
    { type: 'event', event: 'guardduty', resource: 'deploy-bot', details: { severity: 8 } },
  ],
  expected: {
    rule: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    severity: 'SEV-2',
    runbook: 'AIOps-QuarantineIAMPrincipal',
    needsApproval: false,
    targetState: { resource: 'deploy-bot', field: 'PolicyNames.0', equals: 'AIOpsQuarantineDeny' },
    resolves: false,
  },
});
