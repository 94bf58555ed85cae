import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_RULES } from '../lib/stacks/security-stack.js';
import type { AiopsStacks } from '../lib/app.js';
import { buildStacks, testConfig } from './helpers.js';

let stacks: AiopsStacks;
beforeAll(() => {
  stacks = buildStacks(testConfig('prod')).stacks;
});

const privateBucket = { PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }, BucketEncryption: Match.anyValue() };

describe('Stack: CostStack', () => {
  it('runs the cost analyzer daily at 03:00 UTC and stores reports in a private encrypted bucket', () => {
    const t = Template.fromStack(stacks.cost);
    t.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'cost-analyzer-prod', TracingConfig: { Mode: 'Active' }, Environment: { Variables: Match.objectLike({ REPORTS_BUCKET_NAME: Match.anyValue() }) } });
    t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 3 * * ? *)' });
    t.hasResourceProperties('AWS::S3::Bucket', { ...privateBucket, LoggingConfiguration: Match.anyValue(), VersioningConfiguration: { Status: 'Enabled' } });
  });
});

describe('Stack: SecurityStack', () => {
  let t: Template;
  beforeAll(() => {
    t = Template.fromStack(stacks.security);
  });

  it('records a multi-region CloudTrail with log file validation and KMS encryption', () => {
    t.hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'aiops-trail-prod', EnableLogFileValidation: true, IsMultiRegionTrail: true, KMSKeyId: Match.anyValue(), CloudWatchLogsLogGroupArn: Match.anyValue() });
  });

  it('enables Security Hub with the AWS Foundational standard', () => {
    t.resourceCountIs('AWS::SecurityHub::Hub', 1);
    t.hasResourceProperties('AWS::SecurityHub::Standard', { StandardsArn: Match.anyValue() });
  });

  it('creates the Config recorder and every managed rule', () => {
    t.resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
    t.resourceCountIs('AWS::Config::ConfigRule', CONFIG_RULES.length);
    t.hasResourceProperties('AWS::Config::ConfigRule', { ConfigRuleName: 'aiops-access-keys-rotated-prod', InputParameters: { maxAccessKeyAge: 90 } });
  });

  it('leaves an existing Config recorder alone when told to', () => {
    const t2 = Template.fromStack(buildStacks(testConfig('prod', { security: { createConfigRecorder: false, enableSecurityHub: false } })).stacks.security);
    t2.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
    t2.resourceCountIs('AWS::SecurityHub::Hub', 0);
  });
});

describe('Stack: ApiStack', () => {
  let t: Template;
  beforeAll(() => {
    t = Template.fromStack(stacks.api);
  });

  it('requires IAM auth on every API method', () => {
    const methods = Object.values(t.findResources('AWS::ApiGateway::Method')).filter((m) => m.Properties.HttpMethod !== 'OPTIONS');
    expect(methods.length).toBeGreaterThan(0);
    for (const m of methods) expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('traces and access-logs the stage', () => {
    t.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod', TracingEnabled: true, AccessLogSetting: Match.anyValue() });
  });

  it('serves the console from a private bucket through CloudFront with Origin Access Control', () => {
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    t.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ DefaultRootObject: 'index.html', Logging: Match.anyValue(), Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })] }) });
    t.hasResourceProperties('AWS::S3::Bucket', privateBucket);
    expect(Object.keys(t.findOutputs('*'))).toEqual(expect.arrayContaining(['ConsoleBucketName', 'ConsoleUrl', 'ApiInvokePolicyArn']));
  });
});
