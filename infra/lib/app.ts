import { App, Tags, Validations, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { EnvConfig } from './config.js';
import type { AiopsFunction } from './constructs/aiops-function.js';
import { AlertingStack } from './stacks/alerting-stack.js';
import { ApiStack } from './stacks/api-stack.js';
import { CostStack } from './stacks/cost-stack.js';
import { DataStack } from './stacks/data-stack.js';
import { MonitoringStack } from './stacks/monitoring-stack.js';
import { RemediationStack } from './stacks/remediation-stack.js';
import { SecurityStack } from './stacks/security-stack.js';
import type { OrchestratorDefinition, SsmDocumentFile } from './orchestrator-definition.js';
import type { Construct } from 'constructs';

export interface AiopsStacks {
  data: DataStack;
  alerting: AlertingStack;
  remediation: RemediationStack;
  cost: CostStack;
  security: SecurityStack;
  api: ApiStack;
  monitoring: MonitoringStack;
}

export interface BuildOptions {
  definition?: OrchestratorDefinition;
  ssmDocuments?: SsmDocumentFile[];
  /** The built console to deploy (default web/dist). */
  consoleDir?: string;
}

/**
 * Feature flags the stacks rely on, set in code so that `cdk synth` from any directory (with or
 * without infra/cdk.json) and the tests synthesize the same templates.
 */
export const FEATURE_FLAGS: Record<string, unknown> = {
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/aws-iam:standardizedServicePrincipals': true,
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/aws-sns:enforceSslPolicy': true,
  '@aws-cdk/core:checkSecretUsage': true,
  '@aws-cdk/aws-lambda:recognizeLayerVersion': true,
  // Producer stacks keep their exports while a consumer uses them (CloudFormation enforces it).
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
};

/** Stack ids: `AIOps-<Name>-<env>` so that several environments can share a CLI session. */
export const stackId = (name: string, env: string) => `AIOps-${name}-${env}`;

/**
 * Adds every AIOps stack for one environment to `scope` (an App, or a pipeline Stage). Order
 * follows the dependencies: data → alerting → remediation → cost/security/api → monitoring.
 */
export function addAiopsStacks(scope: Construct, config: EnvConfig, options: BuildOptions = {}): AiopsStacks {
  const env: Environment | undefined = config.account ? { account: config.account, region: config.region } : undefined;
  const base = { config, ...(env ? { env } : {}), terminationProtection: config.env === 'prod' };
  const id = (n: string) => stackId(n, config.env);
  const data = new DataStack(scope, id('Data'), { ...base, description: 'MatCarv AIOps: DynamoDB tables (store, audit log, idempotency)' });
  const alerting = new AlertingStack(scope, id('Alerting'), { ...base, data, description: 'MatCarv AIOps: event bus, ingestion queue, alert router, detection, topics' });
  const { consoleDir, ...remediationOptions } = options;
  const remediation = new RemediationStack(scope, id('Remediation'), { ...base, data, alerting, description: 'MatCarv AIOps: remediation orchestrator, runbooks, automation roles, schedules', ...remediationOptions });
  const cost = new CostStack(scope, id('Cost'), { ...base, data, alerting, description: 'MatCarv AIOps: cost analyzer and reports' });
  const security = new SecurityStack(scope, id('Security'), { ...base, description: 'MatCarv AIOps: Config rules, Security Hub, CloudTrail' });
  const api = new ApiStack(scope, id('Api'), { ...base, data, alerting, remediation, ...(consoleDir ? { consoleDir } : {}), description: 'MatCarv AIOps: HTTP API and console' });
  const functions: AiopsFunction[] = [alerting.alertRouter, alerting.anomalyDetector, alerting.logAnalyzer, ...Object.values(remediation.stateFunctions), remediation.approvalCallback, remediation.maintenance, cost.costAnalyzer, api.apiFunction];
  const monitoring = new MonitoringStack(scope, id('Monitoring'), { ...base, data, alerting, remediation, api, functions, description: 'MatCarv AIOps: alarms, anomaly detectors, dashboards' });
  const stacks = { data, alerting, remediation, cost, security, api, monitoring };
  for (const s of Object.values(stacks)) {
    Tags.of(s).add('project', 'matcarv-aiops');
    Tags.of(s).add('environment', config.env);
  }
  return stacks;
}

/** cdk-nag 3 is a validation plugin: findings fail `synth` unless acknowledged with a reason. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
