import { defineScenario } from './scenario.js';

/**
 * A reporting job scans the orders table: 40 read throttle events a minute at 400 RCU. The alarm
 * fires after 5 minutes; 25 % more read capacity absorbs the scan.
 */
export default defineScenario({
  id: 'dynamodb-read-throttle',
  title: "DynamoDB read throttling",
  description: "The orders table throttles reads for 5 minutes.",
  faults: [
    { type: 'metric', resource: 'orders', metric: 'ReadThrottleEvents', pattern: 'flatline', magnitude: 40, durationMinutes: 90 },
  ],
  expected: {
    alarm: 'staging-orders-read-throttle-events-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-ScaleDynamoDBCapacity',
    needsApproval: false,
    targetState: { resource: 'orders', field: 'ProvisionedThroughput.ReadCapacityUnits', equals: 500 },
    resolves: true,
  },
});
