import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { EC2Client, Tag } from '@aws-sdk/client-ec2';
import { DescribeInstancesCommand, DescribeInstanceStatusCommand, DescribeSecurityGroupsCommand, DescribeSnapshotsCommand, DescribeVolumesCommand, type Snapshot } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import { ListAccessKeysCommand, ListUserPoliciesCommand, ListUsersCommand, ListUserTagsCommand } from '@aws-sdk/client-iam';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { RDSClient } from '@aws-sdk/client-rds';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import type { ResourceRecord } from '../../ports/cloud.js';
import { arnResourceId, parseArn } from './arn.js';
import { dynamoDbPeakConsumedCapacity, lambdaMaxMemoryUsedMb, type PeakOptions } from './resource-peaks.js';

/** The clients the state readers use (a subset of AwsCloud's). */
export interface StateClients {
  autoscaling: AutoScalingClient;
  ec2: EC2Client;
  lambda: LambdaClient;
  rds: RDSClient;
  iam: IAMClient;
  dynamodb: DynamoDBClient;
  /** Peaks the right-sizing runbooks judge (DynamoDB consumed capacity, Lambda memory used); without it they stay unknown. */
  cloudwatch?: CloudWatchClient;
}

export interface StateOptions {
  /**
   * Read the CloudWatch peaks the right-sizing runbooks judge (DynamoDB `PeakConsumedCapacity`,
   * Lambda `MaxMemoryUsed`): one GetMetricData per provisioned table / function described. Off when
   * absent, so inventory listings cost no CloudWatch calls unless the deployment asks for them.
   */
  peaks?: PeakOptions;
  /**
   * True when a Recycle Bin retention rule covers every EBS snapshot of the region (the
   * RemediationStack deploys one where snapshot cleanup runs). Snapshot deletion is only eligible
   * when it is recoverable, so without it every snapshot reads `RecycleBinProtected: false`.
   */
  recycleBinCoversSnapshots?: boolean;
}

/** What a reader found: the runbook-facing state (AWS API field names) and, where the API returns them, tags. */
export interface ResourceState {
  state: Record<string, unknown>;
  /** The resource's real ARN when the API returns it (an ASG ARN named with `*` for its id resolves to the real one). */
  arn?: string;
  tags?: Record<string, string>;
}

type Reader = (c: StateClients, arn: string, o: StateOptions) => Promise<ResourceState | undefined>;

const iso = (d: Date | undefined): string | undefined => (d ? d.toISOString() : undefined);
const tagMap = (tags: Tag[] | { Key?: string; Value?: string }[] | undefined): Record<string, string> => Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
/** Drops undefined fields: state is stored as JSON and compared by the engine. */
const defined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** "Does not exist" from any service: the resource is gone, which describe reports as undefined. */
export function isNotFound(err: unknown): boolean {
  const name = (err as { name?: string; Code?: string })?.name ?? '';
  return /NotFound|NoSuchEntity|ResourceNotFound|DBInstanceNotFound|\.Malformed$/.test(name) || /NotFound/.test((err as { Code?: string })?.Code ?? '');
}

const snapshotState = (s: Snapshot, o: StateOptions): ResourceState => ({
  state: defined({ SnapshotId: s.SnapshotId, State: s.State, StartTime: iso(s.StartTime), VolumeId: s.VolumeId, VolumeSize: s.VolumeSize, Description: s.Description, RecycleBinProtected: o.recycleBinCoversSnapshots === true }),
  tags: tagMap(s.Tags),
});

async function iamUserState(c: StateClients, userName: string): Promise<ResourceState> {
  const [keys, policies, tags] = await Promise.all([c.iam.send(new ListAccessKeysCommand({ UserName: userName })), c.iam.send(new ListUserPoliciesCommand({ UserName: userName })), c.iam.send(new ListUserTagsCommand({ UserName: userName }))]);
  return {
    state: { UserName: userName, AccessKeys: (keys.AccessKeyMetadata ?? []).map((k) => defined({ AccessKeyId: k.AccessKeyId, Status: k.Status, CreateDate: iso(k.CreateDate) })), PolicyNames: policies.PolicyNames ?? [] },
    tags: tagMap(tags.Tags),
  };
}

