/**
 * Test helpers for the detection use case only: an in-memory Store, a scripted Metrics source and
 * a manual clock. The platform's real adapters live in src/adapters/.
 */
import { MemoryStore } from '../../adapters/memory/store.js';
import type { Clock } from '../../ports/clock.js';
import type { MetricInfo, MetricQuery, Metrics, MetricSeries } from '../../ports/metrics.js';
import { metricKey } from '../../ports/metrics.js';

export { SteppingClock as ManualClock } from '../../adapters/local/clocks.js';

/** Detection tests run on the product's in-memory Store adapter (it passes the Store contract). */
export { MemoryStore };

export interface ScriptedMetric {
  info: MetricInfo;
  valueAt: (t: number) => number;
}

/** GetMetricData over scripted functions: aligned periods, only complete periods before `now`. */
export class ScriptedMetrics implements Metrics {
  calls = 0;
  constructor(
    private readonly clock: Clock,
    readonly scripted: ScriptedMetric[],
  ) {}
  async getMetricData(queries: MetricQuery[], startMs: number, endMs: number): Promise<MetricSeries[]> {
    this.calls++;
    return queries.map((q) => {
      const m = this.scripted.find((s) => metricKey(s.info.metric) === metricKey(q.metric));
      const series: MetricSeries = { id: q.id, metric: q.metric, timestamps: [], values: [] };
      if (!m) return series;
      const p = q.period * 1000;
      const last = Math.min(endMs, this.clock.now() - p);
      for (let t = Math.ceil(startMs / p) * p; t <= last; t += p) {
        series.timestamps.push(t);
        series.values.push(m.valueAt(t));
      }
      return series;
    });
  }
  async listMetrics(filter?: { namespace?: string; resourceArn?: string }): Promise<MetricInfo[]> {
    return this.scripted.map((s) => s.info).filter((i) => (!filter?.namespace || i.metric.namespace === filter.namespace) && (!filter?.resourceArn || i.resourceArn === filter.resourceArn));
  }
}
