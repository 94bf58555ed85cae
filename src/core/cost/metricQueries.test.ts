import { describe, expect, it } from 'vitest';
import { dynamoTable, ec2Instance, lambdaFunction, loadBalancer } from './fixtures.js';
import { dailyMetricQueries, toDailyMetrics } from './metricQueries.js';

describe('Function: dailyMetricQueries / toDailyMetrics', () => {
  it('asks CloudWatch for each needed metric with the right dimensions and a one-day period', () => {
    const plan = dailyMetricQueries([ec2Instance({ id: 'i-1' }), loadBalancer({ id: 'web' }), lambdaFunction({ id: 'fn' })]);
    const byName = Object.fromEntries(plan.queries.map((q) => [`${q.metric.namespace} ${q.metric.metricName}`, q]));
    expect(byName['AWS/EC2 CPUUtilization']).toMatchObject({ stat: 'Average', period: 86400, metric: { dimensions: { InstanceId: 'i-1' } } });
    expect(byName['AWS/ApplicationELB RequestCount']?.metric.dimensions).toEqual({ LoadBalancer: 'app/web/0123456789abcdef' });
    expect(byName['LambdaInsights used_memory_max']?.metric.dimensions).toEqual({ function_name: 'fn' });
    expect(plan.queries.every((q) => /^[a-z][A-Za-z0-9_]*$/.test(q.id))).toBe(true);
  });

  it('maps series back to resources by UTC day, dividing DynamoDB minute sums by 60', () => {
    const t = dynamoTable({ id: 't' });
    const plan = dailyMetricQueries([t]);
    const q = plan.queries.find((x) => x.metric.metricName === 'ConsumedReadCapacityUnits')!;
    const day = Date.parse('2026-11-19T00:00:00Z');
    const m = toDailyMetrics(plan, [{ id: q.id, metric: q.metric, timestamps: [day + 86_400_000, day], values: [120, 600] }]);
    expect(m.get(t.arn)?.['ConsumedReadCapacityUnits']).toEqual([{ date: '2026-11-19', value: 10 }, { date: '2026-11-20', value: 2 }]);
  });
});
