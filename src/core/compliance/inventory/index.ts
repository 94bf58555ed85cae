import type { z } from 'zod';
import type { ResourceRecord } from '../../../ports/cloud.js';
import { parseOrThrow } from '../../shared/zod.js';
import { ACCOUNT_TYPE, AccountStateSchema } from './account.js';
import { CLOUDFRONT_DISTRIBUTION_TYPE, CloudFrontDistributionStateSchema } from './cloudFrontDistribution.js';
import { CLOUDTRAIL_TRAIL_TYPE, CloudTrailStateSchema } from './cloudTrail.js';
import { DYNAMODB_TABLE_TYPE, DynamoDbTableStateSchema } from './dynamoDbTable.js';
import { EBS_VOLUME_TYPE, EbsVolumeStateSchema } from './ebsVolume.js';
import { EC2_INSTANCE_TYPE, Ec2InstanceStateSchema } from './ec2Instance.js';
import { ECS_TASK_DEFINITION_TYPE, EcsTaskDefinitionStateSchema } from './ecsTaskDefinition.js';
import { IAM_POLICY_TYPE, IamPolicyStateSchema } from './iamPolicy.js';
import { IAM_USER_TYPE, IamUserStateSchema } from './iamUser.js';
import { KMS_KEY_TYPE, KmsKeyStateSchema } from './kmsKey.js';
import { LAMBDA_FUNCTION_TYPE, LambdaFunctionStateSchema } from './lambdaFunction.js';
import { LOAD_BALANCER_TYPE, LoadBalancerStateSchema } from './loadBalancer.js';
import { NETWORK_ACL_TYPE, NetworkAclStateSchema } from './networkAcl.js';
import { RDS_INSTANCE_TYPE, RdsInstanceStateSchema } from './rdsInstance.js';
import { S3_BUCKET_TYPE, S3BucketStateSchema } from './s3Bucket.js';
import { SECRET_TYPE, SecretStateSchema } from './secret.js';
import { SECURITY_GROUP_TYPE, SecurityGroupStateSchema } from './securityGroup.js';
import { SNS_TOPIC_TYPE, SnsTopicStateSchema } from './snsTopic.js';
import { SQS_QUEUE_TYPE, SqsQueueStateSchema } from './sqsQueue.js';
import { VPC_TYPE, VpcStateSchema } from './vpc.js';

export * from './account.js';
export * from './cloudFrontDistribution.js';
export * from './cloudTrail.js';
export * from './common.js';
export * from './dynamoDbTable.js';
export * from './ebsVolume.js';
export * from './ec2Instance.js';
export * from './ecsTaskDefinition.js';
export * from './iamPolicy.js';
export * from './iamUser.js';
export * from './kmsKey.js';
export * from './lambdaFunction.js';
export * from './loadBalancer.js';
export * from './networkAcl.js';
export * from './rdsInstance.js';
export * from './s3Bucket.js';
export * from './secret.js';
export * from './securityGroup.js';
export * from './snsTopic.js';
export * from './sqsQueue.js';
export * from './vpc.js';

/**
 * Resource type → the schema of `ResourceRecord.state` that compliance checks read. The sandbox and
 * the AWS adapter populate exactly these shapes; docs/compliance.md documents them.
 */
export const INVENTORY_SCHEMAS = {
  [ACCOUNT_TYPE]: AccountStateSchema,
  [S3_BUCKET_TYPE]: S3BucketStateSchema,
  [SECURITY_GROUP_TYPE]: SecurityGroupStateSchema,
  [NETWORK_ACL_TYPE]: NetworkAclStateSchema,
  [EC2_INSTANCE_TYPE]: Ec2InstanceStateSchema,
  [EBS_VOLUME_TYPE]: EbsVolumeStateSchema,
  [VPC_TYPE]: VpcStateSchema,
  [IAM_USER_TYPE]: IamUserStateSchema,
  [IAM_POLICY_TYPE]: IamPolicyStateSchema,
  [CLOUDTRAIL_TRAIL_TYPE]: CloudTrailStateSchema,
  [RDS_INSTANCE_TYPE]: RdsInstanceStateSchema,
  [LAMBDA_FUNCTION_TYPE]: LambdaFunctionStateSchema,
  [KMS_KEY_TYPE]: KmsKeyStateSchema,
  [LOAD_BALANCER_TYPE]: LoadBalancerStateSchema,
  [CLOUDFRONT_DISTRIBUTION_TYPE]: CloudFrontDistributionStateSchema,
  [DYNAMODB_TABLE_TYPE]: DynamoDbTableStateSchema,
  [SQS_QUEUE_TYPE]: SqsQueueStateSchema,
  [SNS_TOPIC_TYPE]: SnsTopicStateSchema,
  [SECRET_TYPE]: SecretStateSchema,
  [ECS_TASK_DEFINITION_TYPE]: EcsTaskDefinitionStateSchema,
} as const;

export type InventoryType = keyof typeof INVENTORY_SCHEMAS;
export type InventoryState<T extends InventoryType> = z.infer<(typeof INVENTORY_SCHEMAS)[T]>;
export const INVENTORY_TYPES = Object.keys(INVENTORY_SCHEMAS) as InventoryType[];

export function isInventoryType(type: string): type is InventoryType {
  return Object.hasOwn(INVENTORY_SCHEMAS, type);
}

/** Parsed states, cached per record object: one scan parses each resource once, however many checks read it. */
const parsed = new WeakMap<ResourceRecord, unknown>();

/**
 * The typed state of a record. Throws a ValidationError naming the field (`state.publicAccessBlock…`)
 * when the adapter delivered a shape the checks cannot trust, so the check fails closed.
 */
export function parseState<T extends InventoryType>(type: T, resource: ResourceRecord): InventoryState<T> {
  const hit = parsed.get(resource);
  if (hit !== undefined) return hit as InventoryState<T>;
  const value = parseOrThrow(INVENTORY_SCHEMAS[type] as unknown as z.ZodType<InventoryState<T>>, resource.state, 'state');
  parsed.set(resource, value);
  return value;
}
