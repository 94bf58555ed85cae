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
} as const;

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
  'rds:DescribeDBInstances',
  'route53:GetHealthCheckStatus',
  'cloudwatch:GetMetricData',
  'tag:GetResources',
] as const;

export const isRemediationAction = (call: string): call is RemediationAction => Object.hasOwn(REMEDIATION_ACTIONS, call);
