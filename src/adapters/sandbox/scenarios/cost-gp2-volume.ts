import { defineScenario } from './scenario.js';

/**
 * Waste for the cost rules to find. The recommendation's right-sizing runbook runs only after a
 * FinOps approval (see docs/cost.md); the cost integration test rehearses that path.
 */
export default defineScenario({
  id: 'cost-gp2-volume',
  title: 'gp2 volume that should be gp3',
  description: 'The 500 GiB volume orphaned-data is gp2: the same volume as gp3 costs 20 % less.',
  faults: [{ type: 'state', resource: 'orphaned-data', set: { VolumeType: 'gp2' }, eventName: 'ModifyVolume' }],
  expected: { rule: 'cost-gp2-volume', detectedBy: 'cost' },
});
