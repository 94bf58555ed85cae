import { z } from 'zod';
import { alarmSignal, isoTimestamp } from '../alarmSignal.js';
import { defineNormalizer } from './types.js';

const ts = z.string().refine(isoTimestamp, 'must be a timestamp');

/** EventBridge "CloudWatch Alarm State Change" for a composite alarm (configuration.alarmRule). */
export const CompositeAlarmEventSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.literal('CloudWatch Alarm State Change'),
  source: z.literal('aws.cloudwatch'),
  account: z.string(),
  time: ts,
  region: z.string(),
  resources: z.array(z.string()).min(1),
  detail: z.object({
    alarmName: z.string().min(1),
    state: z.object({ value: z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA']), reason: z.string().optional(), timestamp: ts }),
    configuration: z.object({ alarmRule: z.string().min(1), description: z.string().nullish() }),
  }),
});

export default defineNormalizer({
  id: 'cloudwatchCompositeAlarm',
  title: 'CloudWatch composite alarm state change (EventBridge)',
  source: 'cloudwatch-alarm',
  matches: (raw) => raw['detail-type'] === 'CloudWatch Alarm State Change' && typeof (raw.detail as { configuration?: { alarmRule?: unknown } } | undefined)?.configuration?.alarmRule === 'string',
  schema: CompositeAlarmEventSchema,
  toSignals: (e) => [
    alarmSignal(
      {
        alarmName: e.detail.alarmName,
        alarmArn: e.resources[0] as string,
        stateValue: e.detail.state.value,
        stateTime: e.detail.state.timestamp,
        ...(e.detail.state.reason ? { reason: e.detail.state.reason } : {}),
        ...(e.detail.configuration.description ? { description: e.detail.configuration.description } : {}),
        composite: true,
        alarmRule: e.detail.configuration.alarmRule,
        account: e.account,
        region: e.region,
      },
      e,
    ),
  ],
});
