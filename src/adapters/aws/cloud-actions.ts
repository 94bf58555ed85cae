/**
 * The IAM actions the AWS Cloud adapter can execute (`ActionCall.call`), as data with no SDK
 * import: the adapter maps each to an SDK command (`cloud.ts`), and the CDK RemediationStack
 * grants exactly these actions to AIOpsRemediationLambdaRole. A call missing here fails closed.
 */
export const REMEDIATION_ACTIONS = {
  'autoscaling:SetDesiredCapacity': 'Scale an Auto Scaling group out or back in',
  'ecs:UpdateService': 'Force a new deployment or set the desired count of an ECS service',
  'lambda:PutFunctionConcurrency': 'Set reserved concurrency of a function',
  'lambda:UpdateAlias': 'Point an alias at another version (roll back)',
  'ec2:RebootInstances': 'Reboot an instance whose status check failed',
  'ec2:CreateSnapshot': 'Snapshot an EBS volume before a manual resize',
  'ec2:RevokeSecurityGroupIngress': 'Remove an ingress rule (0.0.0.0/0 SSH)',
  'ec2:AuthorizeSecurityGroupIngress': 'Restore an ingress rule (rollback of a revoke)',
  's3:PutBucketPublicAccessBlock': 'Re-enable S3 Block Public Access',
  'dynamodb:UpdateTable': 'Raise provisioned capacity of a throttled table',
  'cloudfront:CreateInvalidation': 'Invalidate a CloudFront distribution cache',
  'route53:ChangeResourceRecordSets': 'Fail a record over to the secondary region',
  'sqs:StartMessageMoveTask': 'Redrive a DLQ to its source queue',
  'sns:SetSubscriptionAttributes': 'Disable (filter out) a failing subscription',
  'cloudtrail:StartLogging': 'Re-enable a stopped trail',
  'iam:UpdateAccessKey': 'Disable or re-enable an access key',
  'iam:PutUserPolicy': 'Attach the quarantine deny policy to a user',
  'iam:DeleteUserPolicy': 'Remove the quarantine deny policy from a user',
  'iam:PutRolePolicy': 'Attach the quarantine deny policy to a role',
  'iam:DeleteRolePolicy': 'Remove the quarantine deny policy from a role',
  'rds:RebootDBInstance': 'Reboot a DB instance (optionally with failover)',
  'ec2:DeleteSnapshot': 'Delete an expired non-prod EBS snapshot (recoverable from the Recycle Bin)',
  'ec2:RestoreSnapshotFromRecycleBin': 'Restore a deleted snapshot (rollback of a deletion)',
  'iam:CreateAccessKey': 'Create the new access key of a non-prod key rotation (secret stored in Secrets Manager)',
} as const;

/**
 * Actions the RemediationStack grants on scoped resources instead of `*` (all in REMEDIATION_ACTIONS):
 * snapshots and users not tagged `environment=prod` — the runbooks using them run outside prod only.
 */
export const NON_PROD_SCOPED_ACTIONS = ['ec2:DeleteSnapshot', 'ec2:RestoreSnapshotFromRecycleBin', 'iam:CreateAccessKey'] as const satisfies readonly (keyof typeof REMEDIATION_ACTIONS)[];

/** Where `iam:CreateAccessKey` stores a new key (`<prefix><user name>`); IAM grants Secrets Manager on this prefix only. */
export const ACCESS_KEY_SECRET_PREFIX = 'aiops/iam-keys/';

export type RemediationAction = keyof typeof REMEDIATION_ACTIONS;

/** Read-only calls used for diagnostics, inventory and validation. */
export const DIAGNOSTIC_ACTIONS = [
  'autoscaling:DescribeAutoScalingGroups',
  'ecs:DescribeServices',
  'ecs:ListServices',
  'ecs:ListClusters',
  'lambda:GetFunctionConcurrency',
  'lambda:GetAlias',
  'lambda:ListFunctions',
  'ec2:DescribeInstances',
  'ec2:DescribeInstanceStatus',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVolumes',
  's3:GetBucketPublicAccessBlock',
  's3:ListAllMyBuckets',
  'dynamodb:DescribeTable',
  'dynamodb:ListTables',
  'sqs:GetQueueAttributes',
  'sqs:ListQueues',
  'sqs:ListMessageMoveTasks',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:DescribeTrails',
  'cloudtrail:LookupEvents',
  'iam:ListAccessKeys',
  'iam:ListUsers',
  'iam:ListUserTags',
  'iam:ListUserPolicies',
  'ec2:DescribeSnapshots',
  'lambda:GetFunctionConfiguration',
  'rds:DescribeDBInstances',
  'route53:GetHealthCheckStatus',
  'cloudwatch:GetMetricData',
  'tag:GetResources',
] as const;

export const isRemediationAction = (call: string): call is RemediationAction => Object.hasOwn(REMEDIATION_ACTIONS, call);
