import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../adapters/memory/store.js';
import { ValidationError } from '../core/shared/errors.js';
import type { Approval } from '../ports/approvals.js';
import { createAlertRouterHandler, toRawSignal } from './alert-router/handler.js';
import { createAnomalyDetectorHandler } from './anomaly-detector/handler.js';
import { createApiHandler } from './api/handler.js';
import { createApprovalCallbackHandler } from './approval-callback/handler.js';
import { createCostAnalyzerHandler } from './cost-analyzer/handler.js';
import { createLogAnalyzerHandler } from './log-analyzer/handler.js';
import { createMaintenanceHandler } from './maintenance/handler.js';
import { createRemediationHandler } from './remediation/handler.js';
import { createRuntime, type Idempotent } from './shared/runtime.js';
import { unwireUseCases, wireUseCases, type AwsDeps } from './shared/use-cases.js';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const fail = () => {
  throw new Error('not used in this test');
};
const deps = (): AwsDeps => ({
  env: 'test',
  clock: { now: () => NOW, sleep: async () => {} },
  store: new MemoryStore(),
  bus: { publish: fail, subscribe: fail, drain: async () => {} },
  metrics: { getMetricData: fail, listMetrics: fail },
  logs: { filterLogEvents: fail, logGroupsFor: fail },
  cloud: { listResources: fail, describe: fail, execute: fail, recentChanges: fail },
  notifiers: [],
  approvals: { requested: fail, decided: fail },
  newId: () => 'id',
});

/** An in-memory stand-in for Powertools Idempotency: same key → stored result, no second call. */
function memoIdempotent(): Idempotent {
  const results = new Map<string, unknown>();
  return (name, fn, keyPath) =>
    (async (...args: Parameters<typeof fn>) => {
      const key = `${name}:${keyPath ? String((args[0] as Record<string, unknown>)[keyPath]) : JSON.stringify(args[0])}`;
      if (!results.has(key)) results.set(key, await fn(...args));
      return results.get(key);
    }) as typeof fn;
}

const runtime = (service = 'test') => createRuntime(service, { deps, env: () => ({ AIOPS_ENV: 'test', AWS_REGION: 'us-east-1' }), idempotent: memoIdempotent() });

beforeEach(() => unwireUseCases());
afterEach(() => unwireUseCases());

describe('Function: toRawSignal', () => {
  it.each([
    ['EventBridge event', JSON.stringify({ 'detail-type': 'CloudWatch Alarm State Change', source: 'aws.cloudwatch', detail: {} }), 'eventbridge'],
    ['SNS notification with a JSON alarm', JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ AlarmName: 'x' }) }), 'sns'],
    ['Alertmanager webhook', JSON.stringify({ version: '4', alerts: [] }), 'alertmanager'],
    ['JSON of an unknown shape', JSON.stringify({ hello: 1 }), 'unknown'],
    ['not JSON at all', 'garbage{', 'unknown'],
  ])('classifies %s', (_label, body, source) => {
    expect(toRawSignal(body, 't').source).toBe(source);
  });

  it('keeps an unparsable body verbatim so it can be quarantined', () => {
    expect(toRawSignal('garbage{', 't')).toEqual({ source: 'unknown', receivedAt: 't', raw: 'garbage{' });
  });

  it('unwraps the SNS message', () => {
    expect(toRawSignal(JSON.stringify({ Type: 'Notification', Message: '{"AlarmName":"a"}' }), 't').raw).toEqual({ AlarmName: 'a' });
  });
});

