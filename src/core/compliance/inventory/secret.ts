import { z } from 'zod';
import { IsoTime } from './common.js';

export const SECRET_TYPE = 'AWS::SecretsManager::Secret';

/** `AWS::SecretsManager::Secret`: `DescribeSecret`. */
export const SecretStateSchema = z.looseObject({
  name: z.string(),
  rotationEnabled: z.boolean(),
  rotationRules: z.looseObject({ AutomaticallyAfterDays: z.number().int().optional() }).nullable().optional(),
  lastRotatedDate: IsoTime.nullable().optional(),
  createdDate: IsoTime.optional(),
});
export type SecretState = z.infer<typeof SecretStateSchema>;
