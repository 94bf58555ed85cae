import { defineScenario } from './scenario.js';

/**
 * Waste for the cost rules to find (ebs-snapshot-old). The recommendation's runbook,
 * AIOps-DeleteOldSnapshot, runs only after a FinOps approval (see docs/cost.md); the cost
 * runbook integration test rehearses that path.
 */
export default defineScenario({
  id: 'cost-old-snapshot',
  title: 'EBS snapshot past retention',
  description: 'The dev snapshot web-1-root-2026-08 is months past the 30-day retention and backs no AMI.',
  faults: [{ type: 'state', resource: 'web-1-root-2026-08', set: { StartTime: '2026-08-01T02:00:00.000Z', State: 'completed' }, eventName: 'CopySnapshot' }],
  expected: { rule: 'cost-old-snapshot', detectedBy: 'cost' },
});
