import { z } from 'zod';
import { alarmSignal, isoTimestamp } from '../alarmSignal.js';
import { defineNormalizer, isRecord } from './types.js';

const ts = z.string().refine(isoTimestamp, 'must be a timestamp');

/** The JSON CloudWatch puts in an SNS notification's `Message` (metric or composite alarm). */
export const SnsAlarmMessageSchema = z.object({
  AlarmName: z.string().min(1),
  AlarmDescription: z.string().nullish(),
  AWSAccountId: z.string(),
  NewStateValue: z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA']),
  NewStateReason: z.string().optional(),
  StateChangeTime: ts,
  AlarmArn: z.string().min(1),
  OldStateValue: z.string().optional(),
  AlarmRule: z.string().optional(),
  Trigger: z
    .object({
      MetricName: z.string().optional(),
      Namespace: z.string().optional(),
      Dimensions: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
      Threshold: z.number().optional(),
      Metrics: z.array(z.object({ MetricStat: z.object({ Metric: z.object({ Namespace: z.string(), MetricName: z.string(), Dimensions: z.array(z.object({ Name: z.string(), Value: z.string() })).default([]) }) }).optional() })).optional(),
    })
    .optional(),
});

const jsonMessage = z.string().transform((s, ctx) => {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON CloudWatch alarm message' });
    return z.NEVER;
  }
});

const SnsNotification = z.object({
  Type: z.literal('Notification'),
  MessageId: z.string().min(1),
  TopicArn: z.string().optional(),
  Message: jsonMessage.pipe(SnsAlarmMessageSchema),
});

const LambdaSnsEvent = z.object({ Records: z.array(z.object({ EventSource: z.literal('aws:sns'), Sns: SnsNotification })).min(1) });

/**
 * Either an SNS HTTP(S) delivery (one notification) or a Lambda SNS event (Records[].Sns). Picked
 * by shape rather than z.union so a failure names the real field, not the union.
 */
export const SnsAlarmEnvelopeSchema = z.unknown().transform((raw, ctx) => {
  const lambda = isRecord(raw) && Array.isArray(raw.Records);
  const r = lambda ? LambdaSnsEvent.safeParse(raw) : SnsNotification.safeParse(raw);
  if (!r.success) {
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return 'Records' in r.data ? r.data.Records.map((x) => x.Sns) : [r.data];
});

export default defineNormalizer({
  id: 'cloudwatchAlarmSns',
  title: 'CloudWatch alarm delivered through SNS (JSON in Message)',
  source: 'cloudwatch-alarm',
  matches: (raw) => (raw.Type === 'Notification' && typeof raw.Message === 'string') || (Array.isArray(raw.Records) && isRecord(raw.Records[0]) && raw.Records[0].EventSource === 'aws:sns'),
  schema: SnsAlarmEnvelopeSchema,
  toSignals: (notifications) =>
    notifications.map((n) => {
      const m = n.Message;
      const t = m.Trigger;
      const stat = t?.Metrics?.find((x) => x.MetricStat)?.MetricStat?.Metric;
      const namespace = t?.Namespace ?? stat?.Namespace;
      const metricName = t?.MetricName ?? stat?.MetricName;
      const dims = t?.Namespace ? t.Dimensions.map((d) => [d.name, d.value] as const) : (stat?.Dimensions ?? []).map((d) => [d.Name, d.Value] as const);
      return alarmSignal(
        {
          alarmName: m.AlarmName,
          alarmArn: m.AlarmArn,
          stateValue: m.NewStateValue,
          stateTime: m.StateChangeTime,
          ...(m.NewStateReason ? { reason: m.NewStateReason } : {}),
          ...(m.AlarmDescription ? { description: m.AlarmDescription } : {}),
          ...(namespace && metricName ? { namespace, metricName, dimensions: Object.fromEntries(dims) } : {}),
          ...(t?.Threshold !== undefined ? { threshold: t.Threshold } : {}),
          ...(m.AlarmRule ? { composite: true, alarmRule: m.AlarmRule } : {}),
          account: m.AWSAccountId,
        },
        n,
      );
    }),
});
