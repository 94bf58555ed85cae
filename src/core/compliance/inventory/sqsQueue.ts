import { z } from 'zod';

export const SQS_QUEUE_TYPE = 'AWS::SQS::Queue';

/** `AWS::SQS::Queue`: `GetQueueAttributes` (string-valued attributes, as the API returns them). */
export const SqsQueueStateSchema = z.looseObject({
  queueUrl: z.string(),
  attributes: z.looseObject({
    KmsMasterKeyId: z.string().optional(),
    SqsManagedSseEnabled: z.enum(['true', 'false']).optional(),
    Policy: z.string().optional(),
  }),
});
export type SqsQueueState = z.infer<typeof SqsQueueStateSchema>;
