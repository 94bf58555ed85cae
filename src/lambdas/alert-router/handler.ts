import type { SQSBatchResponse } from 'aws-lambda';
import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';
import { createRuntime, lambdaHandler, MetricUnit, type Runtime } from '../shared/runtime.js';
import { useCase, type RawSignalInput } from '../shared/use-cases.js';

const SqsEventSchema = z.object({
  Records: z.array(z.object({ messageId: z.string().min(1), body: z.string(), attributes: z.object({ SentTimestamp: z.string().optional() }).partial().optional() })),
});

/** Recognizes the envelope of one queue message: EventBridge event, SNS notification or Alertmanager webhook. */
export function toRawSignal(body: string, receivedAt: string): RawSignalInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { source: 'unknown', receivedAt, raw: body };
  }
  if (parsed && typeof parsed === 'object') {
    const o = parsed as Record<string, unknown>;
    if (o.Type === 'Notification' && typeof o.Message === 'string') {
      let message: unknown = o.Message;
      try {
        message = JSON.parse(o.Message);
      } catch {
        // A plain-text SNS message is still a signal; the normalizer decides.
      }
      return { source: 'sns', receivedAt, raw: message };
    }
    if ('detail-type' in o && 'source' in o) return { source: 'eventbridge', receivedAt, raw: parsed };
    if (Array.isArray(o.alerts)) return { source: 'alertmanager', receivedAt, raw: parsed };
  }
  return { source: 'unknown', receivedAt, raw: parsed };
}

/**
 * SQS → ingestSignals, one message at a time and idempotent on the message id, so a redelivered
 * message is not counted twice. Failed messages are reported back to SQS (partial batch
 * response) and reach the DLQ after five receives: nothing is lost.
 */
export function createAlertRouterHandler(rt: Runtime) {
  return lambdaHandler(rt, async (event: unknown): Promise<SQSBatchResponse> => {
    const { Records } = parseOrThrow(SqsEventSchema, event, 'event');
    const deps = rt.deps();
    const ingestOne = rt.idempotent('ingest', async (msg: { messageId: string; input: RawSignalInput }) => useCase('ingestSignals')(deps, [msg.input]), 'messageId');
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const r of Records) {
      const receivedAt = new Date(r.attributes?.SentTimestamp ? Number(r.attributes.SentTimestamp) : deps.clock.now()).toISOString();
      try {
        const res = await ingestOne({ messageId: r.messageId, input: toRawSignal(r.body, receivedAt) });
        rt.metrics.addMetric('SignalsAccepted', MetricUnit.Count, res.accepted);
        rt.metrics.addMetric('SignalsQuarantined', MetricUnit.Count, res.quarantined);
      } catch (err) {
        rt.logger.error('message failed; SQS will redeliver it', { messageId: r.messageId, error: err as Error });
        batchItemFailures.push({ itemIdentifier: r.messageId });
      }
    }
    return { batchItemFailures };
  });
}

export const handler = createAlertRouterHandler(createRuntime('alert-router'));
