import { defineScenario } from './scenario.js';

/**
 * Waste for the cost rules to find. The recommendation's right-sizing runbook runs only after a
 * FinOps approval (see docs/cost.md); the cost integration test rehearses that path.
 */
export default defineScenario({
  id: 'cost-unassociated-eip',
  title: 'Elastic IP attached to nothing',
  description: 'The Elastic IP old-bastion-ip lost its instance and is billed hourly for nothing.',
  faults: [{ type: 'state', resource: 'old-bastion-ip', set: { AssociationId: null }, eventName: 'DisassociateAddress' }],
  expected: { rule: 'cost-unassociated-eip', detectedBy: 'cost' },
});
