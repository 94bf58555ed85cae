import { z } from 'zod';

export const KMS_KEY_TYPE = 'AWS::KMS::Key';

/** `AWS::KMS::Key`: `DescribeKey` (`KeyMetadata`) + `GetKeyRotationStatus`. */
export const KmsKeyStateSchema = z.looseObject({
  keyId: z.string(),
  keyManager: z.enum(['AWS', 'CUSTOMER']),
  keySpec: z.string().default('SYMMETRIC_DEFAULT'),
  keyState: z.string(),
  origin: z.enum(['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE']).default('AWS_KMS'),
  keyRotationEnabled: z.boolean(),
});
export type KmsKeyState = z.infer<typeof KmsKeyStateSchema>;
