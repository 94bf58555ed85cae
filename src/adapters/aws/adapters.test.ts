import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Approval } from '../../ports/approvals.js';
import type { Notification } from '../../ports/notifier.js';
import { StepFunctionsApprovals } from './approvals.js';
import { EventBridgeBus } from './event-bus.js';
import { CloudWatchLogs } from './logs.js';
import { CloudWatchMetrics, MAX_QUERIES_PER_REQUEST } from './metrics.js';
import { SesNotifier, SnsNotifier, isRetryableAwsError } from './notifier.js';

const clock = { now: () => Date.parse('2026-11-23T10:00:00.000Z'), sleep: async () => {} };

describe('Class: EventBridgeBus', () => {
  const eb = mockClient(EventBridgeClient);
  beforeEach(() => eb.reset());

  it('publishes the topic as detail-type on the configured bus', async () => {
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    const bus = new EventBridgeBus({ eventBusName: 'aiops-alerts-dev', clock, newId: () => 'id-1', client: new EventBridgeClient({}) });
    const ev = await bus.publish('IncidentOpened', { incidentId: 'inc-1' });
    expect(ev).toEqual({ id: 'id-1', topic: 'IncidentOpened', time: '2026-11-23T10:00:00.000Z', payload: { incidentId: 'inc-1' } });
    const input = eb.commandCalls(PutEventsCommand)[0]?.args[0].input;
    expect(input?.Entries?.[0]).toMatchObject({ EventBusName: 'aiops-alerts-dev', Source: 'matcarv.aiops', DetailType: 'IncidentOpened' });
    expect(JSON.parse(input?.Entries?.[0]?.Detail ?? '{}')).toEqual({ eventId: 'id-1', payload: { incidentId: 'inc-1' } });
  });

  it('throws when EventBridge rejects the entry', async () => {
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }] });
    const bus = new EventBridgeBus({ eventBusName: 'b', clock, newId: () => 'x', client: new EventBridgeClient({}) });
    await expect(bus.publish('T', {})).rejects.toThrow(/InternalFailure/);
  });

  it('dispatches a delivered event to local subscribers with the original id and payload', async () => {
    const bus = new EventBridgeBus({ eventBusName: 'b', clock, newId: () => 'x', client: new EventBridgeClient({}) });
    const seen = vi.fn();
    const off = bus.subscribe('IncidentOpened', seen);
    expect(await bus.dispatch({ id: 'eb-1', 'detail-type': 'IncidentOpened', source: 'matcarv.aiops', time: 't', detail: { eventId: 'id-9', payload: { a: 1 } } })).toBe(1);
    expect(seen).toHaveBeenCalledWith({ id: 'id-9', topic: 'IncidentOpened', time: 't', payload: { a: 1 } });
    off();
    expect(await bus.dispatch({ id: 'eb-2', 'detail-type': 'IncidentOpened', source: 's', time: 't', detail: {} })).toBe(0);
  });
});

