import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, num, str } from './support/state.js';

/**
 * SQS DLQ message count > 100 → redrive the messages to their source queue (the name is seed
 * 000's; nothing is purged, messages are moved). A running move task makes it not eligible, so a
 * retried execution never starts a second one. Rollback cancels the move task.
 */
export default defineRunbook({
  id: 'AIOps-PurgeSQSDLQ',
  title: 'Redrive a dead-letter queue to its source queue',
  condition: 'SQS DLQ message count > 100',
  action: 'Redrive (move) the messages to the source queue',
  category: 'messaging',
  pattern: 'lambda',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::SQS::Queue',
  trigger: { metric: 'AWS/SQS ApproximateNumberOfMessagesVisible', above: 100, forMinutes: 5, kind: ['metric-alarm', 'anomaly'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 4,
  ssmDocument: 'AIOps-PurgeSQSDLQ',
  sandboxScenario: 'sqs-dlq-backlog',
  rollbackPlan: 'Cancel the message move task (CancelMessageMoveTask); messages already moved stay in the source queue and fail back to the DLQ if still poison.',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'QueueArn')) return notEligible('QueueArn unknown');
    if (!str(resource.state, 'SourceQueueArn')) return notEligible('not a dead-letter queue (no SourceQueueArn)');
    if (str(resource.state, 'MoveTask.Status') === 'RUNNING') return notEligible('a message move task is already running');
    const n = num(resource.state, 'ApproximateNumberOfMessages');
    if (n === undefined) return notEligible('ApproximateNumberOfMessages unknown');
    if (n === 0) return notEligible('DLQ is empty');
    return eligible(`${n} messages in the DLQ`);
  },
  plan: ({ resource }) => [
    callOn(
      resource,
      'sqs:StartMessageMoveTask',
      { SourceArn: str(resource.state, 'QueueArn'), DestinationArn: str(resource.state, 'SourceQueueArn') },
      'move the DLQ messages back to the source queue',
    ),
  ],
  rollback: ({ resource, diagnostics }) => [
    callOn(resource, 'sqs:CancelMessageMoveTask', { TaskHandle: str(resource.state, 'MoveTask.TaskHandle') ?? str(diagnostics, 'TaskHandle') }),
  ],
  validate: {
    metric: (r) => ({ namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: str(r.state, 'QueueName') ?? r.name } }),
    stat: 'Maximum',
    below: 100,
    withinMinutes: 10,
    datapoints: 2,
  },
});
