import { defineScenario } from './scenario.js';

/**
 * Waste for the cost rules to find (rds-idle): no connection for the rule's 7 days, so it takes
 * 7 complete virtual days after injection to be detected. The recommendation's runbook,
 * AIOps-StopIdleDbInstance, runs only after a FinOps approval (see docs/cost.md); the cost
 * runbook integration test rehearses that path.
 */
export default defineScenario({
  id: 'cost-idle-db-instance',
  title: 'Idle non-production RDS DB instance',
  description: 'The staging database orders-db is no longer used by anything: zero connections, day after day, while its Multi-AZ instance hours are billed.',
  faults: [{ type: 'metric', resource: 'orders-db', metric: 'DatabaseConnections', pattern: 'flatline', magnitude: 0, durationMinutes: 12_960 }],
  expected: { rule: 'cost-idle-db-instance', detectedBy: 'cost' },
});
