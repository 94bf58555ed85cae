import { defineScenario } from './scenario.js';

/**
 * The partner's webhook behind order-events starts failing: 12 of ~60 deliveries a minute fail
 * (about 20 %). The failure alarm fires after 5 minutes; the runbook pauses the failing
 * subscription (a filter policy that matches nothing) and alerts on-call.
 */
export default defineScenario({
  id: 'sns-delivery-failures',
  title: "SNS delivery failures above 5 %",
  description: "The partner webhook subscription fails deliveries.",
  faults: [
    { type: 'metric', resource: 'order-events', metric: 'NumberOfNotificationsFailed', pattern: 'flatline', magnitude: 12, durationMinutes: 90 },
  ],
  expected: {
    alarm: 'staging-orders-notifications-failed-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-DisableFailingSNSSubscription',
    needsApproval: false,
    targetState: { resource: 'order-events-partner-hook', field: 'FilterPolicy', equals: '{"aiops-paused":["true"]}' },
    resolves: true,
  },
});