describe('Handler: alert-router', () => {
  const record = (messageId: string, body: unknown) => ({ messageId, body: JSON.stringify(body), attributes: { SentTimestamp: String(NOW) } });

  it('ingests each message once and reports only the failed ones back to SQS', async () => {
    const ingest = vi.fn(async (_d: AwsDeps, inputs: { raw: unknown }[]) => {
      if ((inputs[0]?.raw as { boom?: boolean }).boom) throw new Error('store down');
      return { accepted: 1, quarantined: 0, incidentIds: [] };
    });
    wireUseCases({ ingestSignals: ingest });
    const handler = createAlertRouterHandler(runtime());
    const res = await handler({ Records: [record('m1', { 'detail-type': 'x', source: 'aws.health' }), record('m2', { boom: true }), record('m1', { 'detail-type': 'x', source: 'aws.health' })] });
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(ingest).toHaveBeenCalledTimes(2);
    expect(ingest.mock.calls[0]?.[1]).toEqual([{ source: 'eventbridge', receivedAt: '2026-11-23T10:00:00.000Z', raw: { 'detail-type': 'x', source: 'aws.health' } }]);
  });

  it('fails closed (every message back to SQS) when the use case is not wired', async () => {
    const res = await createAlertRouterHandler(runtime())({ Records: [record('m1', {})] });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
  });

  it('rejects an event that is not an SQS batch, naming the field', async () => {
    await expect(createAlertRouterHandler(runtime())({ Records: [{ body: 'x' }] })).rejects.toThrow(/event\.Records\.0\.messageId/);
  });
});

describe('Handler: anomaly-detector', () => {
  it('runs detection for the scheduled time', async () => {
    const run = vi.fn(async (_d: AwsDeps, _i: unknown) => ({ series: 10, anomalies: 2 }));
    wireUseCases({ runDetection: run });
    expect(await createAnomalyDetectorHandler(runtime())({ task: 'anomaly-detection', time: '2026-11-23T09:55:00Z' })).toEqual({ series: 10, anomalies: 2 });
    expect(run.mock.calls[0]?.[1]).toEqual({ scheduledFor: '2026-11-23T09:55:00Z' });
    await createAnomalyDetectorHandler(runtime())({});
    expect(run.mock.calls[1]?.[1]).toEqual({ scheduledFor: '2026-11-23T10:00:00.000Z' });
  });
});