/**
 * Resource type → reader of the state the catalogue's runbooks judge (field names as the AWS
 * APIs spell them, dates as ISO strings). Types without a reader have an empty state.
 */
export const STATE_READERS: Record<string, Reader> = {
  'AWS::AutoScaling::AutoScalingGroup': async (c, arn) => {
    const g = (await c.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [arnResourceId(arn, 'autoScalingGroupName')] }))).AutoScalingGroups?.[0];
    return g ? { ...(g.AutoScalingGroupARN ? { arn: g.AutoScalingGroupARN } : {}), state: defined({ AutoScalingGroupName: g.AutoScalingGroupName, DesiredCapacity: g.DesiredCapacity, MinSize: g.MinSize, MaxSize: g.MaxSize, Instances: g.Instances?.length ?? 0 }), tags: tagMap(g.Tags) } : undefined;
  },
  'AWS::EC2::Instance': async (c, arn) => {
    const id = arnResourceId(arn, 'instance');
    const [d, st] = await Promise.all([c.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })), c.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [id], IncludeAllInstances: true }))]);
    const i = d.Reservations?.[0]?.Instances?.[0];
    if (!i) return undefined;
    const s = st.InstanceStatuses?.[0];
    return { state: defined({ InstanceId: i.InstanceId, InstanceType: i.InstanceType, State: { Name: i.State?.Name }, RootDeviceType: i.RootDeviceType, LaunchTime: iso(i.LaunchTime), InstanceStatus: s?.InstanceStatus?.Status ? { Status: s.InstanceStatus.Status } : undefined, SystemStatus: s?.SystemStatus?.Status ? { Status: s.SystemStatus.Status } : undefined }), tags: tagMap(i.Tags) };
  },
  'AWS::EC2::Volume': async (c, arn) => {
    const v = (await c.ec2.send(new DescribeVolumesCommand({ VolumeIds: [arnResourceId(arn, 'volume')] }))).Volumes?.[0];
    return v ? { state: defined({ VolumeId: v.VolumeId, VolumeType: v.VolumeType, Size: v.Size, Iops: v.Iops, Throughput: v.Throughput, State: v.State, Attachments: v.Attachments?.length ?? 0 }), tags: tagMap(v.Tags) } : undefined;
  },
  'AWS::EC2::Snapshot': async (c, arn, o) => {
    const s = (await c.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [arnResourceId(arn, 'snapshot')] }))).Snapshots?.[0];
    return s ? snapshotState(s, o) : undefined;
  },
  'AWS::EC2::SecurityGroup': async (c, arn) => {
    const g = (await c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [arnResourceId(arn, 'security-group')] }))).SecurityGroups?.[0];
    return g ? { state: defined({ GroupId: g.GroupId, GroupName: g.GroupName, VpcId: g.VpcId, IpPermissions: g.IpPermissions ?? [] }), tags: tagMap(g.Tags) } : undefined;
  },
  'AWS::Lambda::Function': async (c, arn, o) => {
    const [f, conc] = await Promise.all([c.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: arn })), c.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: arn }))]);
    const maxUsed = c.cloudwatch && o.peaks && f.FunctionName ? await lambdaMaxMemoryUsedMb(c.cloudwatch, f.FunctionName, o.peaks) : undefined;
    return { state: defined({ FunctionName: f.FunctionName, Runtime: f.Runtime, MemorySize: f.MemorySize, Timeout: f.Timeout, Version: f.Version, State: f.State, LastModified: f.LastModified, ReservedConcurrentExecutions: conc.ReservedConcurrentExecutions, MaxMemoryUsed: maxUsed }) };
  },
  'AWS::RDS::DBInstance': async (c, arn) => {
    const db = (await c.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: parseArn(arn).resource.replace(/^db:/, '') }))).DBInstances?.[0];
    return db ? { state: defined({ DBInstanceIdentifier: db.DBInstanceIdentifier, DBInstanceStatus: db.DBInstanceStatus, DBInstanceClass: db.DBInstanceClass, Engine: db.Engine, MultiAZ: db.MultiAZ }), tags: tagMap(db.TagList) } : undefined;
  },
  'AWS::DynamoDB::Table': async (c, arn, o) => {
    const t = (await c.dynamodb.send(new DescribeTableCommand({ TableName: arnResourceId(arn, 'table') }))).Table;
    if (!t) return undefined;
    const mode = t.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
    const pt = t.ProvisionedThroughput;
    // Peaks only matter (and only cost a CloudWatch call) for provisioned tables.
    const peak = c.cloudwatch && o.peaks && t.TableName && mode === 'PROVISIONED' ? await dynamoDbPeakConsumedCapacity(c.cloudwatch, t.TableName, o.peaks) : undefined;
    return {
      state: defined({
        TableName: t.TableName,
        TableStatus: t.TableStatus,
        BillingModeSummary: { BillingMode: mode },
        ProvisionedThroughput: defined({ ReadCapacityUnits: pt?.ReadCapacityUnits, WriteCapacityUnits: pt?.WriteCapacityUnits, NumberOfDecreasesToday: pt?.NumberOfDecreasesToday, LastDecreaseDateTime: iso(pt?.LastDecreaseDateTime) }),
        PeakConsumedCapacity: peak && Object.keys(peak).length > 0 ? peak : undefined,
      }),
    };
  },
  'AWS::IAM::User': async (c, arn) => iamUserState(c, arnResourceId(arn, 'user').split('/').pop() as string),
};

