import { AutoScalingClient, DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudTrailClient, LookupEventsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AuthorizeSecurityGroupIngressCommand, CreateSnapshotCommand, DeleteSnapshotCommand, EC2Client, RestoreSnapshotFromRecycleBinCommand, RebootInstancesCommand, RevokeSecurityGroupIngressCommand, type IpPermission } from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { CreateAccessKeyCommand, DeleteAccessKeyCommand, DeleteRolePolicyCommand, DeleteUserPolicyCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetFunctionConcurrencyCommand, LambdaClient, PutFunctionConcurrencyCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { RDSClient, RebootDBInstanceCommand } from '@aws-sdk/client-rds';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { ChangeResourceRecordSetsCommand, Route53Client, type ChangeBatch } from '@aws-sdk/client-route-53';
import { PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient, SetSubscriptionAttributesCommand } from '@aws-sdk/client-sns';
import { SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';
import type { ActionCall, ActionResult, ChangeEvent, Cloud, ResourceFilter, ResourceRecord } from '../../ports/cloud.js';
import { arnResourceId, parseArn } from './arn.js';
import { CATALOGUE_ACTION_HANDLERS } from './cloud-cost-actions.js';
import { ACCESS_KEY_SECRET_PREFIX, isRemediationAction, type RemediationAction } from './cloud-actions.js';
import { isNotFound, readState, TYPE_LISTERS, type StateOptions } from './resource-state.js';

/** SDK clients the adapter uses; any not injected is created with `clientConfig`. */
export interface CloudClients {
  autoscaling: AutoScalingClient;
  ecs: ECSClient;
  lambda: LambdaClient;
  ec2: EC2Client;
  s3: S3Client;
  dynamodb: DynamoDBClient;
  cloudfront: CloudFrontClient;
  route53: Route53Client;
  sqs: SQSClient;
  sns: SNSClient;
  cloudtrail: CloudTrailClient;
  iam: IAMClient;
  rds: RDSClient;
  tagging: ResourceGroupsTaggingAPIClient;
  secretsmanager: SecretsManagerClient;
  securityhub: SecurityHubClient;
  cloudwatch: CloudWatchClient;
}

type Handler = (c: CloudClients, target: string, params: Record<string, unknown>) => Promise<{ before?: Record<string, unknown>; after?: Record<string, unknown> }>;

const p = <S extends z.ZodType>(schema: S, params: unknown): z.infer<S> => parseOrThrow(schema, params, 'params') as z.infer<S>;
const policy = z.object({ policyName: z.string().min(1), policyDocument: z.union([z.string(), z.record(z.string(), z.unknown())]).optional() });
const doc = (d: unknown) => (typeof d === 'string' ? d : JSON.stringify(d));
/** `arn:aws:iam::1:user/path/name` → `name` (IAM APIs take the name, not the path). */
const iamName = (arn: string, kind: 'user' | 'role') => arnResourceId(arn, kind).split('/').pop() as string;

/**
 * ActionCall.call (IAM action name) → SDK command. The table is the whole list of what the
 * platform can do to an account; anything else fails closed (ok: false, nothing called).
 */
export const ACTION_HANDLERS: Record<RemediationAction, Handler> = {
  ...CATALOGUE_ACTION_HANDLERS,
  'autoscaling:SetDesiredCapacity': async (c, target, params) => {
    const name = arnResourceId(target, 'autoScalingGroupName');
    const { desiredCapacity } = p(z.object({ desiredCapacity: z.number().int().min(0) }), params);
    const d = await c.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
    const before = d.AutoScalingGroups?.[0]?.DesiredCapacity;
    await c.autoscaling.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: name, DesiredCapacity: desiredCapacity, HonorCooldown: false }));
    return { before: { desiredCapacity: before }, after: { desiredCapacity } };
  },
  'ecs:UpdateService': async (c, target, params) => {
    const [cluster, service] = arnResourceId(target, 'service').split('/') as [string, string | undefined];
    const q = p(z.object({ forceNewDeployment: z.boolean().default(true), desiredCount: z.number().int().min(0).optional() }), params);
    const d = await c.ecs.send(new DescribeServicesCommand({ cluster, services: [service ?? cluster] }));
    const before = d.services?.[0];
    await c.ecs.send(new UpdateServiceCommand({ cluster, service: service ?? cluster, forceNewDeployment: q.forceNewDeployment, ...(q.desiredCount !== undefined ? { desiredCount: q.desiredCount } : {}) }));
    return { before: { desiredCount: before?.desiredCount, runningCount: before?.runningCount, taskDefinition: before?.taskDefinition }, after: { ...(q.desiredCount !== undefined ? { desiredCount: q.desiredCount } : {}), forceNewDeployment: q.forceNewDeployment } };
  },
  'lambda:PutFunctionConcurrency': async (c, target, params) => {
    const { reservedConcurrentExecutions } = p(z.object({ reservedConcurrentExecutions: z.number().int().min(0) }), params);
    const before = await c.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: target }));
    await c.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: target, ReservedConcurrentExecutions: reservedConcurrentExecutions }));
    return { before: { reservedConcurrentExecutions: before.ReservedConcurrentExecutions }, after: { reservedConcurrentExecutions } };
  },
  'lambda:UpdateAlias': async (c, target, params) => {
    const { resource } = parseArn(target);
    const [, fn, alias] = resource.split(':');
    const { functionVersion } = p(z.object({ functionVersion: z.string().min(1) }), params);
    const res = await c.lambda.send(new UpdateAliasCommand({ FunctionName: fn, Name: alias ?? String(params.alias ?? ''), FunctionVersion: functionVersion }));
    return { after: { functionVersion: res.FunctionVersion } };
  },
  'ec2:RebootInstances': async (c, target) => {
    await c.ec2.send(new RebootInstancesCommand({ InstanceIds: [arnResourceId(target, 'instance')] }));
    return {};
  },
  'ec2:CreateSnapshot': async (c, target, params) => {
    const tags = p(z.object({ TagSpecifications: z.array(z.object({ ResourceType: z.literal('snapshot'), Tags: z.array(z.object({ Key: z.string().min(1), Value: z.string() })) })).optional() }), params).TagSpecifications;
    const res = await c.ec2.send(new CreateSnapshotCommand({ VolumeId: arnResourceId(target, 'volume'), Description: String(params.description ?? 'AIOps pre-resize snapshot'), ...(tags ? { TagSpecifications: tags } : {}) }));
    return { after: { snapshotId: res.SnapshotId } };
  },
  'ec2:RevokeSecurityGroupIngress': async (c, target, params) => {
    const { ipPermissions } = p(z.object({ ipPermissions: z.array(z.record(z.string(), z.unknown())).min(1) }), params);
    await c.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: arnResourceId(target, 'security-group'), IpPermissions: ipPermissions as IpPermission[] }));
    return { before: { ipPermissions } };
  },
  'ec2:AuthorizeSecurityGroupIngress': async (c, target, params) => {
    const { ipPermissions } = p(z.object({ ipPermissions: z.array(z.record(z.string(), z.unknown())).min(1) }), params);
    await c.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: arnResourceId(target, 'security-group'), IpPermissions: ipPermissions as IpPermission[] }));
    return { after: { ipPermissions } };
  },
  's3:PutBucketPublicAccessBlock': async (c, target) => {
    const bucket = parseArn(target).resource.split('/')[0];
    const cfg = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    await c.s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: cfg }));
    return { after: cfg };
  },
  'cloudfront:CreateInvalidation': async (c, target, params) => {
    // The caller reference makes a retried invalidation a no-op instead of a second one.
    // The catalogue sends the API's InvalidationBatch; the flat form is kept for direct callers.
    const batch = p(z.object({ invalidationBatch: z.object({ CallerReference: z.string().min(1), Paths: z.object({ Items: z.array(z.string().startsWith('/')).min(1) }) }).optional() }), params).invalidationBatch;
    const q = batch ? { paths: batch.Paths.Items, callerReference: batch.CallerReference } : p(z.object({ paths: z.array(z.string().startsWith('/')).min(1).default(['/*']), callerReference: z.string().min(1) }), params);
    const res = await c.cloudfront.send(new CreateInvalidationCommand({ DistributionId: arnResourceId(target, 'distribution'), InvalidationBatch: { CallerReference: q.callerReference, Paths: { Quantity: q.paths.length, Items: q.paths } } }));
    return { after: { invalidationId: res.Invalidation?.Id, paths: q.paths } };
  },
  'route53:ChangeResourceRecordSets': async (c, target, params) => {
    const { changeBatch } = p(z.object({ changeBatch: z.object({ Changes: z.array(z.record(z.string(), z.unknown())).min(1) }).passthrough() }), params);
    const res = await c.route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: arnResourceId(target, 'hostedzone'), ChangeBatch: changeBatch as unknown as ChangeBatch }));
    return { after: { changeId: res.ChangeInfo?.Id } };
  },
  'sqs:StartMessageMoveTask': async (c, target, params) => {
    const q = p(z.object({ destinationArn: z.string().startsWith('arn:').optional(), maxNumberOfMessagesPerSecond: z.number().int().positive().optional() }), params);
    const res = await c.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: target, ...(q.destinationArn ? { DestinationArn: q.destinationArn } : {}), ...(q.maxNumberOfMessagesPerSecond ? { MaxNumberOfMessagesPerSecond: q.maxNumberOfMessagesPerSecond } : {}) }));
    return { after: { taskHandle: res.TaskHandle } };
  },
  'sns:SetSubscriptionAttributes': async (c, target, params) => {
    const q = p(z.object({ attributeName: z.string().min(1), attributeValue: z.string() }), params);
    await c.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: target, AttributeName: q.attributeName, AttributeValue: q.attributeValue }));
    return { after: q };
  },
  'cloudtrail:StartLogging': async (c, target) => {
    await c.cloudtrail.send(new StartLoggingCommand({ Name: target }));
    return { after: { isLogging: true } };
  },
  'iam:UpdateAccessKey': async (c, target, params) => {
    const q = p(z.object({ accessKeyId: z.string().regex(/^[A-Z0-9]+$/), status: z.enum(['Active', 'Inactive']) }), params);
    await c.iam.send(new UpdateAccessKeyCommand({ UserName: iamName(target, 'user'), AccessKeyId: q.accessKeyId, Status: q.status }));
    return { after: q };
  },
  'iam:PutUserPolicy': async (c, target, params) => {
    const q = p(policy.required({ policyDocument: true }), params);
    await c.iam.send(new PutUserPolicyCommand({ UserName: iamName(target, 'user'), PolicyName: q.policyName, PolicyDocument: doc(q.policyDocument) }));
    return { after: { policyName: q.policyName } };
  },
  'iam:DeleteUserPolicy': async (c, target, params) => {
    const q = p(policy, params);
    await c.iam.send(new DeleteUserPolicyCommand({ UserName: iamName(target, 'user'), PolicyName: q.policyName }));
    return { before: { policyName: q.policyName } };
  },
  'iam:PutRolePolicy': async (c, target, params) => {
    const q = p(policy.required({ policyDocument: true }), params);
    await c.iam.send(new PutRolePolicyCommand({ RoleName: iamName(target, 'role'), PolicyName: q.policyName, PolicyDocument: doc(q.policyDocument) }));
    return { after: { policyName: q.policyName } };
  },
  'iam:DeleteRolePolicy': async (c, target, params) => {
    const q = p(policy, params);
    await c.iam.send(new DeleteRolePolicyCommand({ RoleName: iamName(target, 'role'), PolicyName: q.policyName }));
    return { before: { policyName: q.policyName } };
  },
  'ec2:DeleteSnapshot': async (c, target, params) => {
    const snapshotId = p(z.object({ snapshotId: z.string().startsWith('snap-').optional() }), params).snapshotId ?? arnResourceId(target, 'snapshot');
    try {
      await c.ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
    } catch (err) {
      // Already deleted (a retried step): the snapshot is gone, which is what was asked.
      if (!isNotFound(err)) throw err;
    }
    return { before: { snapshotId }, after: { deleted: true } };
  },
  'ec2:RestoreSnapshotFromRecycleBin': async (c, target, params) => {
    const snapshotId = p(z.object({ snapshotId: z.string().startsWith('snap-').optional() }), params).snapshotId ?? arnResourceId(target, 'snapshot');
    const res = await c.ec2.send(new RestoreSnapshotFromRecycleBinCommand({ SnapshotId: snapshotId }));
    return { after: { snapshotId, state: res.State } };
  },
  'iam:CreateAccessKey': async (c, target, params) => {
    const userName = p(z.object({ userName: z.string().min(1).optional() }), params).userName ?? iamName(target, 'user');
    const key = (await c.iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey;
    if (!key?.AccessKeyId || !key.SecretAccessKey) throw new Error(`CreateAccessKey returned no key for ${userName}`);
    // The secret is shown once: it goes to Secrets Manager, never into the result (which is audited).
    const secretId = `${ACCESS_KEY_SECRET_PREFIX}${userName}`;
    const value = JSON.stringify({ AccessKeyId: key.AccessKeyId, SecretAccessKey: key.SecretAccessKey, UserName: userName, CreateDate: key.CreateDate?.toISOString() });
    try {
      try {
        await c.secretsmanager.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
      } catch (err) {
        if (!isNotFound(err)) throw err;
        await c.secretsmanager.send(new CreateSecretCommand({ Name: secretId, SecretString: value, Description: `Access key of IAM user ${userName}, rotated by AIOps` }));
      }
    } catch (err) {
      // A key nobody can read is useless and counts against the two-key limit: take it back.
      await c.iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: key.AccessKeyId }));
      throw err;
    }
    return { after: { accessKeyId: key.AccessKeyId, status: key.Status, secretId } };
  },
  'rds:RebootDBInstance': async (c, target, params) => {
    const q = p(z.object({ forceFailover: z.boolean().default(false) }), params);
    const id = parseArn(target).resource.replace(/^db:/, '');
    await c.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: id, ForceFailover: q.forceFailover }));
    return { after: q };
  },
};

