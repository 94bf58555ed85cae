import { defineScenario } from './scenario.js';

/**
 * A burst of orders exceeds orders-processor's reserved concurrency: 400 throttles a minute. The
 * throttles alarm (> 100 / min) fires at once; raising reserved concurrency by 25 % absorbs the burst.
 */
export default defineScenario({
  id: 'lambda-throttles',
  title: "Lambda throttling above 100 per minute",
  description: "orders-processor throttles 400 invocations a minute.",
  faults: [
    { type: 'metric', resource: 'orders-processor', metric: 'Throttles', pattern: 'flatline', magnitude: 400, durationMinutes: 90 },
  ],
  expected: {
    alarm: 'staging-orders-throttles-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-IncreaseLambdaConcurrency',
    needsApproval: false,
    targetState: { resource: 'orders-processor', field: 'ReservedConcurrentExecutions', equals: 125 },
    resolves: true,
  },
});
