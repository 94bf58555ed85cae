import { z } from 'zod';

export const S3_BUCKET_TYPE = 'AWS::S3::Bucket';

export const PublicAccessBlockSchema = z.looseObject({
  BlockPublicAcls: z.boolean(),
  IgnorePublicAcls: z.boolean(),
  BlockPublicPolicy: z.boolean(),
  RestrictPublicBuckets: z.boolean(),
});

/**
 * `AWS::S3::Bucket`: `GetPublicAccessBlock`, `GetBucketEncryption`, `GetBucketVersioning`,
 * `GetBucketPolicy` (JSON text), `GetBucketLogging`. null means the API answered "not configured".
 */
export const S3BucketStateSchema = z.looseObject({
  publicAccessBlock: PublicAccessBlockSchema.nullable(),
  serverSideEncryption: z
    .looseObject({
      Rules: z.array(
        z.looseObject({
          ApplyServerSideEncryptionByDefault: z.looseObject({ SSEAlgorithm: z.enum(['AES256', 'aws:kms', 'aws:kms:dsse']), KMSMasterKeyID: z.string().optional() }),
          BucketKeyEnabled: z.boolean().optional(),
        }),
      ),
    })
    .nullable(),
  versioning: z.looseObject({ Status: z.enum(['Enabled', 'Suspended']).optional(), MFADelete: z.enum(['Enabled', 'Disabled']).optional() }),
  /** The bucket policy as JSON text, or null when the bucket has none. */
  policy: z.string().nullable(),
  logging: z.looseObject({ TargetBucket: z.string(), TargetPrefix: z.string().optional() }).nullable().optional(),
});
export type S3BucketState = z.infer<typeof S3BucketStateSchema>;
