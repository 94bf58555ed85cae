import { defineScenario } from './scenario.js';

/**
 * Waste for the cost rules to find. The recommendation's right-sizing runbook runs only after a
 * FinOps approval (see docs/cost.md); the cost integration test rehearses that path.
 */
export default defineScenario({
  id: 'cost-idle-instance',
  title: 'Idle non-production instance',
  description: 'The dev batch instance legacy-batch sits idle: CPU about 1 % and almost no network for days.',
  faults: [
    { type: 'metric', resource: 'legacy-batch', metric: 'CPUUtilization', pattern: 'flatline', magnitude: 1, durationMinutes: 20_160 },
    { type: 'metric', resource: 'legacy-batch', metric: 'NetworkIn', pattern: 'flatline', magnitude: 2_000, durationMinutes: 20_160 },
  ],
  expected: { rule: 'cost-idle-instance', detectedBy: 'cost' },
});
