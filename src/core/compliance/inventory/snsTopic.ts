import { z } from 'zod';

export const SNS_TOPIC_TYPE = 'AWS::SNS::Topic';

/** `AWS::SNS::Topic`: `GetTopicAttributes` (string-valued attributes). */
export const SnsTopicStateSchema = z.looseObject({
  attributes: z.looseObject({ KmsMasterKeyId: z.string().optional(), Policy: z.string().optional() }),
});
export type SnsTopicState = z.infer<typeof SnsTopicStateSchema>;
