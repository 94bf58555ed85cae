import { defineScenario } from './scenario.js';

/**
 * orders-db fails over to its standby in us-east-1b and RDS reports RDS-EVENT-0049 (Multi-AZ
 * failover completed), delivered here as a Health-shaped event. The runbook confirms the instance
 * is available in its new zone and notifies; nothing withdraws the event, so it ends there.
 */
export default defineScenario({
  id: 'rds-failover-event',
  title: "RDS Multi-AZ failover",
  description: "orders-db fails over to us-east-1b.",
  faults: [
    { type: 'state', resource: 'orders-db', set: { AvailabilityZone: 'us-east-1b', SecondaryAvailabilityZone: 'us-east-1a' }, eventName: 'FailoverDBInstance' },
    { type: 'event', event: 'health', resource: 'orders-db', details: { service: 'RDS', eventTypeCode: 'RDS-EVENT-0049', description: 'Multi-AZ instance failover completed.' } },
  ],
  expected: {
    rule: 'RDS-EVENT-0049',
    severity: 'SEV-3',
    runbook: 'AIOps-RDSFailover',
    needsApproval: false,
    targetState: { resource: 'orders-db', field: 'LastConfirmed.AvailabilityZone', equals: 'us-east-1b' },
    resolves: false,
  },
});
