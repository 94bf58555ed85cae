import { defineRunbook } from '../runbook.js';
import { at, callOn, eligible, notEligible, num, str } from './support/state.js';

function recordSet(state: Record<string, unknown>, records: unknown): Record<string, unknown> {
  return { Name: str(state, 'Name'), Type: str(state, 'Type'), TTL: num(state, 'TTL') ?? 60, ResourceRecords: records };
}

function sameRecords(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Route 53 health check failed → point the record at the secondary region (UPSERT). The secondary
 * records come from the product's failover configuration, stored on the resource as
 * `SecondaryResourceRecords`. A Step Functions flow because it spans a check, a DNS change and a
 * propagation wait; rollback UPSERTs the primary records captured before.
 */
export default defineRunbook({
  id: 'AIOps-FailoverRoute53',
  title: 'Fail DNS over to the secondary region',
  condition: 'Route53 health check failed',
  action: 'Failover DNS to the secondary region',
  category: 'networking',
  pattern: 'stepfunctions',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::Route53::RecordSet',
  trigger: { metric: 'AWS/Route53 HealthCheckStatus', below: 1, forMinutes: 3, kind: ['metric-alarm', 'health'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 2,
  sandboxScenario: 'route53-health-check-failed',
  rollbackPlan: 'UPSERT the record back to the primary ResourceRecords captured before the failover (fail back once the primary is healthy).',
  eligible: ({ resource }) => {
    const s = resource.state;
    if (!str(s, 'HostedZoneId') || !str(s, 'Name') || !str(s, 'Type')) return notEligible('HostedZoneId, Name or Type unknown');
    const secondary = at(s, 'SecondaryResourceRecords');
    if (!Array.isArray(secondary) || secondary.length === 0) return notEligible('no SecondaryResourceRecords configured');
    if (sameRecords(at(s, 'ResourceRecords'), secondary)) return notEligible('already failed over to the secondary');
    return eligible('primary unhealthy, secondary configured');
  },
  plan: ({ resource }) => [
    callOn(
      resource,
      'route53:ChangeResourceRecordSets',
      {
        HostedZoneId: str(resource.state, 'HostedZoneId'),
        ChangeBatch: { Comment: 'AIOps-FailoverRoute53 failover', Changes: [{ Action: 'UPSERT', ResourceRecordSet: recordSet(resource.state, at(resource.state, 'SecondaryResourceRecords')) }] },
      },
      'point the record at the secondary region',
    ),
  ],
  rollback: ({ resource }, before) => [
    callOn(resource, 'route53:ChangeResourceRecordSets', {
      HostedZoneId: str(resource.state, 'HostedZoneId'),
      ChangeBatch: {
        Comment: 'AIOps-FailoverRoute53 rollback',
        Changes: [{ Action: 'UPSERT', ResourceRecordSet: recordSet(resource.state, at(before, 'ResourceRecords') ?? at(resource.state, 'ResourceRecords')) }],
      },
    }),
  ],
  validate: {
    metric: (r) => ({ namespace: 'AWS/Route53', metricName: 'HealthCheckStatus', dimensions: { HealthCheckId: str(r.state, 'SecondaryHealthCheckId') ?? '' } }),
    stat: 'Minimum',
    above: 0,
    withinMinutes: 5,
    datapoints: 2,
  },
});
