import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, str } from './support/state.js';

/** A filter policy no message carries: SNS has no "disable" switch, this pauses delivery reversibly. */
const PAUSE_FILTER = JSON.stringify({ 'aiops-paused': ['true'] });

/**
 * SNS delivery failure rate > 5 % → alert on-call (the engine's notifier) and pause the failing
 * subscription with a match-nothing filter policy. Unsubscribing would need a re-confirmation, so
 * the pause keeps the subscription and rollback restores the previous filter policy.
 * The rate is the alarm's metric math: NumberOfNotificationsFailed / (Failed + Delivered) × 100.
 */
export default defineRunbook({
  id: 'AIOps-DisableFailingSNSSubscription',
  title: 'Pause a failing SNS subscription and alert on-call',
  condition: 'SNS delivery failure rate > 5 %',
  action: 'Alert on-call and disable (pause) the failing subscription',
  category: 'messaging',
  pattern: 'lambda',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::SNS::Subscription',
  trigger: { metric: 'AWS/SNS NumberOfNotificationsFailed', above: 5, forMinutes: 5, kind: ['metric-alarm', 'anomaly'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 4,
  sandboxScenario: 'sns-delivery-failures',
  rollbackPlan: 'SetSubscriptionAttributes FilterPolicy back to the value captured before (or {} when there was none).',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'SubscriptionArn')) return notEligible('SubscriptionArn unknown');
    if (str(resource.state, 'FilterPolicy') === PAUSE_FILTER) return notEligible('subscription already paused');
    return eligible(`subscription ${str(resource.state, 'Protocol') ?? ''} ${str(resource.state, 'Endpoint') ?? ''}`.trim());
  },
  plan: ({ resource }) => [
    callOn(
      resource,
      'sns:SetSubscriptionAttributes',
      { SubscriptionArn: str(resource.state, 'SubscriptionArn') ?? resource.arn, AttributeName: 'FilterPolicy', AttributeValue: PAUSE_FILTER },
      'pause delivery to the failing endpoint',
    ),
  ],
  rollback: ({ resource }, before) => [
    callOn(resource, 'sns:SetSubscriptionAttributes', {
      SubscriptionArn: str(resource.state, 'SubscriptionArn') ?? resource.arn,
      AttributeName: 'FilterPolicy',
      AttributeValue: str(before, 'FilterPolicy') ?? '{}',
    }),
  ],
  validate: {
    metric: (r) => ({ namespace: 'AWS/SNS', metricName: 'NumberOfNotificationsFailed', dimensions: { TopicName: (str(r.state, 'TopicArn') ?? '').split(':').pop() ?? '' } }),
    stat: 'Sum',
    below: 1,
    withinMinutes: 10,
    datapoints: 2,
  },
});
