import { describe, expect, it } from 'vitest';
import type { Metrics } from './metrics.js';

/** Every Metrics adapter: listed metrics can be queried; datapoints are period-aligned, ascending and within range. */
export function describeMetricsContract(name: string, make: () => Promise<{ metrics: Metrics; now: number }>): void {
  describe(`Metrics contract: ${name}`, () => {
    it('returns aligned, ascending datapoints inside the requested range for a listed metric', async () => {
      const { metrics, now } = await make();
      const [m] = await metrics.listMetrics();
      expect(m).toBeDefined();
      const start = now - 30 * 60_000;
      const [s] = await metrics.getMetricData([{ id: 'a', metric: m!.metric, stat: 'Average', period: 300 }], start, now);
      expect(s!.id).toBe('a');
      expect(s!.timestamps.length).toBe(s!.values.length);
      expect(s!.timestamps.length).toBeGreaterThan(0);
      for (let i = 0; i < s!.timestamps.length; i++) {
        const t = s!.timestamps[i]!;
        expect(t % 300_000).toBe(0);
        expect(t).toBeGreaterThanOrEqual(start);
        expect(t).toBeLessThanOrEqual(now);
        if (i > 0) expect(t).toBeGreaterThan(s!.timestamps[i - 1]!);
        expect(Number.isFinite(s!.values[i]!)).toBe(true);
      }
    });

    it('returns an empty series (not an error) for an unknown metric', async () => {
      const { metrics, now } = await make();
      const [s] = await metrics.getMetricData([{ id: 'x', metric: { namespace: 'Nope', metricName: 'Nothing', dimensions: {} }, stat: 'Sum', period: 60 }], now - 600_000, now);
      expect(s!.values).toEqual([]);
    });
  });
}
