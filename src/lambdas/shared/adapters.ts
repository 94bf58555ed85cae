import { randomUUID } from 'node:crypto';
import { AwsCloud } from '../../adapters/aws/cloud.js';
import { DynamoStore } from '../../adapters/aws/dynamodb-store.js';
import { EventBridgeBus } from '../../adapters/aws/event-bus.js';
import { CloudWatchLogs } from '../../adapters/aws/logs.js';
import { CloudWatchMetrics } from '../../adapters/aws/metrics.js';
import { SnsNotifier } from '../../adapters/aws/notifier.js';
import { NotifierSecret } from '../../adapters/aws/notifier-secret.js';
import { StepFunctionsApprovals } from '../../adapters/aws/approvals.js';
import { S3ReportStore } from '../../adapters/aws/report-store.js';
import { CostExplorerSpendSource } from '../../adapters/aws/cost-explorer.js';
import { PriceListPriceSource } from '../../adapters/aws/pricing.js';
import { AwsSecurityHub } from '../../adapters/aws/securityhub.js';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { BUNDLED_PRICE_SNAPSHOT } from '../../core/cost/prices/snapshot.js';
import { PriceSnapshotSchema } from '../../core/cost/prices/table.js';
import { StatefulCloud } from '../../adapters/aws/stateful-cloud.js';
import { StepFunctionsOrchestrator } from '../../adapters/aws/step-functions-orchestrator.js';
import { parsePrincipalRoles } from '../../app/aws/principals.js';
import type { Clock } from '../../ports/clock.js';
import type { LambdaEnv } from './env.js';
import type { AwsDeps } from './use-cases.js';

const PRICE_KEYS = PriceSnapshotSchema.parse(BUNDLED_PRICE_SNAPSHOT).prices.map((p) => p.key);

/** Real time for Lambda: the only place outside adapters that reads the wall clock. */
export const systemClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * Builds the AWS adapters once per container (clients are reused across invocations). Only
 * the adapters a function's environment configures do anything; the others fail on use.
 */
export function buildAwsDeps(env: LambdaEnv, clock: Clock = systemClock): AwsDeps {
  const region = env.AWS_REGION;
  const topics: Record<string, string> = {};
  if (env.ALERTS_TOPIC_ARN) topics.alerts = topics.default = env.ALERTS_TOPIC_ARN;
  if (env.CRITICAL_TOPIC_ARN) topics.critical = env.CRITICAL_TOPIC_ARN;
  if (env.APPROVALS_TOPIC_ARN) topics.approvals = env.APPROVALS_TOPIC_ARN;
  const sns = new SnsNotifier({ topics, clientConfig: { region } });
  const bucket = env.REPORTS_BUCKET_NAME ?? env.ARTIFACTS_BUCKET_NAME;
  const secret = env.NOTIFIER_SECRET_ARN ? new NotifierSecret({ secretArn: env.NOTIFIER_SECRET_ARN, clientConfig: { region } }) : undefined;
  // Read at cold start, in parallel with the first invocation's other work; a failure is retried on use.
  secret?.load().catch(() => undefined);
  return {
    env: env.AIOPS_ENV,
    clock,
    store: new DynamoStore({ env: env.AIOPS_ENV, clientConfig: { region } }),
    bus: new EventBridgeBus({ eventBusName: env.EVENT_BUS_NAME ?? `aiops-alerts-${env.AIOPS_ENV}`, clock, newId: randomUUID, clientConfig: { region } }),
    metrics: new CloudWatchMetrics({ clientConfig: { region } }),
    logs: new CloudWatchLogs({ clientConfig: { region } }),
    cloud: new StatefulCloud(new AwsCloud({ clientConfig: { region }, state: { recycleBinCoversSnapshots: env.RECYCLE_BIN_COVERS_SNAPSHOTS === 'true', peaks: {} } })),
    notifiers: [sns],
    approvals: new StepFunctionsApprovals({ notifier: sns, clientConfig: { region }, ...(env.CONSOLE_URL ? { consoleUrl: env.CONSOLE_URL } : {}) }),
    ...(bucket ? { reports: new S3ReportStore({ bucket, clientConfig: { region } }) } : {}),
    ...(env.STATE_MACHINE_ARN ? { orchestrator: new StepFunctionsOrchestrator({ stateMachineArn: env.STATE_MACHINE_ARN, clientConfig: { region } }) } : {}),
    // Cost Explorer and the Price List API are global APIs served from us-east-1 (the adapters default to it).
    spend: new CostExplorerSpendSource(),
    // Live list prices for the keys the bundled snapshot knows; any key the API does not resolve keeps the snapshot's price.
    prices: (asOf) => new PriceListPriceSource({ regionCode: region, keys: PRICE_KEYS, asOf }),
    securityHub: new AwsSecurityHub(new SecurityHubClient({ region })),
    principalRoles: parsePrincipalRoles(env.API_PRINCIPAL_ROLES),
    ...(secret ? { notifierSettings: () => secret.load() } : {}),
    newId: randomUUID,
  };
}
