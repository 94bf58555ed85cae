import { defineScenario } from './scenario.js';

/**
 * Every 15 minutes the Security Hub findings updated since the last sync are imported.
 */
export default defineScenario({
  id: 'securityhub-sync-schedule',
  title: "Security Hub sync every 15 minutes",
  description: "The findings sync runs on its 15-minute schedule.",
  faults: [],
  expected: {
    rule: 'schedule:securityhub-sync',
    runbook: 'AIOps-SyncSecurityHubFindings',
    needsApproval: false,
    targetState: { resource: 'aiops-securityhub-sync', field: 'LastInvocation.Payload.task', equals: 'securityhub-sync' },
    resolves: false,
  },
});
