import { z } from 'zod';
import { alarmSignal, isoTimestamp, reasonDataValues } from '../alarmSignal.js';
import { defineNormalizer } from './types.js';

const ts = z.string().refine(isoTimestamp, 'must be a timestamp');

/** EventBridge "CloudWatch Alarm State Change" for a metric alarm (documented event shape). */
export const CloudWatchAlarmEventSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.literal('CloudWatch Alarm State Change'),
  source: z.literal('aws.cloudwatch'),
  account: z.string(),
  time: ts,
  region: z.string(),
  resources: z.array(z.string()).min(1),
  detail: z.object({
    alarmName: z.string().min(1),
    state: z.object({ value: z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA']), reason: z.string().optional(), reasonData: z.string().optional(), timestamp: ts }),
    previousState: z.object({ value: z.string() }).partial().optional(),
    configuration: z.object({
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
  }),
});

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
