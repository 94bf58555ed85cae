import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';

/** The environment the CDK stacks give every function (names in SCREAMING_SNAKE_CASE). */
export const LambdaEnvSchema = z.object({
  AIOPS_ENV: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  EVENT_BUS_NAME: z.string().min(1).optional(),
  ALERTS_TOPIC_ARN: z.string().startsWith('arn:').optional(),
  CRITICAL_TOPIC_ARN: z.string().startsWith('arn:').optional(),
  APPROVALS_TOPIC_ARN: z.string().startsWith('arn:').optional(),
  IDEMPOTENCY_TABLE_NAME: z.string().min(1).optional(),
  REPORTS_BUCKET_NAME: z.string().min(1).optional(),
  ARTIFACTS_BUCKET_NAME: z.string().min(1).optional(),
  STATE_MACHINE_ARN: z.string().optional(),
  STATE_NAME: z.string().optional(),
  CONSOLE_URL: z.string().url().optional(),
  SES_FROM_ADDRESS: z.string().email().optional(),
  /** JSON object: IAM user/role ARN (or `*`) → API role (viewer, operator, approver, admin). */
  API_PRINCIPAL_ROLES: z.string().optional(),
});

export type LambdaEnv = z.infer<typeof LambdaEnvSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): LambdaEnv {
  return parseOrThrow(LambdaEnvSchema, source, 'env');
}
