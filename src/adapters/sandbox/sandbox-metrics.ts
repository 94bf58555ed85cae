import { metricKey, type MetricInfo, type MetricQuery, type Metrics, type MetricSeries } from '../../ports/metrics.js';
import type { Sandbox } from './sandbox.js';

/** GetMetricData over the sandbox's generator: aligned periods, CloudWatch statistics, no future datapoints. */
export class SandboxMetrics implements Metrics {
  constructor(private readonly sandbox: Sandbox) {}

  async getMetricData(queries: MetricQuery[], startMs: number, endMs: number): Promise<MetricSeries[]> {
    const now = this.sandbox.now();
    return queries.map((q) => {
      const def = this.sandbox.findMetric(q.metric);
      const series: MetricSeries = { id: q.id, metric: q.metric, timestamps: [], values: [] };
      if (!def) return series;
      series.unit = def.unit;
      const periodMs = Math.max(60, q.period) * 1000;
      const first = Math.ceil(startMs / periodMs) * periodMs;
      // Only complete periods: CloudWatch does not return a datapoint for a period still in progress.
      const last = Math.min(endMs, now - periodMs);
      for (let t = first; t <= last; t += periodMs) {
        const v = this.sandbox.datapoint(def, t, periodMs, q.stat);
        if (Number.isNaN(v)) continue;
        series.timestamps.push(t);
        series.values.push(v);
      }
      return series;
    });
  }

  async listMetrics(filter?: { namespace?: string; resourceArn?: string }): Promise<MetricInfo[]> {
    return this.sandbox
      .metricDefs()
      .filter((d) => (!filter?.namespace || d.id.namespace === filter.namespace) && (!filter?.resourceArn || d.resourceArn === filter.resourceArn))
      .map((d) => ({ metric: d.id, unit: d.unit, resourceArn: d.resourceArn }));
  }

  keyOf = metricKey;
}
