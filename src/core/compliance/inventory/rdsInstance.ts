import { z } from 'zod';

export const RDS_INSTANCE_TYPE = 'AWS::RDS::DBInstance';

/** `AWS::RDS::DBInstance`: `DescribeDBInstances`. */
export const RdsInstanceStateSchema = z.looseObject({
  dbInstanceIdentifier: z.string(),
  engine: z.string(),
  dbInstanceStatus: z.string().default('available'),
  storageEncrypted: z.boolean(),
  publiclyAccessible: z.boolean(),
  backupRetentionPeriod: z.number().int(),
  multiAZ: z.boolean(),
  autoMinorVersionUpgrade: z.boolean(),
  deletionProtection: z.boolean().optional(),
});
export type RdsInstanceState = z.infer<typeof RdsInstanceStateSchema>;