describe('Handler: log-analyzer', () => {
  it('analyzes the incident named by an IncidentOpened event, once', async () => {
    const analyze = vi.fn(async (_d: AwsDeps, _i: unknown) => ({ patterns: 3 }));
    wireUseCases({ analyzeIncidentLogs: analyze });
    const h = createLogAnalyzerHandler(runtime());
    const ev = { 'detail-type': 'IncidentOpened', detail: { eventId: 'e', payload: { incidentId: 'inc-7' } } };
    await h(ev);
    await h(ev);
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(analyze.mock.calls[0]?.[1]).toEqual({ incidentId: 'inc-7' });
  });

  it('refuses other events', async () => {
    await expect(createLogAnalyzerHandler(runtime())({ 'detail-type': 'Other', detail: {} })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('Handler: cost-analyzer', () => {
  it('writes the daily report under cost/<day>.json', async () => {
    const analyze = vi.fn(async (_d: AwsDeps, _i: unknown) => ({ recommendations: 4, monthlySavings: 120 }));
    wireUseCases({ analyzeCost: analyze });
    await createCostAnalyzerHandler(runtime())({ task: 'cost-report', time: '2026-11-23T03:00:00Z' });
    expect(analyze.mock.calls[0]?.[1]).toEqual({ scheduledFor: '2026-11-23T03:00:00Z', reportKey: 'cost/2026-11-23.json' });
  });
});

describe('Handler: remediation', () => {
  it.each(['CollectDiagnostics', 'EligibilityCheck', 'Execute', 'ValidateRemediation', 'Rollback', 'Record'])('dispatches %s to runRemediationStep', async (state) => {
    const step = vi.fn(async (_d: AwsDeps, s: string, input: Record<string, unknown>) => ({ ...input, [s]: 'done' }));
    wireUseCases({ runRemediationStep: step });
    const out = await createRemediationHandler(runtime(), () => state)({ executionId: 'ex-1', runbookId: 'AIOps-ScaleOutEC2ASG' });
    expect(out).toEqual({ executionId: 'ex-1', runbookId: 'AIOps-ScaleOutEC2ASG', [state]: 'done' });
    expect(step.mock.calls[0]?.[1]).toBe(state);
  });

  it('passes the task token to RequestApproval', async () => {
    const step = vi.fn(async () => ({ requested: true }));
    wireUseCases({ runRemediationStep: step });
    await createRemediationHandler(runtime(), () => 'RequestApproval')({ input: { executionId: 'ex-2' }, taskToken: 'tok' });
    expect(step.mock.calls[0]?.slice(1)).toEqual(['RequestApproval', { executionId: 'ex-2' }, 'tok']);
    await expect(createRemediationHandler(runtime(), () => 'RequestApproval')({ executionId: 'ex-2' })).rejects.toThrow(/event\.(taskToken|execution)/);
  });

  it('does not execute twice for the same execution', async () => {
    const step = vi.fn(async () => ({ ok: true }));
    wireUseCases({ runRemediationStep: step });
    const h = createRemediationHandler(runtime(), () => 'Execute');
    await h({ executionId: 'ex-3' });
    await h({ executionId: 'ex-3' });
    expect(step).toHaveBeenCalledTimes(1);
  });

  it('refuses an unknown STATE_NAME', async () => {
    await expect(createRemediationHandler(runtime(), () => 'Teleport')({ executionId: 'e' })).rejects.toThrow(/env\.STATE_NAME/);
  });
});

const apiEvent = (over: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent =>
  ({ httpMethod: 'POST', path: '/api/approvals/ap-1/decision', headers: { 'Content-Type': 'application/json' }, queryStringParameters: null, pathParameters: { approvalId: 'ap-1' }, body: JSON.stringify({ decision: 'approve' }), isBase64Encoded: false, requestContext: { identity: { userArn: 'arn:aws:iam::1:user/alice' } }, ...over }) as unknown as APIGatewayProxyEvent;

describe('Handler: approval-callback', () => {
  it('records the decision with the signing principal as approver', async () => {
    const decide = vi.fn(async (_d: AwsDeps, i: { approvalId: string; principal: string }) => ({ id: i.approvalId, status: 'approved', decidedBy: i.principal }) as Approval);
    wireUseCases({ decideApproval: decide });
    const res = await createApprovalCallbackHandler(runtime())(apiEvent());
    expect(res.statusCode).toBe(200);
    expect(decide.mock.calls[0]?.[1]).toEqual({ approvalId: 'ap-1', decision: 'approve', principal: 'arn:aws:iam::1:user/alice' });
  });

  it.each([
    ['a bad decision', { body: JSON.stringify({ decision: 'maybe' }) }, 'body.decision'],
    ['a non-JSON body', { body: 'yes please' }, 'body'],
    ['an unsigned request', { requestContext: { identity: {} } as APIGatewayProxyEvent['requestContext'] }, 'requestContext.identity.userArn'],
  ])('answers 400 naming the field for %s', async (_label, over, field) => {
    wireUseCases({ decideApproval: vi.fn() });
    const res = await createApprovalCallbackHandler(runtime())(apiEvent(over));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).field).toBe(field);
  });
});

describe('Handler: api', () => {
  it('forwards the request to handleHttp with lower-cased headers and the principal', async () => {
    const http = vi.fn(async (_d: AwsDeps, _r: unknown) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '[]' }));
    wireUseCases({ handleHttp: http });
    const res = await createApiHandler(runtime())(apiEvent({ httpMethod: 'GET', path: '/api/incidents', queryStringParameters: { status: 'open' }, body: null }));
    expect(res).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(http.mock.calls[0]?.[1]).toEqual({ method: 'GET', path: '/api/incidents', query: { status: 'open' }, headers: { 'content-type': 'application/json' }, principal: 'arn:aws:iam::1:user/alice' });
  });

  it('answers 500 without internals when the use case is missing', async () => {
    const res = await createApiHandler(runtime())(apiEvent({ httpMethod: 'GET', path: '/api/incidents' }));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/wiring/);
  });
});

describe('Handler: maintenance', () => {
  it('runs a known task and refuses an unknown one', async () => {
    const run = vi.fn(async () => ({ deleted: 3 }));
    wireUseCases({ runMaintenance: run });
    expect(await createMaintenanceHandler(runtime())({ task: 'ebs-snapshot-cleanup', time: '2026-11-23T02:00:00Z' })).toEqual({ deleted: 3 });
    await expect(createMaintenanceHandler(runtime())({ task: 'rm-rf' })).rejects.toThrow(/event\.task/);
  });
});
