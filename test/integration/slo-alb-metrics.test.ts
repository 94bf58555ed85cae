import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/adapters/local/clocks.js';
import { Sandbox } from '../../src/adapters/sandbox/sandbox.js';
import type { FaultSpecInput } from '../../src/adapters/sandbox/faults/schema.js';
import type { MetricQuery } from '../../src/ports/metrics.js';

const MIN = 60_000;
const LB = { LoadBalancer: 'app/checkout-alb/50dc6c495c0c9188' };
const CLASSES = ['HTTPCode_Target_2XX_Count', 'HTTPCode_Target_3XX_Count', 'HTTPCode_Target_4XX_Count', 'HTTPCode_Target_5XX_Count'];
const queries = (period: number): MetricQuery[] =>
  ['RequestCount', ...CLASSES].map((metricName, i) => ({ id: `m${i}`, metric: { namespace: 'AWS/ApplicationELB', metricName, dimensions: LB }, stat: 'Sum', period }));

/** The checkout availability SLI reads the ALB's per-class counts: they must add up to RequestCount, faults or not. */
describe('Sandbox: the checkout ALB publishes 2XX/3XX/4XX/5XX counts that add up to RequestCount', () => {
  it.each<[string, FaultSpecInput[]]>([
    ['the healthy baseline', []],
    ['a 5XX spike', [{ type: 'metric', resource: 'checkout-alb', metric: 'HTTPCode_Target_5XX_Count', pattern: 'flatline', magnitude: 80, durationMinutes: 30 }]],
    ['a traffic drop', [{ type: 'metric', resource: 'checkout-alb', metric: 'RequestCount', pattern: 'scale', magnitude: 0.6, durationMinutes: 60 }]],
    ['more client errors', [{ type: 'metric', resource: 'checkout-alb', metric: 'HTTPCode_Target_4XX_Count', pattern: 'step', magnitude: 10, durationMinutes: 60 }]],
    ['a 5XX drop-out', [{ type: 'metric', resource: 'checkout-alb', metric: 'HTTPCode_Target_5XX_Count', pattern: 'dropout', magnitude: 0, durationMinutes: 20 }]],
  ])('with %s, per minute and per 5 minutes', async (_name, faults) => {
    const clock = new ManualClock('2026-11-23T10:00:00.000Z');
    const sandbox = new Sandbox({ clock });
    const start = clock.now();
    if (faults.length > 0) await sandbox.inject(faults, 'test');
    await clock.advance(2 * 60 * MIN);
    for (const period of [60, 300]) {
      const [requests, ...classes] = await sandbox.metrics.getMetricData(queries(period), start - 60 * MIN, clock.now());
      expect(requests!.timestamps.length).toBeGreaterThan(0);
      requests!.timestamps.forEach((t, i) => {
        const sum = classes.reduce((acc, s) => acc + (s.timestamps.includes(t) ? (s.values[s.timestamps.indexOf(t)] as number) : 0), 0);
        expect(sum, new Date(t).toISOString()).toBe(requests!.values[i]);
      });
      // The mix is a web API's: mostly 2XX, a few redirects and client errors.
      const share = (k: number) => classes[k]!.values.reduce((a, b) => a + b, 0) / requests!.values.reduce((a, b) => a + b, 0);
      expect(share(0)).toBeGreaterThan(0.8);
      expect(share(1)).toBeGreaterThan(0.02);
      expect(share(2)).toBeGreaterThan(0.015);
    }
  });
});
