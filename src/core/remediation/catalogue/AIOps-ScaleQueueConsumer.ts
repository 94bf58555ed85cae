import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, num, scaleUp, str } from './support/state.js';

/** SQS event source mappings accept a maximum concurrency between 2 and 1000. */
const MAX_CONCURRENCY_CAP = 1000;

/**
 * SQS queue depth > 10,000 → scale the consumer Lambda: raise the event source mapping's
 * MaximumConcurrency by 25 %. The alert is on the queue; the engine resolves the target mapping
 * whose EventSourceArn is that queue. A mapping without a maximum is already uncapped.
 */
export default defineRunbook({
  id: 'AIOps-ScaleQueueConsumer',
  title: 'Scale the Lambda consumer of a backed-up queue',
  condition: 'SQS queue depth > 10,000',
  action: 'Raise the consumer event source mapping’s maximum concurrency by 25 %',
  category: 'messaging',
  pattern: 'lambda',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::Lambda::EventSourceMapping',
  trigger: { metric: 'AWS/SQS ApproximateNumberOfMessagesVisible', above: 10_000, forMinutes: 5, kind: ['metric-alarm', 'anomaly'] },
  blastRadius: { maxResources: 1, maxChangePct: 25 },
  cooldownMinutes: 30,
  maxPerHour: 4,
  sandboxScenario: 'sqs-queue-depth',
  rollbackPlan: 'UpdateEventSourceMapping back to the MaximumConcurrency captured before.',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'UUID')) return notEligible('event source mapping UUID unknown');
    if (str(resource.state, 'State') !== 'Enabled') return notEligible(`mapping state is ${str(resource.state, 'State') ?? 'unknown'}`);
    const max = num(resource.state, 'ScalingConfig.MaximumConcurrency');
    if (max === undefined) return notEligible('no MaximumConcurrency: consumer already uncapped, raise the function concurrency instead');
    if (max >= MAX_CONCURRENCY_CAP) return notEligible(`MaximumConcurrency already ${max}`);
    return eligible(`MaximumConcurrency ${max} can grow`);
  },
  plan: ({ resource }) => {
    const max = num(resource.state, 'ScalingConfig.MaximumConcurrency') ?? 2;
    const target = scaleUp(max, 1.25, MAX_CONCURRENCY_CAP);
    return [
      callOn(
        resource,
        'lambda:UpdateEventSourceMapping',
        { UUID: str(resource.state, 'UUID') ?? resource.id, ScalingConfig: { MaximumConcurrency: target } },
        `consumer max concurrency ${max} → ${target}`,
      ),
    ];
  },
  rollback: ({ resource }, before) => [
    callOn(resource, 'lambda:UpdateEventSourceMapping', {
      UUID: str(resource.state, 'UUID') ?? resource.id,
      ScalingConfig: { MaximumConcurrency: num(before, 'ScalingConfig.MaximumConcurrency') ?? num(resource.state, 'ScalingConfig.MaximumConcurrency') },
    }),
  ],
  validate: {
    metric: (r) => ({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: (str(r.state, 'EventSourceArn') ?? '').split(':').pop() ?? '' },
    }),
    stat: 'Maximum',
    below: 10_000,
    withinMinutes: 15,
    datapoints: 2,
  },
});
