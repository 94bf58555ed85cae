import { metricKey, type MetricId, type MetricQuery, type Statistic } from '../../../ports/metrics.js';
import type { MetricSum, SloDefinition } from '../spec/model.js';

/** CloudWatch publishes per-minute data at best for most AWS metrics; SLIs are read at that resolution. */
export const SLI_PERIOD_S = 60;

const termKey = (metric: MetricId, stat: Statistic): string => `${metricKey(metric)}|${stat}`;

/** The distinct metric queries an SLO needs, with ids that stay stable for the same definition. */
export interface SliQueryPlan {
  queries: MetricQuery[];
  /** Query id for a metric + statistic. */
  idOf(metric: MetricId, stat: Statistic): string;
}

export function sliQueryPlan(slo: SloDefinition): SliQueryPlan {
  const ids = new Map<string, string>();
  const queries: MetricQuery[] = [];
  const add = (metric: MetricId, stat: Statistic) => {
    const key = termKey(metric, stat);
    if (ids.has(key)) return;
    const id = `q${queries.length}`;
    ids.set(key, id);
    queries.push({ id, metric, stat, period: SLI_PERIOD_S });
  };
  const addSum = (sum: MetricSum | undefined) => sum?.terms.forEach((t) => add(t.metric, t.stat));
  const sli = slo.sli;
  if (sli.kind === 'ratio') {
    addSum(sli.good);
    addSum(sli.bad);
    addSum(sli.total);
  } else if (sli.kind === 'threshold') {
    addSum(sli.metric);
  } else {
    sli.percentiles.forEach((p) => add(sli.latency.metric, p));
    addSum(sli.count);
  }
  return {
    queries,
    idOf(metric, stat) {
      const id = ids.get(termKey(metric, stat));
      if (!id) throw new Error(`no query planned for ${termKey(metric, stat)}`);
      return id;
    },
  };
}
