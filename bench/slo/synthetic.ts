import type { MetricSeries } from '../../src/ports/metrics.js';
import { seededRandom } from '../../src/core/shared/hash.js';
import { cumulate, type CumulativeEvents } from '../../src/core/slo/burn/math.js';

const MIN = 60_000;

/** OpenSLO text for a synthetic ratio SLO on one ALB (good = 2xx + 3xx + 4xx, total = RequestCount). */
export function syntheticSpec(i: number): string {
  const targets = [0.999, 0.995, 0.99, 0.9995];
  const target = targets[i % targets.length];
  const lb = `app/bench-${i}/${(1e15 + i).toString(16)}`;
  const metric = (id: string, name: string) => `        - id: ${id}
          returnData: false
          metricStat: { metric: { namespace: AWS/ApplicationELB, metricName: ${name}, dimensions: [{ name: LoadBalancer, value: ${lb} }] }, stat: Sum }`;
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: bench-${i}
  annotations: { aiops.matcarv.io/burn-rate-preset: ${i % 5 === 4 ? 'pyrra' : 'workbook'} }
spec:
  service: svc-${i % 50}
  indicator:
    metadata: { name: bench-${i}-ok }
    spec:
      ratioMetric:
        good:
          metricSource:
            type: CloudWatch
            spec:
              metrics:
${metric('a', 'HTTPCode_Target_2XX_Count').replace(/^/gm, '      ')}
${metric('b', 'HTTPCode_Target_3XX_Count').replace(/^/gm, '      ')}
${metric('c', 'HTTPCode_Target_4XX_Count').replace(/^/gm, '      ')}
              - { id: good, expression: a + b + c, returnData: true }
        total:
          metricSource: { type: CloudWatch, spec: { namespace: AWS/ApplicationELB, metricName: RequestCount, stat: Sum, dimensions: [{ name: LoadBalancer, value: ${lb} }] } }
  timeWindow: [{ duration: ${i % 5 === 4 ? '28d' : '30d'}, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: ${target} }]
`;
}

/**
 * Per-minute series for the queries of a synthetic ALB SLO: diurnal traffic around `perMinute`,
 * a background error ratio of `baseBurn × (1 − target)`, seeded noise. Missing minutes are omitted
 * as CloudWatch does for empty sums.
 */
export function syntheticAlbSeries(ids: { ok2xx: string; ok3xx: string; ok4xx: string; total: string }, opts: { seed: number; startMs: number; minutes: number; perMinute: number; errorRatio: number }): MetricSeries[] {
  const rnd = seededRandom(opts.seed);
  // Packed arrays (push), as an SDK response parser produces them.
  const ts: number[] = [];
  const v2: number[] = [];
  const v3: number[] = [];
  const v4: number[] = [];
  const vt: number[] = [];
  for (let i = 0; i < opts.minutes; i++) {
    const t = opts.startMs + i * MIN;
    const diurnal = 1 + 0.4 * Math.sin((2 * Math.PI * (t % 86_400_000)) / 86_400_000);
    const total = Math.round(opts.perMinute * diurnal * (0.9 + 0.2 * rnd()));
    const bad = Math.round(total * opts.errorRatio * 2 * rnd());
    const ok = total - bad;
    const ok3 = Math.round(ok * 0.05);
    const ok4 = Math.round(ok * 0.02);
    ts.push(t);
    vt.push(total);
    v3.push(ok3);
    v4.push(ok4);
    v2.push(ok - ok3 - ok4);
  }
  const metric = { namespace: 'AWS/ApplicationELB', metricName: '', dimensions: {} };
  return [
    { id: ids.ok2xx, metric, timestamps: ts, values: v2 },
    { id: ids.ok3xx, metric, timestamps: ts, values: v3 },
    { id: ids.ok4xx, metric, timestamps: ts, values: v4 },
    { id: ids.total, metric, timestamps: ts, values: vt },
  ];
}

/**
 * Minute events with a known burn: `baseBurn` before `onset`, `incidentBurn` from it on (an
 * incident burn of 1/(1 − target) is a full outage). Bad events are binomially noisy (normal
 * approximation) around their mean so windows never see a perfectly smooth rate.
 */
export function incidentEvents(opts: { seed: number; minutes: number; onset: number; perMinute: number; target: number; baseBurn: number; incidentBurn: number }): CumulativeEvents {
  const rnd = seededRandom(opts.seed);
  const good = new Float64Array(opts.minutes);
  const total = new Float64Array(opts.minutes).fill(opts.perMinute);
  const budget = 1 - opts.target;
  for (let i = 0; i < opts.minutes; i++) {
    const ratio = Math.min(1, (i >= opts.onset ? opts.incidentBurn : opts.baseBurn) * budget);
    const mean = opts.perMinute * ratio;
    const sd = Math.sqrt(opts.perMinute * ratio * (1 - ratio));
    // Box–Muller from the seeded stream.
    const z = Math.sqrt(-2 * Math.log(Math.max(rnd(), 1e-12))) * Math.cos(2 * Math.PI * rnd());
    const bad = Math.min(opts.perMinute, Math.max(0, Math.round(mean + sd * z)));
    good[i] = opts.perMinute - bad;
  }
  return cumulate({ startMs: 0, stepMs: MIN, good, total });
}
