import { defineScenario } from './scenario.js';

/**
 * The primary region's checkout endpoint stops answering: its Route 53 health check turns
 * Unhealthy. After 3 minutes the runbook points the record at the secondary region, whose health
 * check passes. The primary stays down (its alarm stays), so the rehearsal ends at the failover.
 */
export default defineScenario({
  id: 'route53-health-check-failed',
  title: "Route 53 primary health check failed",
  description: "The checkout primary endpoint fails its health check.",
  faults: [
    { type: 'state', resource: 'checkout-primary', set: { Status: 'Unhealthy' }, eventName: 'HealthCheckStatusChange' },
  ],
  expected: {
    alarm: 'staging-checkout-primary-health-check-status-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-FailoverRoute53',
    needsApproval: false,
    targetState: { resource: 'checkout.example.com.', field: 'ResourceRecords.0.Value', equals: '198.51.100.10' },
    resolves: false,
  },
});
