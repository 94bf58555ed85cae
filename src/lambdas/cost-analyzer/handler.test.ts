import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { PutObjectCommand, S3Client, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../adapters/memory/store.js';
import { buildAwsDeps } from '../shared/adapters.js';
import { readEnv } from '../shared/env.js';
import { createRuntime } from '../shared/runtime.js';
import { wireUseCases, type AwsDeps } from '../shared/use-cases.js';
import { AWS_USE_CASES } from '../shared/wiring.js';
import { createCostAnalyzerHandler } from './handler.js';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const ACCOUNT = '111122223333';
/** The 03:00 UTC schedule's invocation time. */
const AT = Date.parse('2026-11-24T03:00:00.000Z');
const mocks = {
  s3: mockClient(S3Client),
  ce: mockClient(CostExplorerClient),
  pricing: mockClient(PricingClient),
  cw: mockClient(CloudWatchClient),
  tagging: mockClient(ResourceGroupsTaggingAPIClient),
  trail: mockClient(CloudTrailClient),
  eb: mockClient(EventBridgeClient),
  sns: mockClient(SNSClient),
};

beforeAll(() => wireUseCases(AWS_USE_CASES));
beforeEach(() => {
  for (const m of Object.values(mocks)) m.reset();
  mocks.s3.on(PutObjectCommand).resolves({ ETag: '"e"', ServerSideEncryption: 'AES256' });
  mocks.ce.on(GetCostAndUsageCommand).resolves({
    ResultsByTime: [{ TimePeriod: { Start: '2026-11-23', End: '2026-11-24' }, Groups: [{ Keys: ['Amazon Elastic Compute Cloud - Compute', ACCOUNT], Metrics: { UnblendedCost: { Amount: '812.34', Unit: 'USD' } } }] }],
  });
  mocks.pricing.on(GetProductsCommand).resolves({ PriceList: [] });
  mocks.cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  mocks.tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
  mocks.trail.on(LookupEventsCommand).resolves({ Events: [] });
  mocks.eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
  mocks.sns.on(PublishCommand).resolves({ MessageId: 'm' });
});

/** The function as the CostStack deploys it: its environment, the real adapters, an in-memory store instead of DynamoDB. */
function handlerWith(env: Record<string, string>) {
  const lambdaEnv = readEnv({ AIOPS_ENV: 'test', AWS_REGION: 'us-east-1', ...env });
  const clock = { now: () => AT, sleep: async () => {} };
  const deps: AwsDeps = { ...buildAwsDeps(lambdaEnv, clock), store: new MemoryStore() };
  return createCostAnalyzerHandler(createRuntime('cost-analyzer', { deps: () => deps, env: () => lambdaEnv, idempotent: (_n, fn) => fn }));
}

const puts = (): PutObjectCommandInput[] => mocks.s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);

describe('Handler: cost-analyzer writes the daily report to the reports bucket', () => {
  it('puts JSON, Markdown and HTML under cost/<day> in REPORTS_BUCKET_NAME, each encrypted (SSE-S3)', async () => {
    // The 03:00 UTC rule's input is { task: 'cost-report' }: the day is the invocation's.
    const res = await handlerWith({ REPORTS_BUCKET_NAME: 'aiops-cost-reports-test' })({ task: 'cost-report' });
    expect(res).toMatchObject({ recommendations: 0, monthlySavings: 0 });
    expect(puts().map((p) => [p.Bucket, p.Key, p.ContentType, p.ServerSideEncryption])).toEqual([
      ['aiops-cost-reports-test', 'cost/2026-11-24.json', 'application/json', 'AES256'],
      ['aiops-cost-reports-test', 'cost/2026-11-24.md', 'text/markdown; charset=utf-8', 'AES256'],
      ['aiops-cost-reports-test', 'cost/2026-11-24.html', 'text/html; charset=utf-8', 'AES256'],
    ]);
    const [json, md, html] = puts().map((p) => String(p.Body));
    expect(JSON.parse(json!)).toMatchObject({ kind: 'cost-daily', date: '2026-11-24', period: { start: '2026-11-17', end: '2026-11-23' } });
    expect(md).toContain('2026-11-24');
    expect(html).toMatch(/^<!doctype html>/i);
    // The spend came from Cost Explorer (DAILY, by service and account) for the 56 training days.
    const ce = mocks.ce.commandCalls(GetCostAndUsageCommand)[0]!.args[0].input;
    expect(ce).toMatchObject({ Granularity: 'DAILY', TimePeriod: { End: '2026-11-24' } });
  });

  it('names the day after the scheduled time when the event carries one (a replayed schedule writes the same keys)', async () => {
    await handlerWith({ REPORTS_BUCKET_NAME: 'aiops-cost-reports-test' })({ task: 'cost-report', time: '2026-11-22T03:00:00Z' });
    expect(puts().map((p) => p.Key)).toEqual(['cost/2026-11-22.json', 'cost/2026-11-22.md', 'cost/2026-11-22.html']);
  });

  it('fails closed without a report bucket and writes nothing', async () => {
    await expect(handlerWith({})({ task: 'cost-report' })).rejects.toThrow(/REPORTS_BUCKET_NAME/);
    expect(puts()).toEqual([]);
  });

  it('surfaces an S3 failure instead of reporting success', async () => {
    mocks.s3.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    await expect(handlerWith({ REPORTS_BUCKET_NAME: 'aiops-cost-reports-test' })({ task: 'cost-report' })).rejects.toThrow(/Access Denied/);
  });
});
