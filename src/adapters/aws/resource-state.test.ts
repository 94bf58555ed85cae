import { AutoScalingClient, DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteSnapshotCommand, DescribeInstancesCommand, DescribeInstanceStatusCommand, DescribeSecurityGroupsCommand, DescribeSnapshotsCommand, DescribeVolumesCommand, EC2Client, RestoreSnapshotFromRecycleBinCommand } from '@aws-sdk/client-ec2';
import { CreateAccessKeyCommand, DeleteAccessKeyCommand, IAMClient, ListAccessKeysCommand, ListUserPoliciesCommand, ListUsersCommand, ListUserTagsCommand } from '@aws-sdk/client-iam';
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeCloudContract } from '../../ports/cloud.contract.js';
import { AwsCloud } from './cloud.js';
import { STATE_READERS } from './resource-state.js';

const m = {
  asg: mockClient(AutoScalingClient),
  ec2: mockClient(EC2Client),
  iam: mockClient(IAMClient),
  lambda: mockClient(LambdaClient),
  rds: mockClient(RDSClient),
  ddb: mockClient(DynamoDBClient),
  tagging: mockClient(ResourceGroupsTaggingAPIClient),
  sm: mockClient(SecretsManagerClient),
};
const ACCOUNT = '111122223333';
const notFound = (name: string) => Object.assign(new Error(`${name}: gone`), { name });

const cloud = (recycleBinCoversSnapshots = false) =>
  new AwsCloud({
    clientConfig: { region: 'eu-west-1' },
    clients: { autoscaling: new AutoScalingClient({}), ec2: new EC2Client({ region: 'eu-west-1' }), iam: new IAMClient({}), lambda: new LambdaClient({}), rds: new RDSClient({}), dynamodb: new DynamoDBClient({}), tagging: new ResourceGroupsTaggingAPIClient({}), secretsmanager: new SecretsManagerClient({}) },
    state: { recycleBinCoversSnapshots },
  });

beforeEach(() => {
  for (const x of Object.values(m)) x.reset();
  m.tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
});

