import { ArnFormat, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../config.js';
import { AiopsFunction } from '../constructs/aiops-function.js';
import { acknowledge, iam5 } from '../constructs/nag.js';
import { orchestratorArn } from '../constructs/orchestrator-arn.js';
import { EVENT_SOURCE } from '../../../src/adapters/aws/event-bus.js';
import { DIAGNOSTIC_ACTIONS } from '../../../src/adapters/aws/cloud-actions.js';
import type { DataStack } from './data-stack.js';

export interface AlertingStackProps extends StackProps {
  config: EnvConfig;
  data: DataStack;
}

/** AWS event sources that become Signals, each with the EventBridge pattern that selects it. */
export const SOURCE_RULES: { id: string; description: string; pattern: events.EventPattern }[] = [
  { id: 'CloudWatchAlarmStateChangeRule', description: 'CloudWatch alarm state changes', pattern: { source: ['aws.cloudwatch'], detailType: ['CloudWatch Alarm State Change'] } },
  { id: 'GuardDutyFindingRule', description: 'GuardDuty findings', pattern: { source: ['aws.guardduty'], detailType: ['GuardDuty Finding'] } },
  { id: 'SecurityHubFindingRule', description: 'Security Hub imported findings', pattern: { source: ['aws.securityhub'], detailType: ['Security Hub Findings - Imported'] } },
  { id: 'ConfigComplianceChangeRule', description: 'AWS Config rule compliance changes', pattern: { source: ['aws.config'], detailType: ['Config Rules Compliance Change'] } },
  { id: 'HealthEventRule', description: 'AWS Health events', pattern: { source: ['aws.health'], detailType: ['AWS Health Event'] } },
  {
    id: 'CloudTrailSensitiveApiRule',
    description: 'Security-relevant API calls recorded by CloudTrail',
    pattern: {
      detailType: ['AWS API Call via CloudTrail'],
      detail: {
        eventName: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock', 'PutBucketPolicy', 'AuthorizeSecurityGroupIngress', 'CreateAccessKey', 'AttachUserPolicy', 'DisableSecurityHub', 'StopConfigurationRecorder'],
      },
    },
  },
];

/**
 * The product's own events (EventBridgeBus: topic → detail-type, source matcarv.aiops) that the log
 * analyzer consumes: RCA when an incident opens, a post-mortem draft when an update resolves it.
 */
export const INCIDENT_EVENT_PATTERN: events.EventPattern = { source: [EVENT_SOURCE], detailType: ['incident.opened', 'incident.updated'] };

/**
 * Detection and notification: the `aiops-alerts` bus, rules that feed AWS events into the SQS
 * ingestion queue (with a DLQ: nothing is lost), the alert-router, anomaly-detector and
 * log-analyzer functions, and the alerts/critical/approvals topics.
 */
export class AlertingStack extends Stack {
  readonly bus: events.EventBus;
  readonly key: kms.Key;
  readonly alertsTopic: sns.Topic;
  readonly criticalTopic: sns.Topic;
  readonly approvalsTopic: sns.Topic;
  readonly ingestionQueue: sqs.Queue;
  readonly ingestionDlq: sqs.Queue;
  readonly notifierSecret: secretsmanager.Secret;
  readonly alertRouter: AiopsFunction;
  readonly anomalyDetector: AiopsFunction;
  readonly logAnalyzer: AiopsFunction;

  constructor(scope: Construct, id: string, props: AlertingStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    const env = config.env;

    this.key = new kms.Key(this, 'AlertsKey', {
      alias: `alias/aiops-alerts-${env}`,
      description: 'Encrypts AIOps topics and queues',
      enableKeyRotation: true,
      removalPolicy: config.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to the topics and EventBridge delivers to the queue: both need the key.
    for (const service of ['cloudwatch.amazonaws.com', 'events.amazonaws.com']) {
      this.key.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal(service)], actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: ['*'] }));
    }

    this.bus = new events.EventBus(this, 'AlertsBus', { eventBusName: `aiops-alerts-${env}` });
    this.bus.archive('AlertsBusArchive', { archiveName: `aiops-alerts-${env}`, eventPattern: { account: [this.account] }, retention: Duration.days(30) });

    const topic = (logicalId: string, name: string, displayName: string) => new sns.Topic(this, logicalId, { topicName: `aiops-${name}-${env}`, displayName, masterKey: this.key, enforceSSL: true });
    this.alertsTopic = topic('AlertsTopic', 'alerts', 'AIOps alerts');
    this.criticalTopic = topic('CriticalTopic', 'critical', 'AIOps critical alerts');
    this.approvalsTopic = topic('ApprovalsTopic', 'approvals', 'AIOps remediation approvals');
    for (const email of config.alerting.oncallEmails) {
      this.criticalTopic.addSubscription(new subs.EmailSubscription(email));
      this.approvalsTopic.addSubscription(new subs.EmailSubscription(email));
    }

    this.ingestionDlq = new sqs.Queue(this, 'IngestionDeadLetterQueue', { queueName: `aiops-ingestion-dlq-${env}`, encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: this.key, enforceSSL: true, retentionPeriod: Duration.days(14) });
    this.ingestionQueue = new sqs.Queue(this, 'IngestionQueue', {
      queueName: `aiops-ingestion-${env}`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: this.ingestionDlq, maxReceiveCount: 5 },
    });

    // Rules on the account's default bus, where AWS services publish.
    for (const rule of SOURCE_RULES) {
      new events.Rule(this, rule.id, { ruleName: `aiops-${kebab(rule.id.replace(/Rule$/, ''))}-${env}`, description: rule.description, eventPattern: rule.pattern, targets: [new targets.SqsQueue(this.ingestionQueue, { deadLetterQueue: this.ingestionDlq })] });
    }

    this.notifierSecret = new secretsmanager.Secret(this, 'NotifierSecret', {
      secretName: `${config.alerting.notifierSecretName}-${env}`,
      description: 'Slack webhook URL, PagerDuty routing key and SES sender for AIOps notifiers (JSON). Set the value after deploy.',
      encryptionKey: this.key,
    });
    acknowledge(this.notifierSecret, 'The secret holds third-party webhook URLs and routing keys that the providers issue; they are rotated in those providers, not by a Lambda rotation function.', 'AwsSolutions-SMG4');

    const common = {
      EVENT_BUS_NAME: this.bus.eventBusName,
      ALERTS_TOPIC_ARN: this.alertsTopic.topicArn,
      CRITICAL_TOPIC_ARN: this.criticalTopic.topicArn,
      APPROVALS_TOPIC_ARN: this.approvalsTopic.topicArn,
      NOTIFIER_SECRET_ARN: this.notifierSecret.secretArn,
      ...data.storeEnvironment(),
    };

    // The alert router starts a remediation execution for each firing alert that has a runbook.
    const stateMachineArn = orchestratorArn(this, env);
    this.alertRouter = new AiopsFunction(this, 'AlertRouterFunction', { config, name: 'alert-router', description: 'Normalizes AWS events and alarms into signals, deduplicates, groups into incidents, routes notifications', environment: { ...common, STATE_MACHINE_ARN: stateMachineArn }, timeout: Duration.seconds(60) });
    this.alertRouter.fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'StartRemediation', actions: ['states:StartExecution'], resources: [stateMachineArn] }));
    this.alertRouter.fn.addEventSource(new SqsEventSource(this.ingestionQueue, { batchSize: 10, maxBatchingWindow: Duration.seconds(5), reportBatchItemFailures: true }));

    this.anomalyDetector = new AiopsFunction(this, 'AnomalyDetectorFunction', { config, name: 'anomaly-detector', description: 'Runs the anomaly detectors over recent CloudWatch metrics (every 5 minutes)', environment: common, timeout: Duration.minutes(4), memorySize: 1024 });
    this.logAnalyzer = new AiopsFunction(this, 'LogAnalyzerFunction', { config, name: 'log-analyzer', description: 'Mines CloudWatch Logs around an incident for root-cause patterns', environment: common, timeout: Duration.minutes(2), memorySize: 1024 });
    new events.Rule(this, 'IncidentOpenedRule', { ruleName: `aiops-incident-opened-${env}`, eventBus: this.bus, description: 'Log analysis when an incident opens, post-mortem draft when it is resolved', eventPattern: INCIDENT_EVENT_PATTERN, targets: [new targets.LambdaFunction(this.logAnalyzer.fn, { retryAttempts: 2, deadLetterQueue: this.ingestionDlq })] });

    for (const f of [this.alertRouter, this.anomalyDetector, this.logAnalyzer]) {
      data.grantStore(f.fn);
      data.grantIdempotency(f.fn);
      this.grantNotify(f.fn, 'alerts', 'critical', 'approvals');
    }
    // Alert enrichment, runbook targeting (alert router) and RCA (log analyzer) describe the resources
    // an alert names: the read-only calls of AwsCloud's state readers, which have no resource-level permissions.
    for (const f of [this.alertRouter, this.logAnalyzer]) f.fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'DescribeResources', actions: [...DIAGNOSTIC_ACTIONS], resources: ['*'] }));
    acknowledge(this.alertRouter.fn, 'Describe/list calls (the enumerated, read-only DIAGNOSTIC_ACTIONS) on the resources alerts name, known only at run time; most have no resource-level permissions.', iam5('Resource', '*'));
    const readMetrics = new iam.PolicyStatement({ actions: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics', 'cloudwatch:DescribeAlarms'], resources: ['*'] });
    this.anomalyDetector.fn.addToRolePolicy(readMetrics);
    this.logAnalyzer.fn.addToRolePolicy(readMetrics);
    this.logAnalyzer.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['logs:FilterLogEvents', 'logs:DescribeLogGroups', 'logs:StartQuery', 'logs:GetQueryResults'], resources: [this.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })] }));
    this.logAnalyzer.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['cloudtrail:LookupEvents'], resources: ['*'] }));
    acknowledge(this.anomalyDetector.fn, 'CloudWatch GetMetricData/ListMetrics/DescribeAlarms and CloudTrail LookupEvents do not support resource-level permissions; the platform reads every metric of the account by design.', iam5('Resource', '*'));
    acknowledge(this.logAnalyzer.fn, 'The log analyzer reads whichever log groups belong to the incident’s resources, known only at run time; logs actions are read-only. CloudWatch/CloudTrail reads have no resource-level permissions.', iam5('Resource', 'arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*'));
  }

  /**
   * Lets a function or role publish to the bus and topics and read the notifier secret. Only the
   * principal's policy changes (KMS key policy delegates to IAM), so stacks that use the alerting
   * resources never make this stack depend on them.
   */
  grantNotify(grantee: iam.IGrantable, ...topics: ('alerts' | 'critical' | 'approvals')[]): void {
    const byName = { alerts: this.alertsTopic, critical: this.criticalTopic, approvals: this.approvalsTopic };
    const add = (s: iam.PolicyStatement) => grantee.grantPrincipal.addToPrincipalPolicy(s);
    add(new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [this.bus.eventBusArn] }));
    if (topics.length) add(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: topics.map((t) => byName[t].topicArn) }));
    add(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [this.notifierSecret.secretArn] }));
    add(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [this.key.keyArn] }));
  }
}

export const kebab = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
