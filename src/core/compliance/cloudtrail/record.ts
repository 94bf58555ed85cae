import { z } from 'zod';
import type { ChangeEvent } from '../../../ports/cloud.js';

/**
 * One CloudTrail event record (the `Records[]` of a log file, or `detail` of an EventBridge
 * "AWS API Call via CloudTrail" / "AWS Console Sign In via CloudTrail" event).
 */
export const CloudTrailRecordSchema = z.looseObject({
  eventID: z.string().min(1),
  eventTime: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp'),
  eventSource: z.string().min(1),
  eventName: z.string().min(1),
  awsRegion: z.string().min(1),
  sourceIPAddress: z.string().optional(),
  userIdentity: z.looseObject({ type: z.string(), arn: z.string().optional(), accountId: z.string().optional(), principalId: z.string().optional(), userName: z.string().optional() }),
  requestParameters: z.record(z.string(), z.unknown()).nullable().optional(),
  responseElements: z.record(z.string(), z.unknown()).nullable().optional(),
  additionalEventData: z.record(z.string(), z.unknown()).nullable().optional(),
  errorCode: z.string().optional(),
  recipientAccountId: z.string().optional(),
});
export type CloudTrailRecord = z.infer<typeof CloudTrailRecordSchema>;

const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/;

/** The Cloud port's change event as a CloudTrail record (the sandbox reports changes that way). */
export function changeEventToCloudTrail(c: ChangeEvent, id?: string): CloudTrailRecord {
  const m = ARN.exec(c.resourceArn);
  return {
    eventID: id ?? `${c.time}|${c.eventName}|${c.resourceArn}`,
    eventTime: c.time,
    eventSource: c.eventSource,
    eventName: c.eventName,
    awsRegion: m?.[2] || 'us-east-1',
    userIdentity: { type: c.principal.endsWith(':root') ? 'Root' : 'IAMUser', arn: c.principal, ...(m?.[3] ? { accountId: m[3] } : {}) },
    requestParameters: { ...(c.params ?? {}), resourceArn: c.resourceArn },
    ...(m?.[3] ? { recipientAccountId: m[3] } : {}),
  };
}

/** A resource a CloudTrail call touched: an ARN when the event carries one, else type + id/name to look up. */
export interface TouchedResource {
  type: string;
  arn?: string;
  id?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Which inventory resources an API call may have changed, so only those are rescanned. */
export function touchedResources(e: CloudTrailRecord): TouchedResource[] {
  const p = e.requestParameters ?? {};
  const account = e.recipientAccountId ?? e.userIdentity.accountId;
  const out: TouchedResource[] = [];
  const explicit = str(p.resourceArn);
  const add = (type: string, idOrArn: string | undefined) => {
    if (!idOrArn) return;
    out.push(idOrArn.startsWith('arn:') ? { type, arn: idOrArn } : { type, id: idOrArn });
  };
  const accountLevel = () => account && out.push({ type: 'AWS::::Account', arn: `arn:aws:iam::${account}:root` });
  switch (e.eventSource) {
    case 's3.amazonaws.com':
      if (str(p.bucketName)) add('AWS::S3::Bucket', `arn:aws:s3:::${str(p.bucketName)}`);
      else if (/PublicAccessBlock/.test(e.eventName)) accountLevel();
      break;
    case 's3-control.amazonaws.com':
      accountLevel();
      break;
    case 'ec2.amazonaws.com':
      if (/EbsEncryptionByDefault/.test(e.eventName)) accountLevel();
      add('AWS::EC2::SecurityGroup', str(p.groupId));
      add('AWS::EC2::NetworkAcl', str(p.networkAclId));
      add('AWS::EC2::Volume', str(p.volumeId));
      add('AWS::EC2::Instance', str(p.instanceId));
      add('AWS::EC2::VPC', str(p.vpcId));
      for (const id of Array.isArray(p.resourceIds) ? p.resourceIds : []) if (typeof id === 'string' && id.startsWith('vpc-')) add('AWS::EC2::VPC', id);
      break;
    case 'cloudtrail.amazonaws.com':
      add('AWS::CloudTrail::Trail', str(p.name) ?? str(p.trailName));
      break;
    case 'iam.amazonaws.com':
      if (/AccountPasswordPolicy|VirtualMFADevice|AccessKey/.test(e.eventName) && !str(p.userName)) accountLevel();
      add('AWS::IAM::User', str(p.userName));
      add('AWS::IAM::Policy', str(p.policyArn));
      break;
    case 'guardduty.amazonaws.com':
    case 'config.amazonaws.com':
    case 'access-analyzer.amazonaws.com':
      accountLevel();
      break;
    case 'rds.amazonaws.com':
      add('AWS::RDS::DBInstance', str(p.dBInstanceIdentifier));
      break;
    case 'lambda.amazonaws.com':
      add('AWS::Lambda::Function', str(p.functionName));
      break;
    case 'kms.amazonaws.com':
      add('AWS::KMS::Key', str(p.keyId));
      break;
    case 'elasticloadbalancing.amazonaws.com': {
      const lb = str(p.loadBalancerArn) ?? str(p.listenerArn)?.replace(':listener/', ':loadbalancer/').replace(/\/[^/]+$/, '');
      add('AWS::ElasticLoadBalancingV2::LoadBalancer', lb);
      break;
    }
    case 'cloudfront.amazonaws.com':
      add('AWS::CloudFront::Distribution', str(p.id));
      break;
    case 'dynamodb.amazonaws.com':
      add('AWS::DynamoDB::Table', str(p.tableName));
      break;
    case 'sqs.amazonaws.com':
      add('AWS::SQS::Queue', str(p.queueUrl)?.split('/').pop());
      break;
    case 'sns.amazonaws.com':
      add('AWS::SNS::Topic', str(p.topicArn));
      break;
    case 'secretsmanager.amazonaws.com':
      add('AWS::SecretsManager::Secret', str(p.secretId));
      break;
    case 'ecs.amazonaws.com':
      add('AWS::ECS::TaskDefinition', str(p.taskDefinition) ?? str(p.family));
      break;
  }
  if (explicit && !out.some((t) => t.arn === explicit)) out.unshift({ type: '', arn: explicit });
  return out;
}