describe('Table: STATE_READERS', () => {
  const cases: { type: string; arn: string; arrange: () => void; state: Record<string, unknown> }[] = [
    {
      type: 'AWS::EC2::Instance',
      arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`,
      arrange: () => {
        m.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-1', InstanceType: 'm5.large', State: { Name: 'running' }, RootDeviceType: 'ebs', LaunchTime: new Date('2026-11-01T00:00:00Z') }] }] });
        m.ec2.on(DescribeInstanceStatusCommand).resolves({ InstanceStatuses: [{ InstanceStatus: { Status: 'impaired' }, SystemStatus: { Status: 'ok' } }] });
      },
      state: { InstanceId: 'i-1', InstanceType: 'm5.large', State: { Name: 'running' }, RootDeviceType: 'ebs', LaunchTime: '2026-11-01T00:00:00.000Z', InstanceStatus: { Status: 'impaired' }, SystemStatus: { Status: 'ok' } },
    },
    {
      type: 'AWS::EC2::Volume',
      arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-1`,
      arrange: () => void m.ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: 'vol-1', VolumeType: 'gp2', Size: 100, Iops: 300, State: 'in-use', Attachments: [{}] }] }),
      state: { VolumeId: 'vol-1', VolumeType: 'gp2', Size: 100, Iops: 300, State: 'in-use', Attachments: 1 },
    },
    {
      type: 'AWS::EC2::Snapshot',
      arn: 'arn:aws:ec2:eu-west-1::snapshot/snap-1',
      arrange: () => void m.ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-1', State: 'completed', StartTime: new Date('2026-09-01T00:00:00Z'), VolumeId: 'vol-1', VolumeSize: 8 }] }),
      state: { SnapshotId: 'snap-1', State: 'completed', StartTime: '2026-09-01T00:00:00.000Z', VolumeId: 'vol-1', VolumeSize: 8, RecycleBinProtected: false },
    },
    {
      type: 'AWS::EC2::SecurityGroup',
      arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-1`,
      arrange: () => void m.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'web', VpcId: 'vpc-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }] }),
      state: { GroupId: 'sg-1', GroupName: 'web', VpcId: 'vpc-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] },
    },
    {
      type: 'AWS::Lambda::Function',
      arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:checkout`,
      arrange: () => {
        m.lambda.on(GetFunctionConfigurationCommand).resolves({ FunctionName: 'checkout', Runtime: 'nodejs22.x', MemorySize: 512, Timeout: 30, Version: '$LATEST', State: 'Active' });
        m.lambda.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 50 });
      },
      state: { FunctionName: 'checkout', Runtime: 'nodejs22.x', MemorySize: 512, Timeout: 30, Version: '$LATEST', State: 'Active', ReservedConcurrentExecutions: 50 },
    },
    {
      type: 'AWS::RDS::DBInstance',
      arn: `arn:aws:rds:eu-west-1:${ACCOUNT}:db:orders`,
      arrange: () => void m.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: 'orders', DBInstanceStatus: 'available', DBInstanceClass: 'db.r6g.large', Engine: 'postgres', MultiAZ: true }] }),
      state: { DBInstanceIdentifier: 'orders', DBInstanceStatus: 'available', DBInstanceClass: 'db.r6g.large', Engine: 'postgres', MultiAZ: true },
    },
    {
      type: 'AWS::DynamoDB::Table',
      arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
      arrange: () => void m.ddb.on(DescribeTableCommand).resolves({ Table: { TableName: 'orders', TableStatus: 'ACTIVE', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } }),
      state: { TableName: 'orders', TableStatus: 'ACTIVE', BillingModeSummary: { BillingMode: 'PROVISIONED' }, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
    },
    {
      type: 'AWS::IAM::User',
      arn: `arn:aws:iam::${ACCOUNT}:user/ci/deployer`,
      arrange: () => {
        m.iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIAOLD', Status: 'Active', CreateDate: new Date('2026-10-01T00:00:00Z') }] });
        m.iam.on(ListUserPoliciesCommand).resolves({ PolicyNames: ['inline'] });
        m.iam.on(ListUserTagsCommand).resolves({ Tags: [{ Key: 'environment', Value: 'dev' }] });
      },
      state: { UserName: 'deployer', AccessKeys: [{ AccessKeyId: 'AKIAOLD', Status: 'Active', CreateDate: '2026-10-01T00:00:00.000Z' }], PolicyNames: ['inline'] },
    },
  ];

  it('has a case here for every reader but the ASG (covered by the contract suite)', () => {
    expect(cases.map((c) => c.type).sort()).toEqual(Object.keys(STATE_READERS).filter((t) => t !== 'AWS::AutoScaling::AutoScalingGroup').sort());
  });

  it.each(cases)('describes an untagged $type with the state its runbooks read', async ({ type, arn, arrange, state }) => {
    arrange();
    const r = await cloud().describe(arn);
    expect(r).toMatchObject({ arn, type });
    expect(r?.state).toEqual(state);
  });

  it.each([
    ['AWS::EC2::Snapshot', 'arn:aws:ec2:eu-west-1::snapshot/snap-gone', () => void m.ec2.on(DescribeSnapshotsCommand).rejects(notFound('InvalidSnapshot.NotFound'))],
    ['AWS::RDS::DBInstance', `arn:aws:rds:eu-west-1:${ACCOUNT}:db:gone`, () => void m.rds.on(DescribeDBInstancesCommand).rejects(notFound('DBInstanceNotFoundFault'))],
    ['AWS::IAM::User', `arn:aws:iam::${ACCOUNT}:user/gone`, () => void m.iam.on(ListAccessKeysCommand).rejects(notFound('NoSuchEntityException'))],
  ])('describes a %s the service does not know as undefined', async (_type, arn, arrange) => {
    arrange();
    m.iam.on(ListUserPoliciesCommand).resolves({});
    m.iam.on(ListUserTagsCommand).resolves({});
    expect(await cloud().describe(arn)).toBeUndefined();
  });

  it('propagates any other error (a throttled read must not look like a missing resource)', async () => {
    m.ec2.on(DescribeVolumesCommand).rejects(Object.assign(new Error('slow down'), { name: 'RequestLimitExceeded' }));
    await expect(cloud().describe(`arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-1`)).rejects.toThrow('slow down');
  });

  it('keeps the tags of the tagging API over those of the service', async () => {
    const arn = `arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-1`;
    m.tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: arn, Tags: [{ Key: 'environment', Value: 'staging' }] }] });
    m.ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: 'vol-1', Tags: [{ Key: 'Name', Value: 'data' }, { Key: 'environment', Value: 'old' }] }] });
    expect(await cloud().describe(arn)).toMatchObject({ name: 'data', tags: { environment: 'staging', Name: 'data' } });
  });
});