describe('Class: CloudWatchMetrics', () => {
  const cw = mockClient(CloudWatchClient);
  beforeEach(() => cw.reset());
  const metric = { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'web' } };

  it('follows NextToken pages and returns ascending series', async () => {
    cw.on(GetMetricDataCommand)
      .resolvesOnce({ MetricDataResults: [{ Id: 'q0', Timestamps: [new Date(2000)], Values: [20] }], NextToken: 'n1' })
      .resolvesOnce({ MetricDataResults: [{ Id: 'q0', Timestamps: [new Date(1000)], Values: [10] }] });
    const [s] = await new CloudWatchMetrics({ client: new CloudWatchClient({}) }).getMetricData([{ id: 'q0', metric, stat: 'Average', period: 60 }], 0, 5000);
    expect(s).toMatchObject({ id: 'q0', timestamps: [1000, 2000], values: [10, 20] });
    expect(cw.commandCalls(GetMetricDataCommand)[1]?.args[0].input.NextToken).toBe('n1');
    expect(cw.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries?.[0]?.MetricStat).toMatchObject({ Stat: 'Average', Period: 60, Metric: { Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web' }] } });
  });

  it('splits more than 500 queries into several requests', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const queries = Array.from({ length: MAX_QUERIES_PER_REQUEST + 1 }, (_, i) => ({ id: `q${i}`, metric, stat: 'Sum' as const, period: 300 }));
    const out = await new CloudWatchMetrics({ client: new CloudWatchClient({}) }).getMetricData(queries, 0, 1);
    expect(out).toHaveLength(501);
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(2);
  });

  it('lists metrics across pages', async () => {
    cw.on(ListMetricsCommand).resolvesOnce({ Metrics: [{ Namespace: 'AWS/SQS', MetricName: 'A', Dimensions: [{ Name: 'QueueName', Value: 'q' }] }], NextToken: 't' }).resolvesOnce({ Metrics: [{ Namespace: 'AWS/SQS', MetricName: 'B' }] });
    const out = await new CloudWatchMetrics({ client: new CloudWatchClient({}) }).listMetrics({ namespace: 'AWS/SQS' });
    expect(out.map((m) => m.metric.metricName)).toEqual(['A', 'B']);
    expect(out[0]?.metric.dimensions).toEqual({ QueueName: 'q' });
  });
});

describe('Class: CloudWatchLogs', () => {
  const logs = mockClient(CloudWatchLogsClient);
  beforeEach(() => logs.reset());

  it('pages FilterLogEvents and stops at the limit', async () => {
    logs.on(FilterLogEventsCommand).resolvesOnce({ events: [{ timestamp: 1, message: 'a', logStreamName: 's' }], nextToken: 'n' }).resolvesOnce({ events: [{ timestamp: 2, message: 'b' }, { timestamp: 3, message: 'c' }], nextToken: 'm' });
    const out = await new CloudWatchLogs({ client: new CloudWatchLogsClient({}) }).filterLogEvents({ logGroup: '/aws/lambda/x', startMs: 0, endMs: 9, filterPattern: 'ERROR', limit: 2 });
    expect(out).toEqual([{ timestamp: 1, logGroup: '/aws/lambda/x', logStream: 's', message: 'a' }, { timestamp: 2, logGroup: '/aws/lambda/x', message: 'b' }]);
    expect(logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input).toMatchObject({ filterPattern: 'ERROR', startTime: 0, endTime: 9 });
  });

  it.each([
    ['arn:aws:lambda:us-east-1:1:function:checkout', ['/aws/lambda/checkout']],
    ['arn:aws:ecs:us-east-1:1:service/prod/web', ['/ecs/web']],
    ['arn:aws:s3:::bucket', []],
  ])('knows the log groups of %s', async (arn, groups) => {
    expect(await new CloudWatchLogs({ client: new CloudWatchLogsClient({}) }).logGroupsFor(arn)).toEqual(groups);
  });
});

const notification: Notification = { key: 'k1', receiver: 'critical', action: 'trigger', title: 'SEV-1 checkout down', summary: 'error rate 12%', severity: 'SEV-1', incidentId: 'inc-1' };

describe('Class: SnsNotifier', () => {
  const sns = mockClient(SNSClient);
  beforeEach(() => sns.reset());

  it('publishes to the receiver’s topic and returns the message id', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const res = await new SnsNotifier({ topics: { critical: 'arn:aws:sns:us-east-1:1:aiops-critical-dev' }, client: new SNSClient({}) }).notify(notification);
    expect(res).toEqual({ ok: true, providerId: 'm-1' });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toMatchObject({ TopicArn: 'arn:aws:sns:us-east-1:1:aiops-critical-dev', MessageAttributes: { key: { StringValue: 'k1' } } });
  });

  it.each([
    [Object.assign(new Error('slow down'), { name: 'ThrottlingException' }), true],
    [Object.assign(new Error('oops'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } }), true],
    [Object.assign(new Error('no topic'), { name: 'NotFoundException', $metadata: { httpStatusCode: 404 } }), false],
  ])('reports %s as retryable=%s', async (err, retryable) => {
    sns.on(PublishCommand).rejects(err);
    const res = await new SnsNotifier({ topics: { default: 'arn:aws:sns:us-east-1:1:t' }, client: new SNSClient({}) }).notify(notification);
    expect(res).toMatchObject({ ok: false, retryable });
    expect(isRetryableAwsError(err)).toBe(retryable);
  });

  it('fails without retry when no topic is configured', async () => {
    expect(await new SnsNotifier({ topics: {}, client: new SNSClient({}) }).notify(notification)).toMatchObject({ ok: false, retryable: false });
  });
});

