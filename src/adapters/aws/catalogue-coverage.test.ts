import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeInstancesCommand, DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { CreateAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { ListMessageMoveTasksCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../core/alerts/alert.js';
import { CATALOGUE } from '../../core/remediation/catalogue/index.js';
import { RUNBOOK_PERMISSIONS } from '../../core/remediation/catalogue/permissions.js';
import { CATALOGUE_FIXTURES, FIXTURE_NOW } from '../../core/remediation/catalogue/support/fixtures.js';
import type { RunbookContext, RunbookDescriptor } from '../../core/remediation/runbook.js';
import type { ActionCall } from '../../ports/cloud.js';
import { AwsCloud } from './cloud.js';
import { isRemediationAction, REMEDIATION_ACTIONS, SCOPED_GRANTS } from './cloud-actions.js';
import { StatefulCloud } from './stateful-cloud.js';

const CTORS = { autoscaling: AutoScalingClient, cloudfront: CloudFrontClient, cloudtrail: CloudTrailClient, dynamodb: DynamoDBClient, ec2: EC2Client, ecs: ECSClient, iam: IAMClient, lambda: LambdaClient, rds: RDSClient, tagging: ResourceGroupsTaggingAPIClient, route53: Route53Client, s3: S3Client, secretsmanager: SecretsManagerClient, securityhub: SecurityHubClient, sns: SNSClient, sqs: SQSClient };
const mocks = Object.fromEntries(Object.entries(CTORS).map(([k, C]) => [k, mockClient(C as never)])) as { [K in keyof typeof CTORS]: ReturnType<typeof mockClient> };

function ctxFor(r: RunbookDescriptor): RunbookContext {
  const resource = CATALOGUE_FIXTURES[r.id];
  if (!resource) throw new Error(`no fixture for ${r.id}`);
  const alert = { id: `alert-${r.id}`, fingerprint: `fp-${r.id}`, status: 'firing', severity: 'SEV-3', source: 'config', kind: 'compliance', title: r.condition, resourceArn: resource.arn, rule: 'encrypted-volumes', labels: {}, count: 1, firstSeen: FIXTURE_NOW, lastSeen: FIXTURE_NOW, startsAt: FIXTURE_NOW, lastSignalId: 's1', updatedAt: FIXTURE_NOW } as Alert;
  return { resource, alert, environment: 'dev', diagnostics: { now: FIXTURE_NOW } };
}

/** Every call an entry's plan and rollback make on its fixture resource (what the engine hands to Cloud.execute). */
const CALLS: [string, ActionCall][] = CATALOGUE.flatMap((r) => {
  const ctx = ctxFor(r);
  return [...r.plan(ctx), ...(r.rollback?.(ctx, ctx.resource.state) ?? [])].map((c) => [r.id, c] as [string, ActionCall]);
});

/** Handled actions no fixture reaches: other branches of an entry, or SSM documents' steps. */
const REACHED_ELSEWHERE: Record<string, string> = {
  'ec2:RebootInstances': 'SSM document AIOps-RebootEC2Instance path',
  'ec2:AuthorizeSecurityGroupIngress': 'manual restore of a revoked rule',
  'iam:PutRolePolicy': 'AIOps-QuarantineIAMPrincipal on a role',
  'iam:DeleteRolePolicy': 'AIOps-QuarantineIAMPrincipal rollback on a role',
  'rds:RebootDBInstance': 'AIOps-RDSFailover forced failover',
};

beforeEach(() => {
  for (const m of Object.values(mocks)) {
    m.reset();
    m.onAnyCommand().resolves({});
  }
  mocks.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-1', InstanceType: 't2.nano', State: { Name: 'stopped', Code: 80 } }] }] });
  mocks.ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: 'vol-1', VolumeType: 'io1', Iops: 100 }] });
  mocks.lambda.on(GetFunctionConfigurationCommand).resolves({ MemorySize: 1024 });
  mocks.lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
  mocks.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: 'db', DBInstanceStatus: 'available' }] });
  mocks.dynamodb.on(DescribeTableCommand).resolves({ Table: { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } } });
  mocks.autoscaling.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
  mocks.iam.on(CreateAccessKeyCommand).resolves({ AccessKey: { UserName: 'u', AccessKeyId: 'AKIANEW0000000000', SecretAccessKey: 's', Status: 'Active' } });
  mocks.securityhub.on(BatchImportFindingsCommand).resolves({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] });
  mocks.sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [{ TaskHandle: 'h1', Status: 'RUNNING' }] });
});

const cloud = () => new StatefulCloud(new AwsCloud({ clients: Object.fromEntries(Object.entries(CTORS).map(([k, C]) => [k, new C({ region: 'us-east-1' })])) }));
const sentCount = () => Object.values(mocks).reduce((n, m) => n + m.calls().length, 0);

describe('Catalogue coverage: AwsCloud', () => {
  it('has at least one call per catalogue entry to check', () => {
    expect(new Set(CALLS.map(([id]) => id)).size).toBe(CATALOGUE.length);
  });

  it.each(CALLS.map(([id, c]) => [`${id} ${c.call}`, id, c] as const))('executes %s on AWS (no sandbox-only call), with its IAM action declared', async (_n, id, call) => {
    expect(isRemediationAction(call.call), `${call.call} has no AwsCloud handler`).toBe(true);
    expect(RUNBOOK_PERMISSIONS[id]).toContain(call.call);
    const res = await cloud().execute(call);
    expect(res.error).toBeUndefined();
    expect(res.ok).toBe(true);
    expect(sentCount()).toBeGreaterThan(0);
  });

  it('handles exactly the catalogue calls plus the named other-branch ones', () => {
    const used = new Set(CALLS.map(([, c]) => c.call));
    const unused = Object.keys(REMEDIATION_ACTIONS).filter((a) => !used.has(a)).sort();
    expect(unused).toEqual(Object.keys(REACHED_ELSEWHERE).sort());
  });

  it('scopes every granted catalogue call either to ARNs or through the remediation role table, never a * action', () => {
    for (const g of SCOPED_GRANTS) {
      for (const a of g.actions) expect(a).toMatch(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/);
      for (const r of g.resources) expect(`${r.resource}${r.name}`.length).toBeGreaterThan(0);
    }
    for (const a of Object.keys(REMEDIATION_ACTIONS)) expect(a).not.toContain('*');
  });
});