type ClientConfig = { region?: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } };
export type AwsCloudOptions = ({ clients: Partial<CloudClients>; clientConfig?: ClientConfig } | { clientConfig: ClientConfig; clients?: never }) & { state?: StateOptions };

const CTORS: { [K in keyof CloudClients]: new (cfg: ClientConfig) => CloudClients[K] } = {
  autoscaling: AutoScalingClient,
  ecs: ECSClient,
  lambda: LambdaClient,
  ec2: EC2Client,
  s3: S3Client,
  dynamodb: DynamoDBClient,
  cloudfront: CloudFrontClient,
  route53: Route53Client,
  sqs: SQSClient,
  sns: SNSClient,
  cloudtrail: CloudTrailClient,
  iam: IAMClient,
  rds: RDSClient,
  tagging: ResourceGroupsTaggingAPIClient,
  secretsmanager: SecretsManagerClient,
  securityhub: SecurityHubClient,
  cloudwatch: CloudWatchClient,
};

/** `AWS::AutoScaling::AutoScalingGroup` style type from an ARN (best effort for inventory). */
export function resourceTypeOf(arn: string): string {
  const { service, resource } = parseArn(arn);
  const kind = resource.split(/[:/]/)[0] ?? '';
  const map: Record<string, string> = { 'autoscaling:autoScalingGroup': 'AWS::AutoScaling::AutoScalingGroup', 'ec2:instance': 'AWS::EC2::Instance', 'ec2:volume': 'AWS::EC2::Volume', 'ec2:snapshot': 'AWS::EC2::Snapshot', 'ec2:security-group': 'AWS::EC2::SecurityGroup', 'ecs:service': 'AWS::ECS::Service', 'lambda:function': 'AWS::Lambda::Function', 'rds:db': 'AWS::RDS::DBInstance', 'dynamodb:table': 'AWS::DynamoDB::Table', 'cloudfront:distribution': 'AWS::CloudFront::Distribution', 'iam:user': 'AWS::IAM::User', 'iam:role': 'AWS::IAM::Role' };
  return map[`${service}:${kind}`] ?? (service === 's3' ? 'AWS::S3::Bucket' : service === 'sqs' ? 'AWS::SQS::Queue' : `AWS::${service}::${kind}`);
}

