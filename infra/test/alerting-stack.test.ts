import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_RULES } from '../lib/stacks/alerting-stack.js';
import { buildStacks, testConfig } from './helpers.js';

describe('Stack: AlertingStack', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(buildStacks(testConfig('staging', { alerting: { oncallEmails: ['oncall@example.com'], notifierSecretName: 'aiops/notifiers' } })).stacks.alerting);
  });

  it('creates the aiops-alerts bus with an archive', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'aiops-alerts-staging' });
    template.resourceCountIs('AWS::Events::Archive', 1);
  });

  it.each([
    ['aws.cloudwatch', 'CloudWatch Alarm State Change'],
    ['aws.guardduty', 'GuardDuty Finding'],
    ['aws.securityhub', 'Security Hub Findings - Imported'],
    ['aws.config', 'Config Rules Compliance Change'],
    ['aws.health', 'AWS Health Event'],
  ])('routes %s "%s" events to the ingestion queue', (source, detailType) => {
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { source: [source], 'detail-type': [detailType] }, Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestionQueue'), 'Arn'] }, DeadLetterConfig: Match.anyValue() })] });
  });

  it('routes security-relevant CloudTrail API calls too', () => {
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventName: Match.arrayWith(['StopLogging', 'DeleteBucketPublicAccessBlock']) } } });
    expect(SOURCE_RULES).toHaveLength(6);
  });

  it('creates the alerts, critical and approvals topics, KMS-encrypted, with on-call email subscriptions', () => {
    for (const name of ['alerts', 'critical', 'approvals']) template.hasResourceProperties('AWS::SNS::Topic', { TopicName: `aiops-${name}-staging`, KmsMasterKeyId: Match.anyValue() });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
  });

  it('backs the ingestion queue with a DLQ so that no event is lost', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'aiops-ingestion-staging', RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 }, KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'aiops-ingestion-dlq-staging', MessageRetentionPeriod: 1209600 });
  });

  it('feeds the alert-router from the queue with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'alert-router-staging', TracingConfig: { Mode: 'Active' }, Environment: { Variables: Match.objectLike({ EVENT_BUS_NAME: Match.anyValue(), AIOPS_ENV: 'staging', POWERTOOLS_SERVICE_NAME: 'alert-router' }) } });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  it('sends the product’s incident.opened and incident.updated events of the aiops bus to the log analyzer', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: { source: ['matcarv.aiops'], 'detail-type': ['incident.opened', 'incident.updated'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogAnalyzerFunction'), 'Arn'] } })],
    });
  });

  it('keeps notifier credentials in Secrets Manager', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'aiops/notifiers-staging' });
  });
});
