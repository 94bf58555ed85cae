import { defineRunbook } from '../runbook.js';
import { bool, callOn, eligible, notEligible, str } from './support/state.js';

/**
 * RDS Multi-AZ failover event → confirm the failover completed (instance available, Multi-AZ,
 * primary now in the former secondary AZ) and notify. Read-only: it changes nothing, so there is
 * nothing to roll back. An SSM document because confirming is a multi-step wait on RDS.
 */
export default defineRunbook({
  id: 'AIOps-RDSFailover',
  title: 'Confirm an RDS Multi-AZ failover and notify',
  condition: 'RDS Multi-AZ failover event detected',
  action: 'Confirm the failover and notify',
  category: 'storage',
  pattern: 'ssm',
  reversible: 'n/a',
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::RDS::DBInstance',
  // RDS-EVENT-0013 failover started, 0015/0049/0050/0051 failover completed variants.
  trigger: { rule: '^RDS-EVENT-00(13|15|49|50|51)$', kind: ['health', 'change', 'generic'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 15,
  maxPerHour: 4,
  ssmDocument: 'AIOps-RDSFailover',
  sandboxScenario: 'rds-failover-event',
  rollbackPlan: 'None needed: the runbook only reads and notifies. To fail back, reboot with failover (rds:RebootDBInstance ForceFailover) in a maintenance window.',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'DBInstanceIdentifier')) return notEligible('DBInstanceIdentifier unknown');
    if (bool(resource.state, 'MultiAZ') !== true) return notEligible('instance is not Multi-AZ');
    return eligible(`Multi-AZ instance ${str(resource.state, 'DBInstanceStatus') ?? ''}`.trim());
  },
  plan: ({ resource }) => [
    callOn(resource, 'rds:DescribeDBInstances', { DBInstanceIdentifier: str(resource.state, 'DBInstanceIdentifier') ?? resource.id }, 'confirm the instance is available in its new AZ'),
  ],
  validate: {
    metric: (r) => ({ namespace: 'AWS/RDS', metricName: 'DatabaseConnections', dimensions: { DBInstanceIdentifier: str(r.state, 'DBInstanceIdentifier') ?? r.id } }),
    stat: 'Maximum',
    above: 0,
    withinMinutes: 10,
    datapoints: 1,
  },
});
