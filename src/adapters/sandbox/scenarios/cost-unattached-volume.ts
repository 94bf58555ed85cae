import { defineScenario } from './scenario.js';

/**
 * Waste for the cost rules to find (ebs-underused). The recommendation's runbook,
 * AIOps-DeleteUnattachedVolume, runs only after a FinOps approval (see docs/cost.md); the cost
 * runbook integration test rehearses that path.
 */
export default defineScenario({
  id: 'cost-unattached-volume',
  title: 'EBS volume attached to nothing',
  description: 'The 500 GiB volume orphaned-data was left behind by a terminated instance: billed every month, attached to nothing.',
  faults: [{ type: 'state', resource: 'orphaned-data', set: { State: 'available', Attachments: [] }, eventName: 'DetachVolume' }],
  expected: { rule: 'cost-unattached-volume', detectedBy: 'cost' },
});
