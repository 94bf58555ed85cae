import { defineScenario } from './scenario.js';

/**
 * The host under web-2 degrades: its instance status check reports `impaired`. The status-check
 * alarm fires after 2 minutes; a stop/start moves the instance to healthy hardware.
 */
export default defineScenario({
  id: 'ec2-status-check-failed',
  title: "EC2 instance status check failed",
  description: "web-2 fails its instance status check.",
  faults: [
    { type: 'state', resource: 'web-2', set: { InstanceStatus: { Status: 'impaired' } }, eventName: 'InstanceStatusImpaired' },
  ],
  expected: {
    alarm: 'staging-web-2-status-check-failed-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-RebootEC2Instance',
    needsApproval: false,
    targetState: { resource: 'web-2', field: 'InstanceStatus.Status', equals: 'ok' },
    resolves: true,
  },
});
