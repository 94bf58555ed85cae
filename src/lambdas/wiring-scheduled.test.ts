import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StepFunctionsApprovals } from '../adapters/aws/approvals.js';
import { AwsCloud } from '../adapters/aws/cloud.js';
import { CostExplorerSpendSource } from '../adapters/aws/cost-explorer.js';
import { EventBridgeBus } from '../adapters/aws/event-bus.js';
import { CloudWatchMetrics } from '../adapters/aws/metrics.js';
import { SnsNotifier } from '../adapters/aws/notifier.js';
import { PriceListPriceSource } from '../adapters/aws/pricing.js';
import { S3ReportStore } from '../adapters/aws/report-store.js';
import { AwsSecurityHub } from '../adapters/aws/securityhub.js';
import { StatefulCloud } from '../adapters/aws/stateful-cloud.js';
import { StepFunctionsOrchestrator } from '../adapters/aws/step-functions-orchestrator.js';
import { MemoryStore } from '../adapters/memory/store.js';
import type { Incident } from '../core/incidents/incident.js';
import type { Execution } from '../core/remediation/execution.js';
import type { Cloud, ResourceRecord } from '../ports/cloud.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAlertRouterHandler } from './alert-router/handler.js';
import { createAnomalyDetectorHandler } from './anomaly-detector/handler.js';
import { createApiHandler } from './api/handler.js';
import { createCostAnalyzerHandler } from './cost-analyzer/handler.js';
import { createLogAnalyzerHandler } from './log-analyzer/handler.js';
import { createMaintenanceHandler } from './maintenance/handler.js';
import { createRuntime, type Runtime } from './shared/runtime.js';
import { wireUseCases, type AwsDeps } from './shared/use-cases.js';
import { AWS_USE_CASES, ready, servicesFor } from './shared/wiring.js';
import { alarmEvent } from '../app/alerting/testing/fixtures.js';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const ACCOUNT = '111122223333';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const STATE_MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:aiops-remediation-test`;
const SNAPSHOT = `arn:aws:ec2:us-east-1:${ACCOUNT}:snapshot/snap-0old`;

const mocks = { sfn: mockClient(SFNClient), eb: mockClient(EventBridgeClient), sns: mockClient(SNSClient), cw: mockClient(CloudWatchClient), tagging: mockClient(ResourceGroupsTaggingAPIClient), trail: mockClient(CloudTrailClient), ce: mockClient(CostExplorerClient), s3: mockClient(S3Client), pricing: mockClient(PricingClient), hub: mockClient(SecurityHubClient), lambda: mockClient(LambdaClient) };

beforeAll(() => wireUseCases(AWS_USE_CASES));
beforeEach(() => {
  for (const m of Object.values(mocks)) m.reset();
  mocks.eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
  mocks.sns.on(PublishCommand).resolves({ MessageId: 'm' });
  mocks.sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date(NOW) });
  mocks.tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
  mocks.trail.on(LookupEventsCommand).resolves({ Events: [] });
  mocks.s3.on(PutObjectCommand).resolves({});
  mocks.pricing.on(GetProductsCommand).resolves({ PriceList: [] });
  mocks.lambda.on(GetFunctionConfigurationCommand).resolves({ FunctionName: 'checkout-api', Runtime: 'nodejs22.x', MemorySize: 512 });
  mocks.lambda.on(GetFunctionConcurrencyCommand).resolves({});
});

function awsDeps(overrides: Partial<AwsDeps> = {}): AwsDeps {
  const clock = { now: () => NOW, sleep: async () => {} };
  const notifier = new SnsNotifier({ topics: { default: `arn:aws:sns:us-east-1:${ACCOUNT}:alerts` }, client: new SNSClient({}) });
  let id = 0;
  return {
    env: 'staging',
    clock,
    store: new MemoryStore(),
    bus: new EventBridgeBus({ eventBusName: 'aiops-alerts-test', clock, newId: () => `ev-${++id}`, client: new EventBridgeClient({}) }),
    metrics: new CloudWatchMetrics({ client: new CloudWatchClient({}) }),
    logs: { filterLogEvents: async () => [], logGroupsFor: async () => [] },
    cloud: new StatefulCloud(new AwsCloud({ clients: { tagging: new ResourceGroupsTaggingAPIClient({}), cloudtrail: new CloudTrailClient({}), lambda: new LambdaClient({}) } })),
    notifiers: [notifier],
    approvals: new StepFunctionsApprovals({ notifier, client: new SFNClient({}) }),
    orchestrator: new StepFunctionsOrchestrator({ stateMachineArn: STATE_MACHINE, client: new SFNClient({}) }),
    reports: new S3ReportStore({ bucket: 'aiops-reports-test', client: new S3Client({}) }),
    spend: new CostExplorerSpendSource({ client: new CostExplorerClient({}) }),
    prices: (asOf) => new PriceListPriceSource({ client: new PricingClient({}), regionCode: 'us-east-1', keys: ['ec2.instance/m5.large'], asOf }),
    securityHub: new AwsSecurityHub(new SecurityHubClient({})),
    defaultEnvironment: 'staging',
    newId: () => `id-${++id}`,
    ...overrides,
  };
}

const runtimeFor = (deps: AwsDeps, service: string): Runtime => createRuntime(service, { deps: () => deps, env: () => ({ AIOPS_ENV: 'test', AWS_REGION: 'us-east-1' }), idempotent: (_n, fn) => fn });

describe('Wiring: anomaly-detector → runDetection on CloudWatch', () => {
  it('lists the monitored metrics, reads their history and keeps detector state per metric', async () => {
    mocks.cw.on(ListMetricsCommand).callsFake((input: { Namespace?: string }) => ({ Metrics: input.Namespace === 'AWS/EC2' ? [{ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-0abc' }] }] : [] }));
    mocks.cw.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries: { Id: string }[] }) => ({ MetricDataResults: input.MetricDataQueries.map((q) => ({ Id: q.Id, Timestamps: [new Date(NOW - 600_000), new Date(NOW - 300_000)], Values: [40, 41] })) }));
    const deps = awsDeps();
    const res = await createAnomalyDetectorHandler(runtimeFor(deps, 'anomaly-detector'))({ time: new Date(NOW).toISOString() });
    expect(res).toEqual({ series: 1, anomalies: 0 });
    expect(await deps.store.collection('detectorState').find({})).toHaveLength(1);
  });
});

describe('Wiring: cost-analyzer → analyzeCost', () => {
  it('reads spend from Cost Explorer and writes the day report (JSON, Markdown, HTML) to the report bucket', async () => {
    mocks.ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [{ TimePeriod: { Start: '2026-11-20', End: '2026-11-21' }, Groups: [{ Keys: ['Amazon Elastic Compute Cloud - Compute', ACCOUNT], Metrics: { UnblendedCost: { Amount: '100', Unit: 'USD' } } }] }] });
    const deps = awsDeps();
    const res = await createCostAnalyzerHandler(runtimeFor(deps, 'cost-analyzer'))({ time: new Date(NOW).toISOString() });
    expect(res).toEqual({ recommendations: 0, monthlySavings: 0 });
    expect(mocks.s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key)).toEqual(['cost/2026-11-23.json', 'cost/2026-11-23.md', 'cost/2026-11-23.html']);
    const report = JSON.parse(String(mocks.s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body));
    expect(report.date).toBe('2026-11-23');
    // Prices were refreshed from the Price List API first; unresolved keys keep the bundled snapshot's price.
    expect(mocks.pricing.commandCalls(GetProductsCommand).length).toBeGreaterThan(0);
  });
});

describe('Wiring: log-analyzer → analyzeIncidentLogs', () => {
  it('records an RCA report on the incident opened by an ingested alarm', async () => {
    const deps = awsDeps();
    const { results } = await servicesFor(deps).ingestAndRemediate([alarmEvent({ name: 'api-errors', at: new Date(NOW - 60_000).toISOString(), value: 20, threshold: 5, account: ACCOUNT })]);
    const incidentId = results[0]!.incidentIds[0]!;
    const res = await createLogAnalyzerHandler(runtimeFor(deps, 'log-analyzer'))({ 'detail-type': 'incident.opened', detail: { eventId: 'e', payload: { incidentId } } });
    expect(res).toEqual({ patterns: 0 });
    const incident = await deps.store.collection<Incident>('incidents').get(incidentId);
    expect(incident?.timeline.some((t) => t.kind === 'rca')).toBe(true);
  });
});

describe('Wiring: log-analyzer → draftPostmortem', () => {
  it('drafts a post-mortem when an incident.updated event finds the incident resolved, once', async () => {
    const deps = awsDeps();
    const { results } = await servicesFor(deps).ingestAndRemediate([alarmEvent({ name: 'api-errors', at: new Date(NOW - 60_000).toISOString(), value: 20, threshold: 5, account: ACCOUNT })]);
    const incidentId = results[0]!.incidentIds[0]!;
    const h = createLogAnalyzerHandler(runtimeFor(deps, 'log-analyzer'));
    const updated = { 'detail-type': 'incident.updated', detail: { eventId: 'e2', payload: { incidentId } } };
    // Still open: nothing to draft.
    expect(await h(updated)).toEqual({});
    await deps.store.collection<Incident>('incidents').update(incidentId, (i) => ({ ...i, status: 'resolved', severity: 'SEV-1', resolvedAt: new Date(NOW).toISOString() }));
    expect(await h(updated)).toEqual({ postmortemId: `pm-${incidentId}` });
    expect(await h(updated)).toEqual({ postmortemId: `pm-${incidentId}` });
    expect(await deps.store.collection('postmortems').find({})).toHaveLength(1);
  });
});

describe('Wiring: maintenance → runMaintenance', () => {
  const snapshot = (state: Record<string, unknown>): ResourceRecord => ({ arn: SNAPSHOT, type: 'AWS::EC2::Snapshot', id: 'snap-0old', name: 'snap-0old', region: 'us-east-1', account: ACCOUNT, tags: { environment: 'dev' }, state });
  const cloudWith = (r: ResourceRecord): Cloud => ({ listResources: async () => [r], describe: async (arn) => (arn === r.arn ? r : undefined), execute: async () => ({ ok: false, call: 'x', target: 'x', error: 'not in this test' }), recentChanges: async () => [] });

  it('starts one remediation execution per expired snapshot, through Step Functions', async () => {
    const deps = awsDeps({ cloud: cloudWith(snapshot({ SnapshotId: 'snap-0old', State: 'completed', RecycleBinProtected: true, StartTime: '2026-09-01T00:00:00Z' })) });
    const res = await createMaintenanceHandler(runtimeFor(deps, 'maintenance'))({ task: 'ebs-snapshot-cleanup', time: new Date(NOW).toISOString() });
    expect(res).toMatchObject({ task: 'ebs-snapshot-cleanup', runbookId: 'AIOps-DeleteExpiredEBSSnapshots' });
    const [exec] = await deps.store.collection<Execution>('executions').find({});
    expect(exec).toMatchObject({ runbookId: 'AIOps-DeleteExpiredEBSSnapshots', targetResource: SNAPSHOT, operator: 'automated', environment: 'dev' });
    expect(exec?.trigger).toMatch(/schedule:ebs-snapshot-retention/);
    expect((res as { started: string[] }).started).toEqual([exec?.id]);
    expect(mocks.sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.name).toBe(exec?.id);
    // The same occurrence again (a retried schedule) starts nothing new.
    await createMaintenanceHandler(runtimeFor(deps, 'maintenance'))({ task: 'ebs-snapshot-cleanup', time: new Date(NOW).toISOString() });
    expect(mocks.sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
  });

  it('starts nothing for a snapshot the runbook would skip', async () => {
    const deps = awsDeps({ cloud: cloudWith(snapshot({ SnapshotId: 'snap-0old', State: 'completed', RecycleBinProtected: false, StartTime: '2026-09-01T00:00:00Z' })) });
    expect(await createMaintenanceHandler(runtimeFor(deps, 'maintenance'))({ task: 'ebs-snapshot-cleanup' })).toMatchObject({ started: [] });
    expect(mocks.sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('syncs Security Hub findings', async () => {
    mocks.hub.on(GetFindingsCommand).resolves({ Findings: [] });
    const deps = awsDeps();
    const res = await createMaintenanceHandler(runtimeFor(deps, 'maintenance'))({ task: 'security-hub-sync', time: new Date(NOW).toISOString() });
    expect(res).toMatchObject({ task: 'security-hub-sync', imported: { imported: 0 }, published: { published: 0 } });
  });
});

describe('Wiring: api → handleHttp (the Fastify API without the sandbox)', () => {
  const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
  const VIEWER = `arn:aws:sts::${ACCOUNT}:assumed-role/AIOpsViewers/carol`;
  const apiEvent = (method: string, path: string, o: { principal?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    ({ httpMethod: method, path, headers: { 'content-type': 'application/json', ...(o.headers ?? {}) }, queryStringParameters: null, body: o.body === undefined ? null : JSON.stringify(o.body), isBase64Encoded: false, requestContext: { identity: { userArn: o.principal ?? null } } }) as never;
  const setup = () => {
    const deps = awsDeps({ principalRoles: { [ALICE]: 'operator', [`arn:aws:iam::${ACCOUNT}:role/AIOpsViewers`]: 'viewer' } });
    return { deps, api: createApiHandler(runtimeFor(deps, 'api')) };
  };
  const signal = () => alarmEvent({ name: 'api-errors', at: new Date(NOW - 60_000).toISOString(), value: 20, threshold: 5, account: ACCOUNT });

  it('ingests a signal posted by a principal mapped to operator and lists the incident', async () => {
    const { deps, api } = setup();
    const posted = await api(apiEvent('POST', '/api/v1/signals', { principal: ALICE, body: signal() }));
    expect(posted.statusCode).toBe(202);
    const listed = await api(apiEvent('GET', '/api/v1/incidents', { principal: VIEWER }));
    expect(listed.statusCode).toBe(200);
    expect(JSON.stringify(JSON.parse(listed.body))).toContain(JSON.parse(posted.body).incidentIds[0]);
    expect(await deps.store.collection('alerts').count({})).toBe(1);
  });

  it.each([
    ['an unsigned request', undefined, 401],
    ['a principal with no configured role', `arn:aws:iam::${ACCOUNT}:user/mallory`, 403],
    ['a viewer', VIEWER, 403],
  ])('refuses a write from %s', async (_label, principal, status) => {
    const { api } = setup();
    expect((await api(apiEvent('POST', '/api/v1/signals', { ...(principal ? { principal } : {}), body: signal() }))).statusCode).toBe(status);
  });

  it('ignores a principal header sent by the caller', async () => {
    const { api } = setup();
    expect((await api(apiEvent('POST', '/api/v1/signals', { body: signal(), headers: { 'x-aiops-iam-principal': ALICE } }))).statusCode).toBe(401);
  });

  it('refuses reads from an unsigned request or a principal with no configured role', async () => {
    const { api } = setup();
    expect((await api(apiEvent('GET', '/api/v1/incidents'))).statusCode).toBe(401);
    expect((await api(apiEvent('GET', '/api/v1/cost/recommendations', { principal: `arn:aws:iam::${ACCOUNT}:user/mallory` }))).statusCode).toBe(403);
  });

  it('serves cost, compliance, detection, SLO and RCA reads from the store', async () => {
    const { deps, api } = setup();
    const at = new Date(NOW).toISOString();
    await deps.store.collection<{ id: string; [k: string]: unknown }>('recommendations').put({ id: 'rec-1', status: 'open', ruleId: 'idle-ec2', resourceArn: 'arn:aws:ec2:us-east-1:1:instance/i-1', resourceType: 'AWS::EC2::Instance', title: 'Stop idle', monthlySavingsUsd: 42, createdAt: at, updatedAt: at, lastSeenAt: at, recommendation: {} });
    await deps.store.collection<{ id: string; [k: string]: unknown }>('anomalies').put({ id: 'an-1', metricKey: 'AWS/EC2|CPUUtilization|InstanceId=i-1', resourceArn: 'arn:aws:ec2:us-east-1:1:instance/i-1', status: 'open', time: at });
    const get = async (path: string) => {
      const res = await api(apiEvent('GET', path, { principal: VIEWER }));
      return { status: res.statusCode, body: JSON.parse(res.body) };
    };
    expect(await get('/api/v1/cost/recommendations')).toMatchObject({ status: 200, body: { items: [{ id: 'rec-1' }], totalMonthlySavingsUsd: 42 } });
    expect(await get('/api/v1/cost/recommendations/rec-1')).toMatchObject({ status: 200, body: { id: 'rec-1' } });
    expect(await get('/api/v1/findings')).toMatchObject({ status: 200, body: { items: [] } });
    expect((await get('/api/v1/compliance/scores')).status).toBe(200);
    expect(await get('/api/v1/anomalies')).toMatchObject({ status: 200, body: { items: [{ id: 'an-1' }] } });
    expect(await get('/api/v1/slos')).toMatchObject({ status: 200, body: { items: [] } });
    expect(await get('/api/v1/postmortems')).toMatchObject({ status: 200, body: { items: [] } });
    expect((await get('/api/v1/incidents/nope/rca')).status).toBe(404);
    // Work done by another function on AWS says where it runs instead of failing obscurely.
    const scan = await api(apiEvent('POST', '/api/v1/compliance/scan', { principal: ALICE, body: {} }));
    expect(scan.statusCode).toBe(400);
    expect(JSON.parse(scan.body)).toMatchObject({ error: 'LOCAL_ONLY', reason: expect.stringMatching(/AWS Config and Security Hub/) });
  });

  it('serves /health in AWS mode and has no sandbox routes', async () => {
    const { api } = setup();
    const health = await api(apiEvent('GET', '/api/v1/health'));
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', mode: 'aws' });
    expect((await api(apiEvent('GET', '/api/v1/sandbox/fleet', { principal: ALICE }))).statusCode).toBe(404);
  });
});

describe('Wiring: Slack and PagerDuty from the notifier secret', () => {
  it('notifies the Slack webhook the secret configures, reading the secret once per container', async () => {
    const received: { url: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    let now = NOW;
    let reads = 0;
    const deps = awsDeps({ clock: { now: () => now, sleep: async () => {} }, notifierSettings: async () => (reads++, { slackWebhookUrl: `http://127.0.0.1:${port}/slack` }) });
    try {
      const router = createAlertRouterHandler(runtimeFor(deps, 'alert-router'));
      const message = (id: string) => ({ Records: [{ messageId: id, body: JSON.stringify(alarmEvent({ name: 'api-errors', at: new Date(NOW - 60_000).toISOString(), value: 20, threshold: 5, account: ACCOUNT })), attributes: { SentTimestamp: String(NOW) } }] });
      expect(await router(message('m-1'))).toEqual({ batchItemFailures: [] });
      // Past the group wait, the next invocation's timers deliver the incident notification.
      now += 5 * 60_000;
      await (await ready(deps)).alerting.tick();
      expect(received.filter((r) => r.url === '/slack')).toHaveLength(1);
      expect(received[0]?.body).toContain('api-errors');
      // SNS still gets it too.
      expect(mocks.sns.commandCalls(PublishCommand).length).toBeGreaterThan(0);
      await router(message('m-2'));
      expect(reads).toBe(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('still notifies through SNS when the secret cannot be read, and reads it again next time', async () => {
    let reads = 0;
    const deps = awsDeps({
      notifierSettings: async () => {
        reads++;
        throw Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
      },
    });
    const router = createAlertRouterHandler(runtimeFor(deps, 'alert-router'));
    const body = JSON.stringify(alarmEvent({ name: 'db-errors', at: new Date(NOW - 60_000).toISOString(), value: 20, threshold: 5, account: ACCOUNT }));
    expect(await router({ Records: [{ messageId: 'a', body, attributes: { SentTimestamp: String(NOW) } }] })).toEqual({ batchItemFailures: [] });
    expect(await deps.store.collection('alerts').count({})).toBe(1);
    await ready(deps);
    expect(reads).toBe(2);
  });
});
