import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, type CloudWatchClientConfig, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { MetricInfo, MetricQuery, MetricSeries, Metrics } from '../../ports/metrics.js';

export type CloudWatchMetricsOptions = { client: CloudWatchClient; clientConfig?: never } | { clientConfig: CloudWatchClientConfig; client?: never };

/** GetMetricData takes at most 500 queries per request. */
export const MAX_QUERIES_PER_REQUEST = 500;

/** Metrics on CloudWatch GetMetricData (paginated, chunked) and ListMetrics. */
export class CloudWatchMetrics implements Metrics {
  private readonly client: CloudWatchClient;

  constructor(options: CloudWatchMetricsOptions) {
    this.client = options.client ?? new CloudWatchClient(options.clientConfig ?? {});
  }

  async getMetricData(queries: MetricQuery[], startMs: number, endMs: number): Promise<MetricSeries[]> {
    const out = new Map<string, MetricSeries>();
    for (const q of queries) out.set(q.id, { id: q.id, metric: q.metric, timestamps: [], values: [] });
    for (let i = 0; i < queries.length; i += MAX_QUERIES_PER_REQUEST) {
      const chunk = queries.slice(i, i + MAX_QUERIES_PER_REQUEST);
      const dataQueries: MetricDataQuery[] = chunk.map((q) => ({
        Id: q.id,
        MetricStat: { Metric: { Namespace: q.metric.namespace, MetricName: q.metric.metricName, Dimensions: Object.entries(q.metric.dimensions).map(([Name, Value]) => ({ Name, Value })) }, Period: q.period, Stat: q.stat },
        ReturnData: true,
      }));
      let nextToken: string | undefined;
      do {
        const res = await this.client.send(new GetMetricDataCommand({ MetricDataQueries: dataQueries, StartTime: new Date(startMs), EndTime: new Date(endMs), ScanBy: 'TimestampAscending', ...(nextToken ? { NextToken: nextToken } : {}) }));
        for (const r of res.MetricDataResults ?? []) {
          const series = r.Id ? out.get(r.Id) : undefined;
          if (!series) continue;
          (r.Timestamps ?? []).forEach((t, k) => {
            series.timestamps.push(new Date(t).getTime());
            series.values.push(r.Values?.[k] ?? Number.NaN);
          });
        }
        nextToken = res.NextToken;
      } while (nextToken);
    }
    // Pages may interleave; the port promises ascending timestamps.
    for (const s of out.values()) {
      const order = s.timestamps.map((t, k) => [t, s.values[k] as number] as const).sort((a, b) => a[0] - b[0]);
      s.timestamps = order.map((p) => p[0]);
      s.values = order.map((p) => p[1]);
    }
    return [...out.values()];
  }

  async listMetrics(filter: { namespace?: string; resourceArn?: string } = {}): Promise<MetricInfo[]> {
    const out: MetricInfo[] = [];
    let nextToken: string | undefined;
    do {
      const res = await this.client.send(new ListMetricsCommand({ ...(filter.namespace ? { Namespace: filter.namespace } : {}), ...(nextToken ? { NextToken: nextToken } : {}) }));
      for (const m of res.Metrics ?? []) {
        out.push({ metric: { namespace: m.Namespace ?? '', metricName: m.MetricName ?? '', dimensions: Object.fromEntries((m.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? ''])) }, unit: 'None', ...(filter.resourceArn ? { resourceArn: filter.resourceArn } : {}) });
      }
      nextToken = res.NextToken;
    } while (nextToken);
    return out;
  }
}
