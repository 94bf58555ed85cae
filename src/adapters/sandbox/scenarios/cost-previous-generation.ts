import { defineScenario } from './scenario.js';

/**
 * Waste for the cost rules to find (ec2-previous-generation). The recommendation's runbook,
 * AIOps-ChangeInstanceType, runs only after a FinOps approval (see docs/cost.md); the cost
 * runbook integration test rehearses that path.
 */
export default defineScenario({
  id: 'cost-previous-generation',
  title: 'Instance on a previous-generation family',
  description: 'The dev batch instance legacy-batch runs on m4.xlarge; the same size of m5 costs less.',
  faults: [{ type: 'state', resource: 'legacy-batch', set: { InstanceType: 'm4.xlarge' }, eventName: 'ModifyInstanceAttribute' }],
  expected: { rule: 'cost-previous-generation', detectedBy: 'cost' },
});
