import { defineScenario } from './scenario.js';

/**
 * Version 3 of orders-processor, live behind the `live` alias, throws on 40 invocations a minute.
 * The alias error alarm (> 10 for 3 minutes) fires; rolling the alias back to version 2 stops the
 * errors.
 */
export default defineScenario({
  id: 'lambda-bad-alias',
  title: "Lambda alias on a bad version",
  description: "orders-processor:live points at a failing version.",
  faults: [
    { type: 'state', resource: 'orders-processor:live', set: { BadVersions: ['3'] }, eventName: 'UpdateAlias' },
    { type: 'metric', resource: 'orders-processor:live', metric: 'Errors', pattern: 'flatline', magnitude: 40, durationMinutes: 90 },
  ],
  expected: {
    alarm: 'staging-orders-alias-errors-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-RotateLambdaAlias',
    needsApproval: false,
    targetState: { resource: 'orders-processor:live', field: 'FunctionVersion', equals: '2' },
    resolves: true,
  },
});
