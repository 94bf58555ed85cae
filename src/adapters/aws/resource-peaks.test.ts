import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { dynamoDbPeakConsumedCapacity, lambdaMaxMemoryUsedMb, metricPeaks } from './resource-peaks.js';
import { readState } from './resource-state.js';

const cw = mockClient(CloudWatchClient);
const ddb = mockClient(DynamoDBClient);
const lambda = mockClient(LambdaClient);
const NOW = new Date('2026-11-22T12:00:00.000Z');
const now = () => NOW;

beforeEach(() => [cw, ddb, lambda].forEach((m) => m.reset()));

describe('Function: metricPeaks', () => {
  it('takes the maximum of every page per query over the 14-day window, leaving out queries without data', async () => {
    cw.on(GetMetricDataCommand)
      .resolvesOnce({ MetricDataResults: [{ Id: 'a', Values: [1, 5, 2] }, { Id: 'b', Values: [] }], NextToken: 't1' })
      .resolves({ MetricDataResults: [{ Id: 'a', Values: [7, 3] }] });
    const peaks = await metricPeaks(new CloudWatchClient({}), [{ Id: 'a', Expression: 'x' }, { Id: 'b', Expression: 'y' }], { now });
    expect(peaks).toEqual({ a: 7 });
    const [first, second] = cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    expect(first?.StartTime).toEqual(new Date('2026-11-08T12:00:00.000Z'));
    expect(first?.EndTime).toEqual(NOW);
    expect(second?.NextToken).toBe('t1');
  });
});

describe('Function: dynamoDbPeakConsumedCapacity', () => {
  it('asks for per-minute Sums of the table divided by 60 and returns both per-second peaks', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'read', Values: [12.5, 40] }, { Id: 'write', Values: [3] }] });
    expect(await dynamoDbPeakConsumedCapacity(new CloudWatchClient({}), 'sessions', { now })).toEqual({ ReadCapacityUnits: 40, WriteCapacityUnits: 3 });
    const q = cw.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries ?? [];
    expect(q.find((x) => x.Id === 'rsum')?.MetricStat).toMatchObject({ Metric: { Namespace: 'AWS/DynamoDB', MetricName: 'ConsumedReadCapacityUnits', Dimensions: [{ Name: 'TableName', Value: 'sessions' }] }, Period: 60, Stat: 'Sum' });
    expect(q.find((x) => x.Id === 'write')).toMatchObject({ Expression: 'wsum/60', ReturnData: true });
  });
});

describe('Function: lambdaMaxMemoryUsedMb', () => {
  it.each([
    ['the Lambda Insights maximum', [{ Id: 'mem', Values: [180, 233] }], 233],
    ['undefined without Lambda Insights data', [{ Id: 'mem', Values: [] }], undefined],
  ])('returns %s', async (_n, results, expected) => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: results });
    expect(await lambdaMaxMemoryUsedMb(new CloudWatchClient({}), 'thumbnails', { now })).toBe(expected);
    expect(cw.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries?.[0]?.MetricStat).toMatchObject({ Metric: { Namespace: 'LambdaInsights', MetricName: 'used_memory_max', Dimensions: [{ Name: 'function_name', Value: 'thumbnails' }] }, Stat: 'Maximum' });
  });
});

describe('Function: readState (with peaks)', () => {
  it('fills PeakConsumedCapacity and the decrease counters of a provisioned table', async () => {
    ddb.on(DescribeTableCommand).resolves({ Table: { TableName: 'sessions', TableStatus: 'ACTIVE', ProvisionedThroughput: { ReadCapacityUnits: 400, WriteCapacityUnits: 200, NumberOfDecreasesToday: 1, LastDecreaseDateTime: NOW } } });
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'read', Values: [61] }, { Id: 'write', Values: [14] }] });
    const s = await readState({ cloudwatch: new CloudWatchClient({}), dynamodb: new DynamoDBClient({}) } as never, 'AWS::DynamoDB::Table', 'arn:aws:dynamodb:us-east-1:1:table/sessions', { peaks: { now } });
    expect(s?.state).toMatchObject({ PeakConsumedCapacity: { ReadCapacityUnits: 61, WriteCapacityUnits: 14 }, ProvisionedThroughput: { ReadCapacityUnits: 400, NumberOfDecreasesToday: 1, LastDecreaseDateTime: NOW.toISOString() } });
  });

  it.each([
    ['an on-demand table', { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' as const } }, { peaks: { now } }],
    ['peaks not asked for', {}, {}],
  ])('makes no CloudWatch call for %s', async (_n, extra, options) => {
    ddb.on(DescribeTableCommand).resolves({ Table: { TableName: 'sessions', TableStatus: 'ACTIVE', ...extra } });
    const s = await readState({ cloudwatch: new CloudWatchClient({}), dynamodb: new DynamoDBClient({}) } as never, 'AWS::DynamoDB::Table', 'arn:aws:dynamodb:us-east-1:1:table/sessions', options);
    expect(s?.state.PeakConsumedCapacity).toBeUndefined();
    expect(cw.calls()).toHaveLength(0);
  });

  it('fills MaxMemoryUsed of a function from Lambda Insights', async () => {
    lambda.on(GetFunctionConfigurationCommand).resolves({ FunctionName: 'thumbnails', MemorySize: 3008, State: 'Active' });
    lambda.on(GetFunctionConcurrencyCommand).resolves({});
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'mem', Values: [233] }] });
    const s = await readState({ cloudwatch: new CloudWatchClient({}), lambda: new LambdaClient({}) } as never, 'AWS::Lambda::Function', 'arn:aws:lambda:us-east-1:1:function:thumbnails', { peaks: { now } });
    expect(s?.state).toMatchObject({ MemorySize: 3008, MaxMemoryUsed: 233 });
  });
});
