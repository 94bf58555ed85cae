import { metricKey, type MetricId, type MetricInfo, type MetricQuery, type MetricSeries, type Metrics, type Statistic } from '../../../ports/metrics.js';

/** A metric's value at a minute, or undefined when CloudWatch would return no datapoint. */
export type MetricGenerator = (tMs: number, stat: Statistic) => number | undefined;

/**
 * A Metrics fake that computes each datapoint from a function of time: synthetic traffic and
 * errors for SLO tests and the benchmark. Datapoints exist only from `dataStartMs` on, like a
 * freshly created metric, and only for metrics that have a generator.
 */
export class SyntheticMetrics implements Metrics {
  private readonly generators = new Map<string, { metric: MetricId; fn: MetricGenerator }>();
  /** Every getMetricData call, for assertions on what was read. */
  readonly calls: Array<{ queries: MetricQuery[]; startMs: number; endMs: number }> = [];
  failWith: Error | undefined;

  constructor(private readonly dataStartMs = 0) {}

  set(metric: MetricId, fn: MetricGenerator): this {
    this.generators.set(metricKey(metric), { metric, fn });
    return this;
  }

  getMetricData(queries: MetricQuery[], startMs: number, endMs: number): Promise<MetricSeries[]> {
    this.calls.push({ queries, startMs, endMs });
    if (this.failWith) return Promise.reject(this.failWith);
    return Promise.resolve(
      queries.map((q) => {
        const gen = this.generators.get(metricKey(q.metric));
        const timestamps: number[] = [];
        const values: number[] = [];
        const step = q.period * 1000;
        if (gen) {
          for (let t = Math.ceil(Math.max(startMs, this.dataStartMs) / step) * step; t < endMs; t += step) {
            const v = gen.fn(t, q.stat);
            if (v !== undefined) {
              timestamps.push(t);
              values.push(v);
            }
          }
        }
        return { id: q.id, metric: q.metric, timestamps, values };
      }),
    );
  }

  listMetrics(): Promise<MetricInfo[]> {
    return Promise.resolve([...this.generators.values()].map((g) => ({ metric: g.metric, unit: 'Count' })));
  }
}
