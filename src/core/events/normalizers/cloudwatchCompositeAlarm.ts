import { z } from 'zod';
import { alarmSignal } from '../alarmSignal.js';
import { alarmStateChangeSchema } from '../alarmStateChange.js';
import { defineNormalizer } from './types.js';

/** EventBridge "CloudWatch Alarm State Change" for a composite alarm (configuration.alarmRule). */
export const CompositeAlarmEventSchema = alarmStateChangeSchema(z.object({ alarmRule: z.string().min(1), description: z.string().nullish() }));

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
