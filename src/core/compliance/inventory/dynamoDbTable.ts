import { z } from 'zod';

export const DYNAMODB_TABLE_TYPE = 'AWS::DynamoDB::Table';

/** `AWS::DynamoDB::Table`: `DescribeTable` + `DescribeContinuousBackups`. */
export const DynamoDbTableStateSchema = z.looseObject({
  tableName: z.string(),
  tableStatus: z.string().default('ACTIVE'),
  pointInTimeRecoveryDescription: z.looseObject({ PointInTimeRecoveryStatus: z.enum(['ENABLED', 'DISABLED']) }),
  deletionProtectionEnabled: z.boolean().optional(),
});
export type DynamoDbTableState = z.infer<typeof DynamoDbTableStateSchema>;