describe('Table: TYPE_LISTERS', () => {
  it('lists every own snapshot (paginated) with state, and marks them recoverable when the Recycle Bin covers snapshots', async () => {
    m.ec2
      .on(DescribeSnapshotsCommand)
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-1', OwnerId: ACCOUNT, State: 'completed', StartTime: new Date('2026-09-01T00:00:00Z'), Tags: [{ Key: 'environment', Value: 'dev' }] }], NextToken: 't' })
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-2', OwnerId: ACCOUNT, State: 'pending', StartTime: new Date('2026-11-20T00:00:00Z') }] });
    const list = await cloud(true).listResources({ type: 'AWS::EC2::Snapshot', tag: { environment: 'dev' } });
    expect(list).toEqual([
      { arn: 'arn:aws:ec2:eu-west-1::snapshot/snap-1', type: 'AWS::EC2::Snapshot', id: 'snap-1', name: 'snap-1', region: 'eu-west-1', account: ACCOUNT, tags: { environment: 'dev' }, state: { SnapshotId: 'snap-1', State: 'completed', StartTime: '2026-09-01T00:00:00.000Z', RecycleBinProtected: true } },
    ]);
    expect(m.ec2.commandCalls(DescribeSnapshotsCommand)[0]?.args[0].input).toEqual({ OwnerIds: ['self'] });
    expect(m.ec2.commandCalls(DescribeSnapshotsCommand)[1]?.args[0].input).toEqual({ OwnerIds: ['self'], NextToken: 't' });
  });

  it('lists IAM users (which the tagging API does not cover) with their access keys and tags', async () => {
    m.iam.on(ListUsersCommand).resolves({ Users: [{ UserName: 'ci', UserId: 'AIDA1', Arn: `arn:aws:iam::${ACCOUNT}:user/ci`, Path: '/', CreateDate: new Date(0) }], IsTruncated: false });
    m.iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIA1', Status: 'Active', CreateDate: new Date('2026-10-01T00:00:00Z') }] });
    m.iam.on(ListUserPoliciesCommand).resolves({ PolicyNames: [] });
    m.iam.on(ListUserTagsCommand).resolves({ Tags: [{ Key: 'environment', Value: 'dev' }] });
    const [u] = await cloud().listResources({ type: 'AWS::IAM::User' });
    expect(u).toMatchObject({ arn: `arn:aws:iam::${ACCOUNT}:user/ci`, name: 'ci', account: ACCOUNT, tags: { environment: 'dev' }, state: { UserName: 'ci', AccessKeys: [{ AccessKeyId: 'AKIA1', Status: 'Active', CreateDate: '2026-10-01T00:00:00.000Z' }] } });
  });
});

