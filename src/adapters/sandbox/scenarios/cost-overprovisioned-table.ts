import { defineScenario } from './scenario.js';

/**
 * Waste for the cost rules to find (dynamodb-overprovisioned). The sandbox publishes no write
 * consumption for tables, so the table's peak consumed rates are given in its
 * `PeakConsumedCapacity` state (per-second peaks over the rule's window, as the cost feature reads
 * them from CloudWatch on AWS). The recommendation's runbook, AIOps-RightSizeDynamoDbCapacity,
 * runs only after a FinOps approval (see docs/cost.md).
 */
export default defineScenario({
  id: 'cost-overprovisioned-table',
  title: 'DynamoDB table provisioned far above its peak',
  description: 'The staging orders table is provisioned at 400 RCU / 200 WCU but never consumes more than 56 reads and 12 writes per second.',
  faults: [
    {
      type: 'state',
      resource: 'orders',
      set: { ProvisionedThroughput: { ReadCapacityUnits: 400, WriteCapacityUnits: 200, NumberOfDecreasesToday: 0 }, PeakConsumedCapacity: { ReadCapacityUnits: 56, WriteCapacityUnits: 12 } },
      eventName: 'UpdateTable',
    },
  ],
  expected: { rule: 'cost-overprovisioned-table', detectedBy: 'cost' },
});