/** Reads a resource's state; undefined when the service says it does not exist. */
export async function readState(c: StateClients, type: string, arn: string, o: StateOptions): Promise<ResourceState | undefined> {
  const read = STATE_READERS[type];
  if (!read) return { state: {} };
  try {
    return await read(c, arn, o);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

type Lister = (c: StateClients, o: StateOptions) => Promise<ResourceRecord[]>;

/**
 * Types the tagging API cannot list (untagged snapshots, IAM users), listed from their own API with
 * their state: the scheduled runbooks (snapshot retention, key rotation) judge every one of them.
 */
export const TYPE_LISTERS: Record<string, Lister> = {
  'AWS::EC2::Snapshot': async (c, o) => {
    const region = await c.ec2.config.region();
    const out: ResourceRecord[] = [];
    let token: string | undefined;
    do {
      const res = await c.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], ...(token ? { NextToken: token } : {}) }));
      for (const s of res.Snapshots ?? []) {
        if (!s.SnapshotId) continue;
        const { state, tags = {} } = snapshotState(s, o);
        out.push({ arn: `arn:aws:ec2:${region}::snapshot/${s.SnapshotId}`, type: 'AWS::EC2::Snapshot', id: s.SnapshotId, name: tags.Name ?? s.SnapshotId, region, account: s.OwnerId ?? '', tags, state });
      }
      token = res.NextToken;
    } while (token);
    return out;
  },
  'AWS::IAM::User': async (c) => {
    const out: ResourceRecord[] = [];
    let marker: string | undefined;
    do {
      const res = await c.iam.send(new ListUsersCommand({ ...(marker ? { Marker: marker } : {}) }));
      for (const u of res.Users ?? []) {
        if (!u.Arn || !u.UserName) continue;
        const { state, tags = {} } = await iamUserState(c, u.UserName);
        out.push({ arn: u.Arn, type: 'AWS::IAM::User', id: u.UserId ?? u.UserName, name: u.UserName, region: 'global', account: parseArn(u.Arn).account, tags, state });
      }
      marker = res.IsTruncated ? res.Marker : undefined;
    } while (marker);
    return out;
  },
};
