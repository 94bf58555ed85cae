import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsCloud } from '../../adapters/aws/cloud.js';
import { EventBridgeBus } from '../../adapters/aws/event-bus.js';
import { CloudWatchLogs } from '../../adapters/aws/logs.js';
import { MemoryStore } from '../../adapters/memory/store.js';
import { createRcaService } from '../../app/rca/index.js';
import { openIncident, advanceAtLeast } from '../../core/incidents/lifecycle.js';
import type { Incident } from '../../core/incidents/incident.js';
import { generateLogs } from '../../core/rca/loggen/index.js';
import { ValidationError } from '../../core/shared/errors.js';
import { createLogAnalyzer } from './handler.js';

const NOW = Date.parse('2026-11-23T12:20:00.000Z');
const FAULT = Date.parse('2026-11-23T12:00:00.000Z');
const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:checkout';
const clock = { now: () => NOW, sleep: async () => {} };
const logsMock = mockClient(CloudWatchLogsClient);
const trailMock = mockClient(CloudTrailClient);
const ebMock = mockClient(EventBridgeClient);

const envelope = (type: string, incidentId: string) => ({ id: 'eb-1', 'detail-type': type, source: 'matcarv.aiops', time: new Date(NOW).toISOString(), detail: { eventId: `${type}:${incidentId}`, payload: { incidentId } } });

async function setup() {
  const store = new MemoryStore();
  const incident = openIncident({ id: 'inc-1', title: 'checkout errors', severity: 'SEV-2', groupKey: 'service=checkout', service: 'checkout', resourceArns: [FN], alertIds: [], labels: {}, at: new Date(FAULT + 5 * 60_000).toISOString() });
  await store.collection<Incident>('incidents').create(incident);
  const rca = createRcaService({ logs: new CloudWatchLogs({ client: new CloudWatchLogsClient({}) }), cloud: new AwsCloud({ clients: { cloudtrail: new CloudTrailClient({}) } }), store, clock });
  const bus = new EventBridgeBus({ eventBusName: 'aiops-alerts-dev', clock, newId: () => 'id-1', client: new EventBridgeClient({}) });
  return { store, analyze: createLogAnalyzer({ rca, store, bus }) };
}

beforeEach(() => {
  logsMock.reset();
  trailMock.reset();
  ebMock.reset();
  // A bad deploy at 12:00: the function's logs gain a TypeError; CloudTrail has the UpdateFunctionCode call.
  const events = generateLogs({ service: 'checkout', resourceArn: FN, fromMs: FAULT - 90 * 60_000, toMs: NOW, faults: [{ kind: 'bad-deploy', startMs: FAULT, endMs: NOW }], seed: 5, ratePerMinute: 30 });
  logsMock.on(FilterLogEventsCommand).callsFake((input: { logGroupName: string; startTime: number; endTime: number }) => ({
    events: input.logGroupName === '/aws/lambda/checkout' ? events.filter((e) => e.timestamp >= input.startTime && e.timestamp < input.endTime).map((e) => ({ timestamp: e.timestamp, message: e.message, logStreamName: e.logStream })) : [],
  }));
  trailMock.on(LookupEventsCommand).resolves({ Events: [{ EventName: 'UpdateFunctionCode20150331v2', EventSource: 'lambda.amazonaws.com', EventTime: new Date(FAULT - 2 * 60_000), CloudTrailEvent: JSON.stringify({ userIdentity: { arn: 'arn:aws:iam::123456789012:user/deploy-bot' }, requestParameters: { functionName: 'checkout' } }) }] });
  ebMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
});

describe('Function: createLogAnalyzer (log-analyzer Lambda)', () => {
  it('analyzes an opened incident through the AWS adapters, records the report and announces the update', async () => {
    const { store, analyze } = await setup();
    const r = await analyze(envelope('IncidentOpened', 'inc-1'));
    expect(r).toMatchObject({ action: 'analyzed', incidentId: 'inc-1', gaps: [] });
    if (r.action !== 'analyzed') throw new Error('unreachable');
    expect(r.topCauses[0]!.kind).toBe('deployment');
    expect(r.reportId).toMatch(/^rca-inc-1-/);
    expect(logsMock.commandCalls(FilterLogEventsCommand)[0]!.args[0].input).toMatchObject({ logGroupName: '/aws/lambda/checkout' });
    expect(trailMock.commandCalls(LookupEventsCommand)[0]!.args[0].input.LookupAttributes).toEqual([{ AttributeKey: 'ResourceName', AttributeValue: FN }]);
    const inc = (await store.collection<Incident>('incidents').get('inc-1'))!;
    expect(inc.timeline.some((e) => e.kind === 'rca')).toBe(true);
    expect(ebMock.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries?.[0]).toMatchObject({ DetailType: 'IncidentUpdated' });
  });

  it('names the gap instead of failing when CloudTrail denies access', async () => {
    trailMock.on(LookupEventsCommand).rejects(Object.assign(new Error('User is not authorized to perform cloudtrail:LookupEvents'), { name: 'AccessDeniedException' }));
    const { analyze } = await setup();
    const r = await analyze(envelope('IncidentOpened', 'inc-1'));
    expect(r.action === 'analyzed' && r.gaps.some((g) => g.includes('not authorized'))).toBe(true);
  });

  it('drafts the post-mortem when the incident is resolved, once, and ignores open incidents', async () => {
    const { store, analyze } = await setup();
    expect(await analyze(envelope('IncidentUpdated', 'inc-1'))).toEqual({ action: 'ignored', incidentId: 'inc-1', reason: 'incident still open' });
    await store.collection<Incident>('incidents').update('inc-1', (i) => ({ ...advanceAtLeast(i, 'Resolution', new Date(NOW).toISOString(), 'otto'), status: 'resolved', resolvedAt: new Date(NOW).toISOString() }));
    expect(await analyze(envelope('IncidentResolved', 'inc-1'))).toEqual({ action: 'postmortem', incidentId: 'inc-1', postmortemId: 'pm-inc-1' });
    expect(await analyze(envelope('IncidentUpdated', 'inc-1'))).toEqual({ action: 'postmortem', incidentId: 'inc-1', postmortemId: 'pm-inc-1' });
    expect(await store.collection('postmortems').count()).toBe(1);
  });

  it.each([
    [{ 'detail-type': 'IncidentOpened', detail: { payload: {} } }, 'event.detail.payload.incidentId'],
    [{ detail: { payload: { incidentId: 'x' } } }, 'event.detail-type'],
  ])('rejects a malformed event naming the field (%o)', async (raw, field) => {
    const { analyze } = await setup();
    await expect(analyze(raw)).rejects.toBeInstanceOf(ValidationError);
    await expect(analyze(raw)).rejects.toMatchObject({ field });
  });

  it('ignores other event types', async () => {
    const { analyze } = await setup();
    expect(await analyze(envelope('AlertFired', 'inc-1'))).toMatchObject({ action: 'ignored', reason: 'unhandled event AlertFired' });
  });
});