describe('Actions: snapshot deletion, Recycle Bin restore, access key creation', () => {
  const SNAP = 'arn:aws:ec2:eu-west-1::snapshot/snap-1';
  const USER = `arn:aws:iam::${ACCOUNT}:user/ci`;

  it('deletes a snapshot, and treats an already deleted one as done (a retried step)', async () => {
    m.ec2.on(DeleteSnapshotCommand).resolvesOnce({}).rejectsOnce(notFound('InvalidSnapshot.NotFound'));
    expect(await cloud().execute({ call: 'ec2:DeleteSnapshot', target: SNAP, params: { SnapshotId: 'snap-1' } })).toMatchObject({ ok: true, before: { snapshotId: 'snap-1' } });
    expect(await cloud().execute({ call: 'ec2:DeleteSnapshot', target: SNAP, params: {} })).toMatchObject({ ok: true });
    expect(m.ec2.commandCalls(DeleteSnapshotCommand).map((c) => c.args[0].input)).toEqual([{ SnapshotId: 'snap-1' }, { SnapshotId: 'snap-1' }]);
  });

  it('restores a snapshot from the Recycle Bin (the rollback of a deletion)', async () => {
    m.ec2.on(RestoreSnapshotFromRecycleBinCommand).resolves({ SnapshotId: 'snap-1', State: 'pending' });
    expect(await cloud().execute({ call: 'ec2:RestoreSnapshotFromRecycleBin', target: SNAP, params: { snapshotId: 'snap-1' } })).toMatchObject({ ok: true, after: { snapshotId: 'snap-1', state: 'pending' } });
  });

  it('creates an access key, stores its secret in Secrets Manager and never returns it', async () => {
    m.iam.on(CreateAccessKeyCommand).resolves({ AccessKey: { UserName: 'ci', AccessKeyId: 'AKIANEW', SecretAccessKey: 'very-secret', Status: 'Active', CreateDate: new Date('2026-11-23T00:00:00Z') } });
    m.sm.on(PutSecretValueCommand).rejects(notFound('ResourceNotFoundException'));
    m.sm.on(CreateSecretCommand).resolves({});
    const res = await cloud().execute({ call: 'iam:CreateAccessKey', target: USER, params: { userName: 'ci' } });
    expect(res).toMatchObject({ ok: true, after: { accessKeyId: 'AKIANEW', status: 'Active', secretId: 'aiops/iam-keys/ci' } });
    expect(JSON.stringify(res)).not.toContain('very-secret');
    const created = m.sm.commandCalls(CreateSecretCommand)[0]?.args[0].input;
    expect(created?.Name).toBe('aiops/iam-keys/ci');
    expect(JSON.parse(created?.SecretString ?? '{}')).toMatchObject({ AccessKeyId: 'AKIANEW', SecretAccessKey: 'very-secret' });
  });

  it('deletes the new key again when its secret cannot be stored (no unreadable key left behind)', async () => {
    m.iam.on(CreateAccessKeyCommand).resolves({ AccessKey: { UserName: 'ci', AccessKeyId: 'AKIANEW', SecretAccessKey: 's', Status: 'Active' } });
    m.iam.on(DeleteAccessKeyCommand).resolves({});
    m.sm.on(PutSecretValueCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    expect(await cloud().execute({ call: 'iam:CreateAccessKey', target: USER, params: {} })).toMatchObject({ ok: false, error: 'AccessDeniedException: denied' });
    expect(m.iam.commandCalls(DeleteAccessKeyCommand)[0]?.args[0].input).toEqual({ UserName: 'ci', AccessKeyId: 'AKIANEW' });
  });
});

/** One Auto Scaling group behind the mocked SDK, whose capacity the actions really change. */
describeCloudContract('AwsCloud on the SDK (aws-sdk-client-mock)', async () => {
  const ASG = `arn:aws:autoscaling:eu-west-1:${ACCOUNT}:autoScalingGroup:uuid-1:autoScalingGroupName/web`;
  let desired = 2;
  m.tagging.on(GetResourcesCommand).callsFake((input: { ResourceARNList?: string[] }) => ({ ResourceTagMappingList: input.ResourceARNList && !input.ResourceARNList.includes(ASG) ? [] : [{ ResourceARN: ASG, Tags: [{ Key: 'environment', Value: 'dev' }] }] }));
  m.asg.on(DescribeAutoScalingGroupsCommand).callsFake((input: { AutoScalingGroupNames?: string[] }) => ({
    AutoScalingGroups: input.AutoScalingGroupNames?.includes('web') ? [{ AutoScalingGroupARN: ASG, AutoScalingGroupName: 'web', DesiredCapacity: desired, MinSize: 1, MaxSize: 10, Instances: [] }] : [],
  }));
  m.asg.on(SetDesiredCapacityCommand).callsFake((input: { DesiredCapacity: number }) => {
    desired = input.DesiredCapacity;
    return {};
  });
  return { cloud: cloud(), action: { call: 'autoscaling:SetDesiredCapacity', target: ASG, params: { desiredCapacity: 4 }, field: 'DesiredCapacity', expected: 4 } };
});
