import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { EmailNotifier } from './email.js';
import { buildNotifiers } from './index.js';
import { describeNotifierConformance, SAMPLE, type NotifierHarness, type Outcome } from './notifier.conformance.js';
import { OutboxNotifier } from './outbox.js';
import { PagerDutyNotifier, pagerDutyEvent } from './pagerduty.js';
import { SlackNotifier, slackMessage } from './slack.js';
import { SnsNotifier } from './sns.js';
import { WebhookNotifier } from './webhook.js';
import type { Notifier } from '../../ports/notifier.js';
import { ManualClock } from '../local/clocks.js';
import { MemoryStore } from '../memory/store.js';

/** A real HTTP server on 127.0.0.1 answering as the chosen outcome says. */
async function httpHarness(build: (url: string) => Notifier, okBody = 'ok', okStatus = 200): Promise<NotifierHarness> {
  let outcome: Outcome = 'ok';
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      if (outcome === 'network') return req.socket.destroy();
      const status = { ok: okStatus, 'server-error': 503, throttled: 429, 'bad-request': 400 }[outcome];
      res.writeHead(status, { 'content-type': 'text/plain' }).end(outcome === 'ok' ? okBody : 'invalid_payload');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    notifier: build(url),
    respondWith: (o) => (outcome = o),
    requests: () => bodies,
    outcomes: ['ok', 'server-error', 'throttled', 'bad-request', 'network'],
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function sdkError(outcome: Outcome): Error {
  const spec = { 'server-error': ['InternalErrorException', 500], throttled: ['ThrottlingException', 429], 'bad-request': ['InvalidParameterException', 400], network: ['TimeoutError', 0] }[outcome as Exclude<Outcome, 'ok'>] as [string, number];
  return Object.assign(new Error(`${spec[0]} from the service`), { name: spec[0], $metadata: spec[1] ? { httpStatusCode: spec[1] } : {} });
}

describeNotifierConformance('webhook', () => httpHarness((url) => new WebhookNotifier({ url })));
describeNotifierConformance('slack', () => httpHarness((url) => new SlackNotifier({ webhookUrl: url })));
describeNotifierConformance('pagerduty', () => httpHarness((url) => new PagerDutyNotifier({ routingKey: 'R0UT1NGKEY', url }), '{"status":"success","message":"Event processed","dedup_key":"inc-1"}', 202));
describeNotifierConformance('outbox', async () => {
  const store = new MemoryStore();
  const n = new OutboxNotifier(store, new ManualClock('2026-11-23T00:00:00Z'));
  const log = store.collection<{ id: string; notification: unknown }>('notifications');
  let requests: string[] = [];
  // The conformance suite reads requests synchronously; the log is refreshed after each delivery.
  return {
    notifier: { kind: n.kind, notify: async (x) => { const r = await n.notify(x); requests = (await log.find()).map((e) => JSON.stringify(e.notification)); return r; } },
    respondWith: () => undefined,
    requests: () => requests,
    outcomes: ['ok'],
  };
});
describeNotifierConformance('sns', async () => {
  const mock = mockClient(SNSClient);
  const respondWith = (o: Outcome): void => {
    mock.reset();
    if (o === 'ok') mock.on(PublishCommand).resolves({ MessageId: 'm-1' });
    else mock.on(PublishCommand).rejects(sdkError(o));
  };
  respondWith('ok');
  return { notifier: new SnsNotifier({ client: new SNSClient({ region: 'us-east-1' }), topicArn: 'arn:aws:sns:us-east-1:123456789012:aiops-alerts' }), respondWith, requests: () => mock.commandCalls(PublishCommand).map((c) => JSON.stringify(c.args[0].input)), outcomes: ['ok', 'server-error', 'throttled', 'bad-request', 'network'], close: async () => mock.restore() };
});
describeNotifierConformance('email', async () => {
  const mock = mockClient(SESv2Client);
  const respondWith = (o: Outcome): void => {
    mock.reset();
    if (o === 'ok') mock.on(SendEmailCommand).resolves({ MessageId: 'e-1' });
    else mock.on(SendEmailCommand).rejects(sdkError(o));
  };
  respondWith('ok');
  return { notifier: new EmailNotifier({ client: new SESv2Client({ region: 'us-east-1' }), from: 'aiops@example.com', to: ['oncall@example.com'] }), respondWith, requests: () => mock.commandCalls(SendEmailCommand).map((c) => JSON.stringify(c.args[0].input)), outcomes: ['ok', 'server-error', 'throttled', 'bad-request', 'network'], close: async () => mock.restore() };
});

describe('Function: pagerDutyEvent', () => {
  it('triggers with the incident as dedup_key and maps severity; ack/resolve address the same key', () => {
    expect(pagerDutyEvent(SAMPLE, 'rk')).toMatchObject({ routing_key: 'rk', event_action: 'trigger', dedup_key: 'inc-1', payload: { severity: 'critical', source: 'checkout' }, links: [{ href: SAMPLE.link }] });
    expect(pagerDutyEvent({ ...SAMPLE, action: 'acknowledge' }, 'rk')).toEqual({ routing_key: 'rk', event_action: 'acknowledge', dedup_key: 'inc-1' });
    expect(pagerDutyEvent({ ...SAMPLE, action: 'resolve' }, 'rk')).toEqual({ routing_key: 'rk', event_action: 'resolve', dedup_key: 'inc-1' });
  });
});

describe('Function: slackMessage', () => {
  it('builds Block Kit with the incident link and an acknowledge button', () => {
    const m = slackMessage({ ...SAMPLE, details: { ackLink: 'http://localhost:3000/incidents/inc-1?action=ack' } }) as { blocks: { type: string; elements?: { url?: string }[] }[] };
    expect(m.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'actions']);
    expect(m.blocks[3]?.elements?.map((e) => e.url)).toEqual([SAMPLE.link, 'http://localhost:3000/incidents/inc-1?action=ack']);
  });
});

describe('Function: buildNotifiers', () => {
  it('builds one notifier per receiver and reads ${ENV} secrets', () => {
    const outbox = new OutboxNotifier(new MemoryStore(), new ManualClock('2026-11-23T00:00:00Z'));
    const n = buildNotifiers([{ name: 'o', type: 'outbox' }, { name: 'pd', type: 'pagerduty', routingKey: '${PD_KEY}' }], { PD_KEY: 'k' }, { outbox });
    expect(Object.keys(n)).toEqual(['o', 'pd']);
    expect(n.o).toBe(outbox);
    expect(n.pd?.kind).toBe('pagerduty');
  });
  it('refuses an outbox receiver where there is no outbox', () => {
    expect(() => buildNotifiers([{ name: 'o', type: 'outbox' }])).toThrow(/receiver "o" \(outbox\) needs the platform's outbox/);
  });
  it('names the missing setting', () => {
    expect(() => buildNotifiers([{ name: 's', type: 'slack' }])).toThrow(/receiver "s" \(slack\) needs "webhookUrl"/);
  });
});
