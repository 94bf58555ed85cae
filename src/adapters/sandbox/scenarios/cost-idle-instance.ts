import { defineScenario } from './scenario.js';

/**
 * Waste for the cost rules to find. The recommendation's right-sizing runbook runs only after a
 * FinOps approval (see docs/cost.md); the cost integration test rehearses that path. The fleet's
 * legacy-batch is already idle (~1.8 % CPU, ~3.9 MB of network a day); the faults hold it flat at
 * 1 % CPU and ~4.3 MB a day (in + out) so the verdict does not depend on the generator's noise.
 */
export default defineScenario({
  id: 'cost-idle-instance',
  title: 'Idle non-production instance',
  description: 'The dev batch instance legacy-batch sits idle: CPU about 1 % and a few MB of network a day, for days.',
  faults: [
    { type: 'metric', resource: 'legacy-batch', metric: 'CPUUtilization', pattern: 'flatline', magnitude: 1, durationMinutes: 20_160 },
    { type: 'metric', resource: 'legacy-batch', metric: 'NetworkIn', pattern: 'flatline', magnitude: 2_000, durationMinutes: 20_160 },
    { type: 'metric', resource: 'legacy-batch', metric: 'NetworkOut', pattern: 'flatline', magnitude: 1_000, durationMinutes: 20_160 },
  ],
  expected: { rule: 'cost-idle-instance', detectedBy: 'cost' },
});
