import { defineScenario } from './scenario.js';

/**
 * A sale floods orders-queue with 15,000 visible messages while its consumer is capped at 20
 * concurrent batches. The depth alarm (> 10,000 for 5 minutes) fires on the queue; the runbook
 * raises the event source mapping's MaximumConcurrency by 25 % and the backlog drains.
 */
export default defineScenario({
  id: 'sqs-queue-depth',
  title: "SQS queue depth above 10,000",
  description: "orders-queue backs up to 15,000 messages.",
  faults: [
    { type: 'metric', resource: 'orders-queue', metric: 'ApproximateNumberOfMessagesVisible', pattern: 'flatline', magnitude: 15000, durationMinutes: 90 },
  ],
  expected: {
    alarm: 'staging-orders-queue-depth-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-ScaleQueueConsumer',
    needsApproval: false,
    targetState: { resource: 'orders-queue-consumer', field: 'ScalingConfig.MaximumConcurrency', equals: 25 },
    resolves: true,
  },
});
