import type { ActionCall } from '../../../ports/cloud.js';
import { str } from '../catalogue/support/state.js';
import type { RunbookContext } from '../runbook.js';

/** Deployment-level values every document needs, supplied by the engine's configuration. */
export interface DocumentSettings {
  automationAssumeRole: string;
  diagnosticsBucket: string;
  /** The alarm that fired (validation waits for it to return to OK). */
  alarmName?: string;
  notificationTopicArn?: string;
}

type Mapper = (ctx: RunbookContext, plan: readonly ActionCall[]) => Record<string, unknown>;

const first = (plan: readonly ActionCall[]) => plan[0]?.params ?? {};

/** How each document's parameters come from the entry's context and plan (absolute targets come from the plan). */
const MAPPERS: Readonly<Record<string, Mapper>> = {
  'AIOps-ScaleOutEC2ASG': ({ resource }, plan) => ({ AutoScalingGroupName: str(resource.state, 'AutoScalingGroupName') ?? resource.name, DesiredCapacity: first(plan).DesiredCapacity }),
  'AIOps-RestartECSService': ({ resource }) => ({ ClusterName: str(resource.state, 'clusterArn'), ServiceName: str(resource.state, 'serviceName') ?? resource.name }),
  'AIOps-PurgeSQSDLQ': ({ resource }) => ({ QueueUrl: str(resource.state, 'QueueUrl'), QueueArn: str(resource.state, 'QueueArn'), SourceQueueArn: str(resource.state, 'SourceQueueArn') }),
  'AIOps-RotateLambdaAlias': ({ resource }, plan) => ({ FunctionName: str(resource.state, 'FunctionName'), AliasName: str(resource.state, 'Name'), TargetVersion: first(plan).FunctionVersion }),
  'AIOps-RDSFailover': ({ resource }) => ({ DBInstanceIdentifier: str(resource.state, 'DBInstanceIdentifier') ?? resource.id }),
  'AIOps-InvalidateCFCache': ({ resource }, plan) => ({
    DistributionId: str(resource.state, 'Id') ?? resource.id,
    CallerReference: (first(plan).InvalidationBatch as { CallerReference?: string } | undefined)?.CallerReference,
  }),
  'AIOps-RebootEC2Instance': ({ resource }) => ({ InstanceId: str(resource.state, 'InstanceId') ?? resource.id }),
};

export function hasDocumentParameters(documentName: string): boolean {
  return documentName in MAPPERS;
}

/**
 * The parameters to start document `documentName` with (ssm:StartAutomationExecution on AWS, the
 * interpreter locally). Undefined values are dropped so the document's own defaults apply.
 */
export function documentParameters(documentName: string, ctx: RunbookContext, plan: readonly ActionCall[], settings: DocumentSettings): Record<string, unknown> {
  const mapper = MAPPERS[documentName];
  if (!mapper) throw new Error(`no parameter mapping for SSM document ${documentName}`);
  const all: Record<string, unknown> = {
    AutomationAssumeRole: settings.automationAssumeRole,
    DiagnosticsBucket: settings.diagnosticsBucket,
    Environment: ctx.environment,
    ...(documentName === 'AIOps-RDSFailover' ? { NotificationTopicArn: settings.notificationTopicArn } : { AlarmName: settings.alarmName }),
    ...mapper(ctx, plan),
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}