/** Cloud on AWS SDK v3: tagging API inventory, CloudTrail changes, the ACTION_HANDLERS table for actions. */
export class AwsCloud implements Cloud {
  private readonly clients: Partial<CloudClients>;

  constructor(private readonly options: AwsCloudOptions) {
    this.clients = { ...(options.clients ?? {}) };
  }

  private client<K extends keyof CloudClients>(name: K): CloudClients[K] {
    const existing = this.clients[name];
    if (existing) return existing as CloudClients[K];
    const created = new CTORS[name](this.options.clientConfig ?? {}) as CloudClients[K];
    this.clients[name] = created;
    return created;
  }

  private get all(): CloudClients {
    return new Proxy({} as CloudClients, { get: (_t, key) => this.client(key as keyof CloudClients) });
  }

  /**
   * The tagging API's inventory; with a `type` or `arns` filter each resource also carries its
   * state (one describe call per resource, so unfiltered listings stay one paginated call). Types
   * the tagging API cannot list (snapshots, IAM users) come from their own API.
   */
  async listResources(filter: ResourceFilter = {}): Promise<ResourceRecord[]> {
    const lister = filter.type ? TYPE_LISTERS[filter.type] : undefined;
    if (lister) {
      const listed = await lister(this.all, this.options.state ?? {});
      return listed.filter((r) => (!filter.arns || filter.arns.includes(r.arn)) && Object.entries(filter.tag ?? {}).every(([k, v]) => r.tags[k] === v));
    }
    const tagged = await this.taggedResources(filter);
    if (!filter.type && !filter.arns) return tagged;
    const withState = await Promise.all(tagged.map(async (r) => this.withState(r)));
    return withState.filter((r): r is ResourceRecord => r !== undefined);
  }