describe('Class: SesNotifier', () => {
  const ses = mockClient(SESv2Client);
  beforeEach(() => ses.reset());

  it('e-mails the receiver’s addresses', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'e-1' });
    const res = await new SesNotifier({ from: 'aiops@example.com', to: { critical: ['oncall@example.com'] }, client: new SESv2Client({}) }).notify(notification);
    expect(res).toEqual({ ok: true, providerId: 'e-1' });
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Destination?.ToAddresses).toEqual(['oncall@example.com']);
  });
});

describe('Class: StepFunctionsApprovals', () => {
  const sfn = mockClient(SFNClient);
  beforeEach(() => sfn.reset());
  const approval: Approval = { id: 'ap-1', executionId: 'ex-1', runbookId: 'AIOps-RestartECSService', targetResource: 'arn:aws:ecs:us-east-1:1:service/prod/web', environment: 'prod', reason: 'production change', plan: [], requestedAt: 't0', expiresAt: 't1', status: 'approved', decidedBy: 'arn:aws:iam::1:user/alice', taskToken: 'tok' };

  it.each([
    ['approved', SendTaskSuccessCommand, undefined, true],
    ['rejected', SendTaskSuccessCommand, undefined, false],
    ['expired', SendTaskFailureCommand, 'ApprovalExpired', undefined],
  ] as const)('resumes a %s decision with the task token', async (status, command, error, approved) => {
    sfn.onAnyCommand().resolves({});
    await new StepFunctionsApprovals({ notifier: { kind: 'x', notify: async () => ({ ok: true }) }, client: new SFNClient({}) }).decided({ ...approval, status, comment: 'ok' });
    const sent = sfn.calls()[0]?.args[0];
    expect(sent).toBeInstanceOf(command);
    const input = (sent as unknown as { input: { taskToken?: string; error?: string; output?: string } }).input;
    expect(input.taskToken).toBe('tok');
    expect(input.error).toBe(error);
    if (approved !== undefined) expect(JSON.parse(input.output ?? '{}')).toMatchObject({ approved, principal: 'arn:aws:iam::1:user/alice', comment: 'ok' });
  });

  it('refuses to resume without a token or before a decision', async () => {
    const a = new StepFunctionsApprovals({ notifier: { kind: 'x', notify: async () => ({ ok: true }) }, client: new SFNClient({}) });
    await expect(a.decided({ ...approval, taskToken: undefined })).rejects.toThrow(/no task token/);
    await expect(a.decided({ ...approval, status: 'pending' })).rejects.toThrow(/still pending/);
  });

  it('sends the request to the approvals receiver and surfaces delivery failures', async () => {
    const notify = vi.fn(async () => ({ ok: false as const, retryable: true, reason: 'down' }));
    await expect(new StepFunctionsApprovals({ notifier: { kind: 'x', notify }, client: new SFNClient({}) }).requested(approval)).rejects.toThrow(/could not be delivered/);
    expect(notify).toHaveBeenCalledWith(expect.objectContaining({ key: 'approval:ap-1', receiver: 'approvals', action: 'approval' }));
  });
});
