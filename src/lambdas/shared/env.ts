import { z } from 'zod';
import { ValidationError } from '../../core/shared/errors.js';
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
  /** The Store's tables are `<prefix><collection>-<env>`; informational (the adapter derives the names from AIOPS_ENV). */
  STORE_TABLE_PREFIX: z.string().min(1).optional(),
  AUDIT_TABLE_NAME: z.string().min(1).optional(),
  REPORTS_BUCKET_NAME: z.string().min(1).optional(),
  ARTIFACTS_BUCKET_NAME: z.string().min(1).optional(),
  STATE_MACHINE_ARN: z.string().optional(),
  STATE_NAME: z.string().optional(),
  CONSOLE_URL: z.string().url().optional(),
  SES_FROM_ADDRESS: z.string().email().optional(),
  /** Secrets Manager ARN of the JSON notifier settings (Slack webhook, PagerDuty routing key, SES sender). */
  NOTIFIER_SECRET_ARN: z.string().optional(),
  /** The role SSM Automation runbooks run as (passed to StartAutomationExecution). */
  SSM_AUTOMATION_ROLE_ARN: z.string().optional(),
  /** 'true' where the RemediationStack deployed the region-wide Recycle Bin rule for EBS snapshots (deletions are recoverable). */
  RECYCLE_BIN_COVERS_SNAPSHOTS: z.enum(['true', 'false']).optional(),
  EBS_SNAPSHOT_RETENTION_DAYS: z.string().regex(/^\d+$/).optional(),
  /** JSON object: IAM user/role ARN (or `*`) → API role (viewer, operator, approver, admin). */
  API_PRINCIPAL_ROLES: z.string().optional(),
});

export type LambdaEnv = z.infer<typeof LambdaEnvSchema>;
export type LambdaEnvKey = keyof LambdaEnv;

/** Variables the Lambda runtime or Powertools read, set by the AiopsFunction construct for every function. */
export const RUNTIME_ENV_KEYS = ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_LOG_LEVEL', 'NODE_OPTIONS'] as const;

/**
 * What each function's wiring needs from its environment (`buildAwsDeps` and the use cases it
 * calls): a function started without one of these fails at cold start naming the variable, and the
 * infra tests check that the CDK stacks set every one of them.
 */
export const FUNCTION_ENV = {
  // ingest → alerting (bus, topics) → remediation.onAlert starts executions on the state machine.
  'alert-router': ['EVENT_BUS_NAME', 'ALERTS_TOPIC_ARN', 'CRITICAL_TOPIC_ARN', 'APPROVALS_TOPIC_ARN', 'STATE_MACHINE_ARN', 'IDEMPOTENCY_TABLE_NAME', 'NOTIFIER_SECRET_ARN'],
  // Advances alerting's timers, so it delivers notifications too (SNS, and Slack/PagerDuty from the secret).
  'anomaly-detector': ['EVENT_BUS_NAME', 'ALERTS_TOPIC_ARN', 'CRITICAL_TOPIC_ARN', 'IDEMPOTENCY_TABLE_NAME', 'NOTIFIER_SECRET_ARN'],
  'log-analyzer': ['EVENT_BUS_NAME', 'IDEMPOTENCY_TABLE_NAME'],
  'cost-analyzer': ['REPORTS_BUCKET_NAME', 'EVENT_BUS_NAME', 'ALERTS_TOPIC_ARN', 'IDEMPOTENCY_TABLE_NAME'],
  remediation: ['STATE_NAME', 'EVENT_BUS_NAME', 'APPROVALS_TOPIC_ARN', 'ALERTS_TOPIC_ARN', 'ARTIFACTS_BUCKET_NAME', 'SSM_AUTOMATION_ROLE_ARN', 'IDEMPOTENCY_TABLE_NAME'],
  'approval-callback': ['APPROVALS_TOPIC_ARN', 'IDEMPOTENCY_TABLE_NAME'],
  // runScheduled starts one execution per eligible resource; Security Hub sync needs no variable.
  maintenance: ['STATE_MACHINE_ARN', 'EVENT_BUS_NAME', 'ALERTS_TOPIC_ARN', 'IDEMPOTENCY_TABLE_NAME'],
  api: ['API_PRINCIPAL_ROLES', 'STATE_MACHINE_ARN', 'EVENT_BUS_NAME'],
} as const satisfies Record<string, readonly LambdaEnvKey[]>;

export type LambdaFunctionName = keyof typeof FUNCTION_ENV;

/** The function a Powertools service name belongs to (`remediation-execute` → `remediation`). */
export function functionOfService(service: string): LambdaFunctionName | undefined {
  if (service.startsWith('remediation-')) return 'remediation';
  return Object.hasOwn(FUNCTION_ENV, service) ? (service as LambdaFunctionName) : undefined;
}

/** Reads and validates the environment; with `fn`, also requires that function's variables. */
export function readEnv(source: Record<string, string | undefined> = process.env, fn?: LambdaFunctionName): LambdaEnv {
  const env = parseOrThrow(LambdaEnvSchema, source, 'env');
  for (const key of fn ? FUNCTION_ENV[fn] : []) if (env[key] === undefined || env[key] === '') throw new ValidationError(`env.${key}`, `required by the ${fn} function`);
  return env;
}
