import { AutoScalingClient, DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeInstancesCommand, DescribeInstanceStatusCommand, EC2Client, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { ECSClient, DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACTION_HANDLERS, AwsCloud, resourceTypeOf } from './cloud.js';
import { REMEDIATION_ACTIONS } from './cloud-actions.js';

const asg = mockClient(AutoScalingClient);
const ecs = mockClient(ECSClient);
const s3 = mockClient(S3Client);
const ec2 = mockClient(EC2Client);
const cf = mockClient(CloudFrontClient);
const trail = mockClient(CloudTrailClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);

const cloud = () => new AwsCloud({ clients: { autoscaling: new AutoScalingClient({}), ecs: new ECSClient({}), s3: new S3Client({}), ec2: new EC2Client({}), cloudfront: new CloudFrontClient({}), cloudtrail: new CloudTrailClient({}), tagging: new ResourceGroupsTaggingAPIClient({}) } });

beforeEach(() => [asg, ecs, s3, ec2, cf, trail, tagging].forEach((m) => m.reset()));

describe('Class: AwsCloud', () => {
  it('has an SDK handler for every action the IAM role grants, and nothing more', () => {
    expect(Object.keys(ACTION_HANDLERS).sort()).toEqual(Object.keys(REMEDIATION_ACTIONS).sort());
  });

  it('fails closed on a call outside the table without calling AWS', async () => {
    const res = await cloud().execute({ call: 'ec2:TerminateInstances', target: 'arn:aws:ec2:us-east-1:1:instance/i-1', params: {} });
    expect(res).toMatchObject({ ok: false, error: expect.stringMatching(/unsupported call ec2:TerminateInstances/) });
  });

  it('sets ASG desired capacity and records the value before', async () => {
    asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [{ AutoScalingGroupName: 'web', DesiredCapacity: 4, MinSize: 1, MaxSize: 10, DefaultCooldown: 300, AvailabilityZones: [], HealthCheckType: 'EC2', CreatedTime: new Date() }] });
    asg.on(SetDesiredCapacityCommand).resolves({});
    const res = await cloud().execute({ call: 'autoscaling:SetDesiredCapacity', target: 'arn:aws:autoscaling:us-east-1:1:autoScalingGroup:uuid:autoScalingGroupName/web', params: { desiredCapacity: 5 } });
    expect(res).toEqual({ ok: true, call: 'autoscaling:SetDesiredCapacity', target: expect.any(String), before: { desiredCapacity: 4 }, after: { desiredCapacity: 5 } });
    expect(asg.commandCalls(SetDesiredCapacityCommand)[0]?.args[0].input).toMatchObject({ AutoScalingGroupName: 'web', DesiredCapacity: 5 });
  });

  it('names the bad parameter instead of calling AWS', async () => {
    const res = await cloud().execute({ call: 'autoscaling:SetDesiredCapacity', target: 'arn:aws:autoscaling:us-east-1:1:autoScalingGroup:uuid:autoScalingGroupName/web', params: { desiredCapacity: -1 } });
    expect(res).toMatchObject({ ok: false, error: expect.stringMatching(/params\.desiredCapacity/) });
    expect(asg.commandCalls(SetDesiredCapacityCommand)).toHaveLength(0);
  });

  it('forces a new ECS deployment on cluster/service', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [{ desiredCount: 2, runningCount: 0 }] });
    ecs.on(UpdateServiceCommand).resolves({});
    const res = await cloud().execute({ call: 'ecs:UpdateService', target: 'arn:aws:ecs:us-east-1:1:service/prod/web', params: {} });
    expect(res.ok).toBe(true);
    expect(ecs.commandCalls(UpdateServiceCommand)[0]?.args[0].input).toMatchObject({ cluster: 'prod', service: 'web', forceNewDeployment: true });
  });

  it('re-enables S3 Block Public Access on the bucket', async () => {
    s3.on(PutPublicAccessBlockCommand).resolves({});
    expect((await cloud().execute({ call: 's3:PutBucketPublicAccessBlock', target: 'arn:aws:s3:::reports', params: {} })).ok).toBe(true);
    expect(s3.commandCalls(PutPublicAccessBlockCommand)[0]?.args[0].input).toMatchObject({ Bucket: 'reports', PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true } });
  });

  it('revokes a security group rule', async () => {
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    const ipPermissions = [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
    expect((await cloud().execute({ call: 'ec2:RevokeSecurityGroupIngress', target: 'arn:aws:ec2:us-east-1:1:security-group/sg-1', params: { ipPermissions } })).ok).toBe(true);
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input.GroupId).toBe('sg-1');
  });

  it('requires a caller reference for CloudFront invalidations (idempotent retries)', async () => {
    cf.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I1', Status: 'InProgress', CreateTime: new Date(), InvalidationBatch: { CallerReference: 'x', Paths: { Quantity: 1 } } } });
    const target = 'arn:aws:cloudfront::1:distribution/E123';
    expect((await cloud().execute({ call: 'cloudfront:CreateInvalidation', target, params: {} })).ok).toBe(false);
    expect(await cloud().execute({ call: 'cloudfront:CreateInvalidation', target, params: { callerReference: 'exec-1' } })).toMatchObject({ ok: true, after: { invalidationId: 'I1', paths: ['/*'] } });
  });

  it('turns SDK errors into a failed result', async () => {
    ecs.on(DescribeServicesCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    expect(await cloud().execute({ call: 'ecs:UpdateService', target: 'arn:aws:ecs:us-east-1:1:service/prod/web', params: {} })).toMatchObject({ ok: false, error: 'AccessDeniedException: denied' });
  });

  it('lists tagged resources with their CloudFormation type, filtered', async () => {
    tagging.on(GetResourcesCommand).resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:ec2:us-east-1:1:instance/i-1', Tags: [{ Key: 'Name', Value: 'web-1' }] }], PaginationToken: 'p' }).resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::logs' }], PaginationToken: '' });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: 'running' }, RootDeviceType: 'ebs' }] }] });
    ec2.on(DescribeInstanceStatusCommand).resolves({ InstanceStatuses: [{ InstanceStatus: { Status: 'impaired' } }] });
    const all = await cloud().listResources({ type: 'AWS::EC2::Instance' });
    // Filtered by type, each resource carries its state (what the runbooks judge).
    expect(all).toEqual([{ arn: 'arn:aws:ec2:us-east-1:1:instance/i-1', type: 'AWS::EC2::Instance', id: 'i-1', name: 'web-1', region: 'us-east-1', account: '1', tags: { Name: 'web-1' }, state: { InstanceId: 'i-1', State: { Name: 'running' }, RootDeviceType: 'ebs', InstanceStatus: { Status: 'impaired' } } }]);
  });

  it('returns recent CloudTrail changes newest first', async () => {
    trail.on(LookupEventsCommand).resolves({ Events: [{ EventTime: new Date('2026-11-23T09:00:00Z'), EventName: 'A', EventSource: 'ec2.amazonaws.com', CloudTrailEvent: JSON.stringify({ userIdentity: { arn: 'arn:aws:iam::1:user/bob' } }) }, { EventTime: new Date('2026-11-23T09:30:00Z'), EventName: 'B', EventSource: 'ec2.amazonaws.com' }] });
    const out = await cloud().recentChanges('arn:aws:ec2:us-east-1:1:instance/i-1', '2026-11-23T08:00:00Z');
    expect(out.map((e) => e.eventName)).toEqual(['B', 'A']);
    expect(out[1]?.principal).toBe('arn:aws:iam::1:user/bob');
  });

  it.each([
    ['arn:aws:autoscaling:us-east-1:1:autoScalingGroup:u:autoScalingGroupName/web', 'AWS::AutoScaling::AutoScalingGroup'],
    ['arn:aws:rds:us-east-1:1:db:orders', 'AWS::RDS::DBInstance'],
    ['arn:aws:s3:::bucket', 'AWS::S3::Bucket'],
  ])('types %s as %s', (arn, type) => {
    expect(resourceTypeOf(arn)).toBe(type);
  });
});
