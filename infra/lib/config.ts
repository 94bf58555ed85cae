import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PrincipalRolesSchema } from '../../src/app/aws/principals.js';
import { parseOrThrow } from '../../src/core/shared/zod.js';

/** Per-environment settings, one JSON file per environment in infra/config/, selected with `-c env=…`. */
export const EnvConfigSchema = z.object({
  env: z.enum(['dev', 'staging', 'prod']),
  /** Omit to synthesize an environment-agnostic template (CI, offline synth). */
  account: z.string().regex(/^\d{12}$/).optional(),
  region: z.string().min(1).default('us-east-1'),
  logRetentionDays: z.number().int().positive().default(30),
  /** Removal of data on stack deletion: only ever true for throwaway dev accounts. */
  destroyDataOnDelete: z.boolean().default(false),
  alerting: z
    .object({
      /** Addresses subscribed to the critical and approvals topics (email confirmation needed). */
      oncallEmails: z.array(z.string().email()).default([]),
      /** Secrets Manager secret name holding the Slack webhook / PagerDuty key (created by the stack, value set by you). */
      notifierSecretName: z.string().default('aiops/notifiers'),
    })
    .default({ oncallEmails: [], notifierSecretName: 'aiops/notifiers' }),
  /** Workload resources this account runs, watched with the seed thresholds (the platform's own resources are always watched). */
  monitored: z
    .object({
      autoScalingGroups: z.array(z.string()).default([]),
      /** ALB full names as in CloudWatch dimensions: `app/<name>/<id>`. */
      loadBalancers: z.array(z.string()).default([]),
    })
    .default({ autoScalingGroups: [], loadBalancers: [] }),
  security: z
    .object({
      /** AWS Config allows one recorder per region: set false when the account already has one. */
      createConfigRecorder: z.boolean().default(true),
      enableSecurityHub: z.boolean().default(true),
    })
    .default({ createConfigRecorder: true, enableSecurityHub: true }),
  remediation: z
    .object({
      ebsSnapshotRetentionDays: z.number().int().positive().default(30),
      /** The non-prod maintenance tasks (snapshot cleanup, key rotation) only run where this is true. */
      nonProdMaintenance: z.boolean().default(true),
    })
    .default({ ebsSnapshotRetentionDays: 30, nonProdMaintenance: true }),
  api: z
    .object({
      /**
       * Signing IAM principal (user/role ARN, `*` for any other) → API role; the api function gets it
       * as API_PRINCIPAL_ROLES. Principals not listed are refused even when IAM lets them invoke.
       */
      principalRoles: PrincipalRolesSchema.default({}),
    })
    .default({ principalRoles: {} }),
  pipeline: z
    .object({
      /** CodeStar connection to the GitHub repository (the self-mutating CDK pipeline's source). */
      connectionArn: z.string().startsWith('arn:'),
      repository: z.string().regex(/^[^/]+\/[^/]+$/),
      branch: z.string().default('main'),
    })
    .optional(),
});

export type EnvConfig = z.infer<typeof EnvConfigSchema>;

const here = dirname(fileURLToPath(import.meta.url));
export const CONFIG_DIR = join(here, '..', 'config');
export const REPO_ROOT = join(here, '..', '..');

/** Reads infra/config/<env>.json (falling back to <env>.json.example so a fresh clone synthesizes). */
export function loadConfig(env: string, dir = CONFIG_DIR): EnvConfig {
  const file = [join(dir, `${env}.json`), join(dir, `${env}.json.example`)].find((f) => existsSync(f));
  if (!file) throw new Error(`no config for env "${env}": create ${join(dir, `${env}.json`)} (copy ${env}.json.example)`);
  return parseOrThrow(EnvConfigSchema, JSON.parse(readFileSync(file, 'utf8')), `config(${env})`);
}