  private async withState(r: ResourceRecord): Promise<ResourceRecord | undefined> {
    const found = await readState(this.all, r.type, r.arn, this.options.state ?? {});
    return found ? { ...r, tags: { ...found.tags, ...r.tags }, state: found.state } : undefined;
  }

  private async taggedResources(filter: ResourceFilter): Promise<ResourceRecord[]> {
    const out: ResourceRecord[] = [];
    let token: string | undefined;
    do {
      const res = await this.client('tagging').send(new GetResourcesCommand({ ...(filter.tag ? { TagFilters: Object.entries(filter.tag).map(([Key, v]) => ({ Key, Values: [v] })) } : {}), ...(token ? { PaginationToken: token } : {}) }));
      for (const m of res.ResourceTagMappingList ?? []) {
        if (!m.ResourceARN) continue;
        const rec = this.record(m.ResourceARN, Object.fromEntries((m.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])));
        if (filter.type && rec.type !== filter.type) continue;
        if (filter.arns && !filter.arns.includes(rec.arn)) continue;
        out.push(rec);
      }
      token = res.PaginationToken || undefined;
    } while (token);
    return out;
  }

  /**
   * One resource with its state. Resources the tagging API does not return (untagged, or types it
   * does not cover) are still described when the type has a state reader.
   */
  async describe(arn: string): Promise<ResourceRecord | undefined> {
    const [tagged] = await this.taggedResources({ arns: [arn] });
    const base = tagged ?? this.record(arn, {});
    const found = await readState(this.all, base.type, arn, this.options.state ?? {});
    if (!found) return undefined;
    // Without a reader (empty state) only the tagging API can say the resource exists.
    if (!tagged && Object.keys(found.state).length === 0) return undefined;
    const tags = { ...found.tags, ...base.tags };
    const real = found.arn && found.arn !== arn ? this.record(found.arn, tags) : base;
    return { ...real, tags, name: tags.Name ?? real.name, state: found.state };
  }

  private record(arn: string, tags: Record<string, string>): ResourceRecord {
    const a = parseArn(arn);
    const id = a.resource.split(/[:/]/).pop() ?? a.resource;
    return { arn, type: resourceTypeOf(arn), id, name: tags.Name ?? id, region: a.region, account: a.account, tags, state: {} };
  }

  async execute(action: ActionCall): Promise<ActionResult> {
    const base = { call: action.call, target: action.target };
    if (!isRemediationAction(action.call)) return { ...base, ok: false, error: `unsupported call ${action.call}: not in the remediation action table (fail closed)` };
    try {
      const r = await ACTION_HANDLERS[action.call](this.all, action.target, action.params ?? {});
      return { ...base, ok: true, ...r };
    } catch (err) {
      return { ...base, ok: false, error: `${(err as Error).name}: ${(err as Error).message}` };
    }
  }

  async recentChanges(resourceArn: string, sinceIso: string): Promise<ChangeEvent[]> {
    const out: ChangeEvent[] = [];
    let token: string | undefined;
    do {
      const res = await this.client('cloudtrail').send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: resourceArn }], StartTime: new Date(sinceIso), ...(token ? { NextToken: token } : {}) }));
      for (const e of res.Events ?? []) {
        const detail = e.CloudTrailEvent ? (JSON.parse(e.CloudTrailEvent) as { userIdentity?: { arn?: string }; requestParameters?: Record<string, unknown> }) : {};
        out.push({ time: (e.EventTime ?? new Date(0)).toISOString(), eventName: e.EventName ?? '', eventSource: e.EventSource ?? '', resourceArn, principal: detail.userIdentity?.arn ?? e.Username ?? 'unknown', ...(detail.requestParameters ? { params: detail.requestParameters } : {}) });
      }
      token = res.NextToken;
    } while (token);
    return out.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  }
}
