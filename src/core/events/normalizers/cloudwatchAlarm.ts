import { z } from 'zod';
import { alarmSignal, reasonDataValues } from '../alarmSignal.js';
import { alarmStateChangeSchema } from '../alarmStateChange.js';
import { defineNormalizer } from './types.js';

/** EventBridge "CloudWatch Alarm State Change" for a metric alarm (documented event shape). */
export const CloudWatchAlarmEventSchema = alarmStateChangeSchema(
  z.object({
    description: z.string().nullish(),
    metrics: z
      .array(
        z.object({
          id: z.string(),
          metricStat: z
            .object({
              metric: z.object({ namespace: z.string(), name: z.string(), dimensions: z.record(z.string(), z.string()).default({}) }),
              period: z.number().optional(),
              stat: z.string().optional(),
            })
            .optional(),
          expression: z.string().optional(),
          returnData: z.boolean().optional(),
        }),
      )
      .min(1),
  }),
);

export default defineNormalizer({
  id: 'cloudwatchAlarm',
  title: 'CloudWatch Alarm State Change (EventBridge, metric alarm)',
  source: 'cloudwatch-alarm',
  matches: (raw) => raw['detail-type'] === 'CloudWatch Alarm State Change' && !hasAlarmRule(raw),
  schema: CloudWatchAlarmEventSchema,
  toSignals: (e) => {
    const d = e.detail;
    // With metric math, the first metric that carries a metricStat names the underlying resource.
    const stat = d.configuration.metrics.find((m) => m.metricStat)?.metricStat;
    const { value, threshold } = reasonDataValues(d.state.reasonData);
    return [
      alarmSignal(
        {
          alarmName: d.alarmName,
          alarmArn: e.resources[0] as string,
          stateValue: d.state.value,
          stateTime: d.state.timestamp,
          ...(d.state.reason ? { reason: d.state.reason } : {}),
          ...(d.configuration.description ? { description: d.configuration.description } : {}),
          ...(stat ? { namespace: stat.metric.namespace, metricName: stat.metric.name, dimensions: stat.metric.dimensions } : {}),
          ...(value !== undefined ? { value } : {}),
          ...(threshold !== undefined ? { threshold } : {}),
          account: e.account,
          region: e.region,
        },
        e,
      ),
    ];
  },
});

function hasAlarmRule(raw: Record<string, unknown>): boolean {
  const detail = raw.detail as { configuration?: { alarmRule?: unknown } } | undefined;
  return typeof detail?.configuration?.alarmRule === 'string';
}
