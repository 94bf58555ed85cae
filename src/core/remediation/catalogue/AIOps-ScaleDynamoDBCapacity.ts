import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, num, scaleUp, str } from './support/state.js';

/** Provisioned capacity cap for one automatic step; beyond it a human decides (cost). */
const RCU_CAP = 40_000;

/**
 * DynamoDB throttled reads → raise provisioned read capacity by 25 %. On-demand tables do not
 * throttle on provisioned capacity, so they are not eligible (the throttle has another cause).
 */
export default defineRunbook({
  id: 'AIOps-ScaleDynamoDBCapacity',
  title: 'Increase a DynamoDB table’s read capacity',
  condition: 'DynamoDB throttled reads (ReadThrottleEvents ≥ 1 / min for 5 min)',
  action: 'Increase provisioned RCU by 25 % (rounded up)',
  category: 'storage',
  pattern: 'lambda',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::DynamoDB::Table',
  trigger: { metric: 'AWS/DynamoDB ReadThrottleEvents', above: 0, forMinutes: 5, kind: ['metric-alarm', 'anomaly'] },
  blastRadius: { maxResources: 1, maxChangePct: 25 },
  cooldownMinutes: 60,
  maxPerHour: 4,
  sandboxScenario: 'dynamodb-read-throttle',
  rollbackPlan: 'UpdateTable back to the ReadCapacityUnits captured before (DynamoDB allows a limited number of decreases per day).',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'TableName')) return notEligible('TableName unknown');
    if (str(resource.state, 'BillingModeSummary.BillingMode') === 'PAY_PER_REQUEST') return notEligible('on-demand table: no provisioned capacity to raise');
    if (str(resource.state, 'TableStatus') !== 'ACTIVE') return notEligible(`table status is ${str(resource.state, 'TableStatus') ?? 'unknown'}`);
    const rcu = num(resource.state, 'ProvisionedThroughput.ReadCapacityUnits');
    if (rcu === undefined || num(resource.state, 'ProvisionedThroughput.WriteCapacityUnits') === undefined) return notEligible('provisioned throughput unknown');
    if (rcu >= RCU_CAP) return notEligible(`read capacity already ${rcu}`);
    return eligible(`read capacity ${rcu} can grow`);
  },
  plan: ({ resource }) => {
    const rcu = num(resource.state, 'ProvisionedThroughput.ReadCapacityUnits') ?? 1;
    const wcu = num(resource.state, 'ProvisionedThroughput.WriteCapacityUnits') ?? 1;
    const target = scaleUp(rcu, 1.25, RCU_CAP);
    return [
      callOn(
        resource,
        'dynamodb:UpdateTable',
        { TableName: str(resource.state, 'TableName') ?? resource.name, ProvisionedThroughput: { ReadCapacityUnits: target, WriteCapacityUnits: wcu } },
        `read capacity ${rcu} → ${target}`,
      ),
    ];
  },
  rollback: ({ resource }, before) => [
    callOn(resource, 'dynamodb:UpdateTable', {
      TableName: str(resource.state, 'TableName') ?? resource.name,
      ProvisionedThroughput: {
        ReadCapacityUnits: num(before, 'ProvisionedThroughput.ReadCapacityUnits') ?? num(resource.state, 'ProvisionedThroughput.ReadCapacityUnits'),
        WriteCapacityUnits: num(before, 'ProvisionedThroughput.WriteCapacityUnits') ?? num(resource.state, 'ProvisionedThroughput.WriteCapacityUnits'),
      },
    }),
  ],
  validate: {
    metric: (r) => ({ namespace: 'AWS/DynamoDB', metricName: 'ReadThrottleEvents', dimensions: { TableName: str(r.state, 'TableName') ?? r.name } }),
    stat: 'Sum',
    below: 1,
    withinMinutes: 10,
    datapoints: 2,
  },
});
