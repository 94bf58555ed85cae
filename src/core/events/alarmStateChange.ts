import { z } from 'zod';
import { isoTimestamp } from './alarmSignal.js';

export const timestampString = z.string().refine(isoTimestamp, 'must be a timestamp');

/**
 * The EventBridge "CloudWatch Alarm State Change" envelope, shared by metric and composite alarms;
 * they differ only in `detail.configuration` (metrics vs alarmRule) and what the state carries.
 */
export function alarmStateChangeSchema<C extends z.ZodType>(configuration: C) {
  return z.object({
    id: z.string().min(1),
    'detail-type': z.literal('CloudWatch Alarm State Change'),
    source: z.literal('aws.cloudwatch'),
    account: z.string(),
    time: timestampString,
    region: z.string(),
    resources: z.array(z.string()).min(1),
    detail: z.object({
      alarmName: z.string().min(1),
      state: z.object({ value: z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA']), reason: z.string().optional(), reasonData: z.string().optional(), timestamp: timestampString }),
      previousState: z.object({ value: z.string() }).partial().optional(),
      configuration,
    }),
  });
}
