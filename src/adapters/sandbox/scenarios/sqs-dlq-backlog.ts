import { defineScenario } from './scenario.js';

/**
 * A downstream outage sent 250 orders to the dead-letter queue. The DLQ depth alarm (> 100 for 5
 * minutes) fires; the runbook moves the messages back to the source queue.
 */
export default defineScenario({
  id: 'sqs-dlq-backlog',
  title: "SQS dead-letter queue above 100 messages",
  description: "orders-dlq holds 250 messages.",
  faults: [
    { type: 'state', resource: 'orders-dlq', set: { ApproximateNumberOfMessages: 250 }, eventName: 'SendMessageBatch' },
  ],
  expected: {
    alarm: 'staging-orders-dlq-depth-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-PurgeSQSDLQ',
    needsApproval: false,
    targetState: { resource: 'orders-dlq', field: 'ApproximateNumberOfMessages', equals: 0 },
    resolves: true,
  },
});
