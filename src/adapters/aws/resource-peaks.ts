import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';

/** How far back the peaks of the right-sizing runbooks look (the cost rules' 14-day window). */
export const PEAK_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

export interface PeakOptions {
  /** Reference time of the window; the adapter's clock (defaults to the current time). */
  now?: () => Date;
  windowDays?: number;
}

/**
 * The maximum of each query's data points over the window (GetMetricData, paginated). A query
 * without data points is absent from the result: a peak nobody measured is not zero, and the
 * runbooks refuse to act on an unknown peak.
 */
export async function metricPeaks(cw: CloudWatchClient, queries: MetricDataQuery[], o: PeakOptions = {}): Promise<Record<string, number>> {
  const end = o.now ? o.now() : new Date();
  const start = new Date(end.getTime() - (o.windowDays ?? PEAK_WINDOW_DAYS) * DAY_MS);
  const peaks: Record<string, number> = {};
  let token: string | undefined;
  do {
    const res = await cw.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampDescending', ...(token ? { NextToken: token } : {}) }));
    for (const r of res.MetricDataResults ?? []) {
      for (const v of r.Values ?? []) if (r.Id && Number.isFinite(v)) peaks[r.Id] = Math.max(peaks[r.Id] ?? Number.NEGATIVE_INFINITY, v);
    }
    token = res.NextToken;
  } while (token);
  return peaks;
}

/**
 * Per-second peak of consumed read/write capacity of a table: the per-minute Sum divided by 60
 * (metric math, so the division happens in CloudWatch), max over 14 days. One-minute data is kept
 * 15 days, so the whole window is at one-minute resolution.
 */
export async function dynamoDbPeakConsumedCapacity(cw: CloudWatchClient, table: string, o: PeakOptions = {}): Promise<{ ReadCapacityUnits?: number; WriteCapacityUnits?: number }> {
  const metric = (id: string, name: string): MetricDataQuery => ({ Id: id, ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/DynamoDB', MetricName: name, Dimensions: [{ Name: 'TableName', Value: table }] }, Period: 60, Stat: 'Sum' } });
  const peaks = await metricPeaks(cw, [metric('rsum', 'ConsumedReadCapacityUnits'), metric('wsum', 'ConsumedWriteCapacityUnits'), { Id: 'read', Expression: 'rsum/60', ReturnData: true }, { Id: 'write', Expression: 'wsum/60', ReturnData: true }], o);
  return { ...(peaks.read !== undefined ? { ReadCapacityUnits: peaks.read } : {}), ...(peaks.write !== undefined ? { WriteCapacityUnits: peaks.write } : {}) };
}

/**
 * Peak memory used by a function in MB over 14 days, from Lambda Insights (`LambdaInsights`
 * `used_memory_max`, Maximum, per function). Only functions with the Lambda Insights extension
 * publish it; for the others the result is undefined and the memory runbook stays ineligible.
 */
export async function lambdaMaxMemoryUsedMb(cw: CloudWatchClient, functionName: string, o: PeakOptions = {}): Promise<number | undefined> {
  const peaks = await metricPeaks(cw, [{ Id: 'mem', ReturnData: true, MetricStat: { Metric: { Namespace: 'LambdaInsights', MetricName: 'used_memory_max', Dimensions: [{ Name: 'function_name', Value: functionName }] }, Period: 3600, Stat: 'Maximum' } }], o);
  return peaks.mem;
}
