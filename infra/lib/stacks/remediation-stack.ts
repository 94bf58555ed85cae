import { ArnFormat, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rbin from 'aws-cdk-lib/aws-rbin';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { ACCESS_KEY_SECRET_PREFIX, DIAGNOSTIC_ACTIONS, NON_PROD_SCOPED_ACTIONS, REMEDIATION_ACTIONS, SCOPED_GRANTS, scopedActions } from '../../../src/adapters/aws/cloud-actions.js';
import type { EnvConfig } from '../config.js';
import { AiopsFunction, retentionFor } from '../constructs/aiops-function.js';
import { acknowledge, acknowledgeBucketGrant, arnToken, iam5 } from '../constructs/nag.js';
import { SecureBucket } from '../constructs/secure-bucket.js';
import { orchestratorArn, orchestratorName } from '../constructs/orchestrator-arn.js';
import { ORCHESTRATOR_TASK_STATES, functionArnPlaceholder, loadOrchestratorDefinition, loadSsmDocuments, type OrchestratorDefinition, type SsmDocumentFile } from '../orchestrator-definition.js';
import type { AlertingStack } from './alerting-stack.js';
import { kebab } from './alerting-stack.js';
import type { DataStack } from './data-stack.js';

export interface RemediationStackProps extends StackProps {
  config: EnvConfig;
  data: DataStack;
  alerting: AlertingStack;
  /** Override the ASL / SSM sources (tests). */
  definition?: OrchestratorDefinition;
  ssmDocuments?: SsmDocumentFile[];
}

export interface ScheduledTask {
  id: string;
  name: string;
  expression: string;
  task: string;
  target: 'maintenance' | 'anomaly-detector';
  nonProdOnly?: boolean;
}

/** Seed 000/001 "Scheduled Maintenance" (the 03:00 cost report is scheduled by the CostStack). */
export const SCHEDULED_TASKS: ScheduledTask[] = [
  { id: 'EbsSnapshotCleanupSchedule', name: 'ebs-snapshot-cleanup', expression: 'cron(0 2 * * ? *)', task: 'ebs-snapshot-cleanup', target: 'maintenance', nonProdOnly: true },
  { id: 'IamKeyRotationSchedule', name: 'iam-key-rotation', expression: 'cron(0 1 ? * SUN *)', task: 'iam-key-rotation', target: 'maintenance', nonProdOnly: true },
  { id: 'AnomalyDetectionSchedule', name: 'anomaly-detection', expression: 'rate(5 minutes)', task: 'anomaly-detection', target: 'anomaly-detector' },
  { id: 'SecurityHubSyncSchedule', name: 'security-hub-sync', expression: 'rate(15 minutes)', task: 'security-hub-sync', target: 'maintenance' },
];

/**
 * Safe remediation: the RemediationOrchestrator state machine from the one ASL file, one Lambda
 * per task state (same code, dispatching on the state name), SSM Automation documents from
 * scripts/ssm/, the four automation roles of seed 001 and the EventBridge Scheduler schedules.
 */
export class RemediationStack extends Stack {
  readonly remediationLambdaRole: iam.Role;
  readonly ssmAutomationRole: iam.Role;
  readonly stepFunctionsRole: iam.Role;
  readonly eventBridgeRole: iam.Role;
  readonly stateFunctions: Record<string, AiopsFunction> = {};
  readonly approvalCallback: AiopsFunction;
  readonly maintenance: AiopsFunction;
  readonly stateMachine: sfn.StateMachine;
  readonly artifacts: SecureBucket;
  readonly ssmDocuments: ssm.CfnDocument[] = [];

  constructor(scope: Construct, id: string, props: RemediationStackProps) {
    super(scope, id, props);
    const { config, data, alerting } = props;
    const env = config.env;
    const stateMachineName = orchestratorName(env);
    const stateMachineArn = orchestratorArn(this, env);

    this.artifacts = new SecureBucket(this, 'RemediationArtifacts', { config, purpose: 'remediation-artifacts' });

    // --- AIOpsRemediationLambdaRole: per-action least privilege, never a "*" action.
    this.remediationLambdaRole = new iam.Role(this, 'AIOpsRemediationLambdaRole', {
      roleName: `AIOpsRemediationLambdaRole-${env}`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Remediation Lambda functions: the enumerated remediation and diagnostic actions only',
    });
    const scoped = new Set<string>([...NON_PROD_SCOPED_ACTIONS, ...scopedActions()]);
    this.remediationLambdaRole.addToPolicy(new iam.PolicyStatement({ sid: 'RemediationActions', actions: Object.keys(REMEDIATION_ACTIONS).filter((a) => !scoped.has(a)), resources: ['*'] }));
    // Catalogue calls on their resource type's ARNs; the non-prod-only ones also on resources not tagged environment=prod.
    const scopedArnPatterns = new Set<string>();
    for (const g of SCOPED_GRANTS) {
      const resources = g.resources.map((r) => {
        const name = r.name.replace('{env}', env).replace('{account}', this.account);
        if (name.includes('*') || r.resource === '*') scopedArnPatterns.add(`arn:<AWS::Partition>:${r.service}:<AWS::Region>:<AWS::AccountId>:${r.resource}${name ? r.sep + r.name.replace('{env}', env) : ''}`);
        return this.formatArn({ service: r.service, resource: r.resource, ...(name ? { resourceName: name } : {}), arnFormat: r.sep === ':' ? ArnFormat.COLON_RESOURCE_NAME : ArnFormat.SLASH_RESOURCE_NAME });
      });
      this.remediationLambdaRole.addToPolicy(new iam.PolicyStatement({ sid: g.sid, actions: [...g.actions], resources, ...(g.notProdTagged || g.conditions ? { conditions: { ...(g.conditions ?? {}), ...(g.notProdTagged ? { StringNotEquals: { 'aws:ResourceTag/environment': 'prod' } } : {}) } } : {}) }));
    }
    if (config.remediation.nonProdMaintenance) {
      // Snapshot retention and key rotation: only on resources not tagged environment=prod, and not granted at all where they do not run.
      const notProd = { StringNotEquals: { 'aws:ResourceTag/environment': 'prod' } };
      this.remediationLambdaRole.addToPolicy(new iam.PolicyStatement({ sid: 'NonProdSnapshotRetention', actions: ['ec2:DeleteSnapshot', 'ec2:RestoreSnapshotFromRecycleBin'], resources: [this.formatArn({ service: 'ec2', account: '', resource: 'snapshot', resourceName: '*' })], conditions: notProd }));
      // iam:DeleteAccessKey takes back a new key whose secret could not be stored.
      this.remediationLambdaRole.addToPolicy(new iam.PolicyStatement({ sid: 'NonProdKeyRotation', actions: ['iam:CreateAccessKey', 'iam:DeleteAccessKey'], resources: [this.formatArn({ service: 'iam', region: '', resource: 'user', resourceName: '*' })], conditions: notProd }));
      this.remediationLambdaRole.addToPolicy(new iam.PolicyStatement({ sid: 'RotatedKeySecrets', actions: ['secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue'], resources: [this.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${ACCESS_KEY_SECRET_PREFIX}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })] }));
      // Deleted snapshots stay restorable for 7 days: what makes the automatic deletion reversible (its rollback).
      new rbin.CfnRule(this, 'SnapshotRecycleBinRule', { resourceType: 'EBS_SNAPSHOT', retentionPeriod: { retentionPeriodValue: 7, retentionPeriodUnit: 'DAYS' }, description: `AIOps ${env}: EBS snapshots deleted by maintenance stay restorable for 7 days` });
    }
    this.remediationLambdaRole.addToPolicy(new iam.PolicyStatement({ sid: 'DiagnosticReads', actions: [...DIAGNOSTIC_ACTIONS], resources: ['*'] }));
    this.remediationLambdaRole.addToPolicy(new iam.PolicyStatement({ sid: 'StartRunbooks', actions: ['ssm:StartAutomationExecution', 'ssm:GetAutomationExecution'], resources: [this.formatArn({ service: 'ssm', resource: 'automation-definition', resourceName: 'AIOps-*' }), this.formatArn({ service: 'ssm', resource: 'automation-execution', resourceName: '*' })] }));
    this.remediationLambdaRole.addToPolicy(new iam.PolicyStatement({ sid: 'PassAutomationRole', actions: ['iam:PassRole'], resources: [this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: `AIOpsSSMAutomationRole-${env}` })] }));
    this.remediationLambdaRole.addToPolicy(new iam.PolicyStatement({ sid: 'RemediationMetric', actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEquals: { 'cloudwatch:namespace': ['AIOps/Automation', 'AIOps'] } } }));
    this.remediationLambdaRole.addToPolicy(new iam.PolicyStatement({ sid: 'OwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.formatArn({ service: 'logs', resource: 'log-group', resourceName: `/aws/lambda/*-${env}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })] }));
    data.grantStore(this.remediationLambdaRole);
    data.grantIdempotency(this.remediationLambdaRole);
    alerting.grantNotify(this.remediationLambdaRole, 'approvals', 'alerts');
    this.artifacts.bucket.grantReadWrite(this.remediationLambdaRole);
    acknowledge(
      this.remediationLambdaRole,
      'Actions are enumerated one by one from the remediation catalogue (cloud-actions.ts); their targets are the resources an incident names at run time, so resources cannot be fixed at deploy time. The engine enforces one target per execution, blast-radius limits and approval.',
      iam5('Resource', '*'),
      iam5('Resource', 'arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:automation-definition/AIOps-*'),
      iam5('Resource', 'arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:automation-execution/*'),
      iam5('Resource', `arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/*-${env}:*`),
      iam5('Resource', 'arn:<AWS::Partition>:ec2:<AWS::Region>::snapshot/*'),
      iam5('Resource', 'arn:<AWS::Partition>:iam::<AWS::AccountId>:user/*'),
      iam5('Resource', `arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${ACCESS_KEY_SECRET_PREFIX}*`),
      ...[...scopedArnPatterns].map((a) => iam5('Resource', a)),
    );
    acknowledgeBucketGrant(this.remediationLambdaRole, this.artifacts.bucket, 'readWrite');

    // --- AIOpsSSMAutomationRole: EC2/ECS/RDS actions the SSM runbooks perform.
    this.ssmAutomationRole = new iam.Role(this, 'AIOpsSSMAutomationRole', {
      roleName: `AIOpsSSMAutomationRole-${env}`,
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com'),
      description: 'SSM Automation documents: specific EC2, ECS and RDS actions',
    });
    this.ssmAutomationRole.addToPolicy(new iam.PolicyStatement({ sid: 'RunbookActions', actions: ['ec2:RebootInstances', 'ec2:StopInstances', 'ec2:StartInstances', 'ec2:DescribeInstances', 'ec2:DescribeInstanceStatus', 'ecs:UpdateService', 'ecs:DescribeServices', 'rds:RebootDBInstance', 'rds:DescribeDBInstances', 'ssm:DescribeInstanceInformation', 'ssm:SendCommand', 'ssm:GetCommandInvocation'], resources: ['*'] }));
    this.ssmAutomationRole.addToPolicy(new iam.PolicyStatement({ sid: 'RemediationMetric', actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEquals: { 'cloudwatch:namespace': 'AIOps/Automation' } } }));
    this.artifacts.bucket.grantWrite(this.ssmAutomationRole);
    acknowledge(this.ssmAutomationRole, 'SSM runbooks act on the one instance/service/DB named by their parameters at run time; the actions are enumerated and EC2/ECS/RDS describe calls have no resource-level permissions.', iam5('Resource', '*'));
    acknowledgeBucketGrant(this.ssmAutomationRole, this.artifacts.bucket, 'write');

    // --- One Lambda per orchestrator task state: the same handler, told its state by STATE_NAME.
    const stateEnv = {
      EVENT_BUS_NAME: alerting.bus.eventBusName,
      APPROVALS_TOPIC_ARN: alerting.approvalsTopic.topicArn,
      ALERTS_TOPIC_ARN: alerting.alertsTopic.topicArn,
      ARTIFACTS_BUCKET_NAME: this.artifacts.bucket.bucketName,
      SSM_AUTOMATION_ROLE_ARN: this.ssmAutomationRole.roleArn,
      NOTIFIER_SECRET_ARN: alerting.notifierSecret.secretArn,
      RECYCLE_BIN_COVERS_SNAPSHOTS: String(config.remediation.nonProdMaintenance),
      ...data.storeEnvironment(),
    };
    for (const state of ORCHESTRATOR_TASK_STATES) {
      this.stateFunctions[state] = new AiopsFunction(this, `${state}Function`, {
        config,
        name: `remediation-${kebab(state)}`,
        entryDir: 'remediation',
        description: `RemediationOrchestrator state ${state}`,
        role: this.remediationLambdaRole,
        timeout: Duration.minutes(state === 'Execute' || state === 'ValidateRemediation' ? 5 : 1),
        environment: { ...stateEnv, STATE_NAME: state },
      });
    }

    // --- SSM Automation documents, one per scripts/ssm/*.yaml.
    for (const doc of props.ssmDocuments ?? loadSsmDocuments()) {
      this.ssmDocuments.push(new ssm.CfnDocument(this, `${doc.name.replace(/[^A-Za-z0-9]/g, '')}Document`, { name: `${doc.name}-${env}`, documentType: 'Automation', documentFormat: 'YAML', content: doc.content, updateMethod: 'NewVersion' }));
    }

    // --- AIOpsStepFunctionsRole and the state machine.
    this.stepFunctionsRole = new iam.Role(this, 'AIOpsStepFunctionsRole', { roleName: `AIOpsStepFunctionsRole-${env}`, assumedBy: new iam.ServicePrincipal('states.amazonaws.com'), description: 'RemediationOrchestrator: invoke its state Lambdas and start AIOps SSM runbooks' });
    this.stepFunctionsRole.addToPolicy(new iam.PolicyStatement({ sid: 'InvokeStateFunctions', actions: ['lambda:InvokeFunction'], resources: Object.values(this.stateFunctions).flatMap((f) => [f.fn.functionArn, `${f.fn.functionArn}:*`]) }));
    this.stepFunctionsRole.addToPolicy(new iam.PolicyStatement({ sid: 'StartRunbooks', actions: ['ssm:StartAutomationExecution'], resources: [this.formatArn({ service: 'ssm', resource: 'automation-definition', resourceName: 'AIOps-*' })] }));
    acknowledge(this.stepFunctionsRole, 'Lambda version qualifiers (:*) and the AIOps-* runbook name prefix; log delivery and X-Ray actions have no resource-level permissions.', iam5('Resource', '*'), iam5('Resource', 'arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:automation-definition/AIOps-*'), ...Object.values(this.stateFunctions).map((f) => iam5('Resource', `${arnToken(f.fn)}:*`)));

    const definition = props.definition ?? loadOrchestratorDefinition();
    const substitutions: Record<string, string> = {
      ApprovalsTopicArn: alerting.approvalsTopic.topicArn,
      EventBusName: alerting.bus.eventBusName,
      ArtifactsBucketName: this.artifacts.bucket.bucketName,
      SsmAutomationRoleArn: this.ssmAutomationRole.roleArn,
    };
    for (const [state, f] of Object.entries(this.stateFunctions)) substitutions[functionArnPlaceholder(state)] = f.fn.functionArn;
    const unknown = definition.placeholders.filter((p) => !(p in substitutions));
    if (unknown.length) throw new Error(`${definition.source}: no value for placeholder(s) ${unknown.map((p) => `\${${p}}`).join(', ')}`);
    const logGroup = new logs.LogGroup(this, 'OrchestratorLogGroup', { logGroupName: `/aws/vendedlogs/states/${stateMachineName}`, retention: retentionFor(config.logRetentionDays), removalPolicy: config.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN });
    this.stateMachine = new sfn.StateMachine(this, 'RemediationOrchestrator', {
      stateMachineName,
      definitionBody: sfn.DefinitionBody.fromString(definition.json),
      definitionSubstitutions: Object.fromEntries(definition.placeholders.map((p) => [p, substitutions[p] as string])),
      role: this.stepFunctionsRole,
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      timeout: Duration.hours(25),
    });

    // --- Approval callback: resumes the waiting execution with the decision (task token).
    this.approvalCallback = new AiopsFunction(this, 'ApprovalCallbackFunction', { config, name: 'approval-callback', description: 'Records an approval decision and resumes the waiting remediation (SendTaskSuccess/Failure)', environment: { ...stateEnv, STATE_MACHINE_ARN: stateMachineArn } });
    data.grantStore(this.approvalCallback.fn);
    data.grantIdempotency(this.approvalCallback.fn);
    this.approvalCallback.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resources: [stateMachineArn] }));
    alerting.grantNotify(this.approvalCallback.fn);

    // --- Scheduled maintenance (seed 001 pattern 4).
    // Deletions and rotations run as remediation executions (one per resource) that it starts.
    this.maintenance = new AiopsFunction(this, 'MaintenanceFunction', { config, name: 'maintenance', description: 'Scheduled maintenance: EBS snapshot cleanup, IAM key rotation (non-prod), Security Hub sync', timeout: Duration.minutes(10), environment: { ...stateEnv, STATE_MACHINE_ARN: stateMachineArn, EBS_SNAPSHOT_RETENTION_DAYS: String(config.remediation.ebsSnapshotRetentionDays) } });
    this.maintenance.fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'StartRemediation', actions: ['states:StartExecution'], resources: [stateMachineArn] }));
    // Findings are imported into the account's own default product (the product ARN BatchImportFindings authorizes).
    this.maintenance.fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'ImportFindings', actions: ['securityhub:BatchImportFindings'], resources: [this.formatArn({ service: 'securityhub', resource: 'product', resourceName: `${this.account}/default` })] }));
    data.grantStore(this.maintenance.fn);
    data.grantIdempotency(this.maintenance.fn);
    alerting.grantNotify(this.maintenance.fn, 'alerts');
    // Scheduled runbooks judge every resource of their type from its state (AwsCloud's readers and listers).
    this.maintenance.fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'DescribeResources', actions: ['securityhub:GetFindings', ...DIAGNOSTIC_ACTIONS], resources: ['*'] }));
    if (config.remediation.nonProdMaintenance) {
      this.maintenance.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ec2:DeleteSnapshot'], resources: [this.formatArn({ service: 'ec2', account: '', resource: 'snapshot', resourceName: '*' })], conditions: { StringNotEquals: { 'aws:ResourceTag/environment': 'prod' } } }));
      this.maintenance.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey'], resources: [this.formatArn({ service: 'iam', region: '', resource: 'user', resourceName: '*' })], conditions: { StringNotEquals: { 'aws:ResourceTag/environment': 'prod' } } }));
    }
    acknowledge(this.maintenance.fn, 'Describe/list calls have no resource-level permissions; destructive calls are limited to non-prod-tagged snapshots and users.', iam5('Resource', '*'), iam5('Resource', 'arn:<AWS::Partition>:ec2:<AWS::Region>::snapshot/*'), iam5('Resource', 'arn:<AWS::Partition>:iam::<AWS::AccountId>:user/*'));

    // --- AIOpsEventBridgeRole: the only identity EventBridge rules and schedules use to invoke targets.
    this.eventBridgeRole = new iam.Role(this, 'AIOpsEventBridgeRole', { roleName: `AIOpsEventBridgeRole-${env}`, assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('events.amazonaws.com'), new iam.ServicePrincipal('scheduler.amazonaws.com')), description: 'EventBridge targets: invoke scheduled Lambdas and start the orchestrator' });
    const scheduled = { maintenance: this.maintenance.fn, 'anomaly-detector': alerting.anomalyDetector.fn };
    this.eventBridgeRole.addToPolicy(new iam.PolicyStatement({ sid: 'InvokeScheduled', actions: ['lambda:InvokeFunction'], resources: Object.values(scheduled).map((f) => f.functionArn) }));
    this.eventBridgeRole.addToPolicy(new iam.PolicyStatement({ sid: 'StartOrchestrator', actions: ['states:StartExecution'], resources: [this.stateMachine.stateMachineArn] }));

    // A local DLQ: pointing at the Alerting stack's queue would make the two stacks depend on each other.
    const requestDlq = new sqs.Queue(this, 'RemediationRequestDeadLetterQueue', { queueName: `aiops-remediation-request-dlq-${env}`, encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    acknowledge(requestDlq, 'This queue is itself the dead-letter queue of the RemediationRequested rule target.', 'AwsSolutions-SQS3');
    new events.Rule(this, 'RemediationRequestedRule', {
      ruleName: `aiops-remediation-requested-${env}`,
      eventBus: alerting.bus,
      description: 'Starts the orchestrator for each remediation request',
      eventPattern: { detailType: ['RemediationRequested'] },
      targets: [new targets.SfnStateMachine(this.stateMachine, { role: this.eventBridgeRole, input: events.RuleTargetInput.fromEventPath('$.detail'), deadLetterQueue: requestDlq, retryAttempts: 3 })],
    });

    for (const t of SCHEDULED_TASKS) {
      if (t.nonProdOnly && !config.remediation.nonProdMaintenance) continue;
      new scheduler.CfnSchedule(this, t.id, {
        name: `aiops-${t.name}-${env}`,
        description: `AIOps scheduled task ${t.task}`,
        scheduleExpression: t.expression,
        scheduleExpressionTimezone: 'UTC',
        flexibleTimeWindow: { mode: 'OFF' },
        target: { arn: scheduled[t.target].functionArn, roleArn: this.eventBridgeRole.roleArn, input: JSON.stringify({ task: t.task }), retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 } },
      });
    }
  }
}
