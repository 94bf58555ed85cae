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
  'ec2:StopInstances': 'Stop an instance (idle non-prod instance, or before a type change / recovery restart)',
  'ec2:StartInstances': 'Start an instance again (rollback of a stop, end of a type change)',
  'ec2:ModifyInstanceAttribute': 'Change the type of a stopped non-prod instance',
  'ec2:ModifyVolume': 'Change an EBS volume type (gp2 → gp3, or back)',
  'ec2:DeleteVolume': 'Delete an unattached non-prod volume after its final snapshot',
  'ec2:ReleaseAddress': 'Release an unassociated non-prod Elastic IP',
  'lambda:UpdateFunctionConfiguration': 'Set the memory size of a non-prod function',
  'lambda:UpdateEventSourceMapping': 'Set the maximum concurrency of a queue consumer',
  'lambda:InvokeFunction': 'Start a platform task function (scheduled runbooks)',
  'rds:StopDBInstance': 'Stop an idle non-prod DB instance (with a snapshot)',
  'rds:StartDBInstance': 'Start a stopped DB instance again',
  'rds:DescribeDBInstances': 'Read the DB status a failover runbook reports',
  'sqs:CancelMessageMoveTask': 'Cancel a running DLQ redrive (rollback)',
  'securityhub:BatchImportFindings': 'Report what a security runbook found or fixed to Security Hub',
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
  // Reads the catalogue entries declare (RUNBOOK_PERMISSIONS) for eligibility and validation.
  'cloudwatch:DescribeAlarms',
  'cloudfront:GetDistribution',
  'route53:ListResourceRecordSets',
  'route53:GetChange',
  'lambda:GetEventSourceMapping',
  'sns:GetSubscriptionAttributes',
  'iam:ListRolePolicies',
  'rbin:ListRules',
  'ec2:DescribeVolumesModifications',
  'ec2:DescribeAddresses',
  'ec2:DescribeImages',
] as const;

export const isRemediationAction = (call: string): call is RemediationAction => Object.hasOwn(REMEDIATION_ACTIONS, call);

/** One ARN pattern of a scoped grant; `{env}` in the name stands for the platform environment. */
export interface ScopedResource { service: string; resource: string; name: string; sep: '/' | ':' }

/** A remediation-role statement on resource ARNs instead of `*`, optionally only on resources not tagged environment=prod. */
export interface ScopedGrant { sid: string; actions: readonly string[]; resources: readonly ScopedResource[]; notProdTagged: boolean; why: string; conditions?: Record<string, Record<string, string>> }

const arn = (service: string, resource: string, name: string, sep: '/' | ':' = '/'): ScopedResource => ({ service, resource, name, sep });

/**
 * The catalogue's calls granted on resource ARNs (RemediationStack turns each into one statement).
 * `notProdTagged` adds `StringNotEquals aws:ResourceTag/environment = prod`, for the calls that
 * only non-prod runbooks make (EC2, Lambda and RDS evaluate resource tags for these actions).
 * `actions` may hold extra actions the call implies (StopDBInstance with a snapshot needs CreateDBSnapshot).
 */
export const SCOPED_GRANTS: readonly ScopedGrant[] = [
  { sid: 'InstancePower', actions: ['ec2:StopInstances', 'ec2:StartInstances'], resources: [arn('ec2', 'instance', '*')], notProdTagged: false, why: 'the recovery restart (AIOps-RebootEC2Instance) also runs on production instances' },
  { sid: 'NonProdInstanceType', actions: ['ec2:ModifyInstanceAttribute'], resources: [arn('ec2', 'instance', '*')], notProdTagged: true, why: 'type changes are cost right-sizing of non-prod instances only' },
  { sid: 'VolumeType', actions: ['ec2:ModifyVolume'], resources: [arn('ec2', 'volume', '*')], notProdTagged: false, why: 'gp2 → gp3 keeps size and performance and is allowed on production volumes' },
  { sid: 'NonProdVolumeDeletion', actions: ['ec2:DeleteVolume'], resources: [arn('ec2', 'volume', '*')], notProdTagged: true, why: 'unattached volumes are deleted outside prod only' },
  { sid: 'NonProdAddressRelease', actions: ['ec2:ReleaseAddress'], resources: [arn('ec2', 'elastic-ip', '*')], notProdTagged: true, why: 'Elastic IPs are released outside prod only' },
  { sid: 'NonProdLambdaMemory', actions: ['lambda:UpdateFunctionConfiguration'], resources: [arn('lambda', 'function', '*', ':')], notProdTagged: true, why: 'memory right-sizing of non-prod functions only' },
  { sid: 'NonProdDbStopStart', actions: ['rds:StopDBInstance', 'rds:StartDBInstance', 'rds:CreateDBSnapshot'], resources: [arn('rds', 'db', '*', ':'), arn('rds', 'snapshot', 'aiops-stop-*', ':')], notProdTagged: true, why: 'idle non-prod DB instances only; the stop snapshot is named aiops-stop-<db>' },
  { sid: 'DbDescribe', actions: ['rds:DescribeDBInstances'], resources: [arn('rds', 'db', '*', ':')], notProdTagged: false, why: 'failover status read' },
  { sid: 'TableCapacity', actions: ['dynamodb:UpdateTable'], resources: [arn('dynamodb', 'table', '*')], notProdTagged: false, why: 'throttling relief runs on production tables; DynamoDB ABAC is not evaluated for every table action, so no tag condition' },
  { sid: 'QueueConsumers', actions: ['lambda:UpdateEventSourceMapping'], resources: [arn('lambda', 'event-source-mapping', '*', ':')], notProdTagged: false, why: 'consumer concurrency of any queue' },
  { sid: 'RedriveCancel', actions: ['sqs:CancelMessageMoveTask'], resources: [arn('sqs', '*', '', '/')], notProdTagged: false, why: 'SQS resources are queues named by ARN; SQS has no tag conditions on this action' },
  { sid: 'PlatformTasks', actions: ['lambda:InvokeFunction'], resources: [arn('lambda', 'function', '*-{env}', ':')], notProdTagged: false, why: 'scheduled runbooks start the platform\'s own task functions' },
  // Tags given in CreateSnapshot's TagSpecifications need CreateTags, allowed only inside that call.
  { sid: 'SnapshotTagsOnCreate', actions: ['ec2:CreateTags'], resources: [arn('ec2', 'snapshot', '*')], notProdTagged: false, conditions: { StringEquals: { 'ec2:CreateAction': 'CreateSnapshot' } }, why: 'tags of a snapshot being created' },
  // StartMessageMoveTask reads and deletes on the DLQ and sends to the source queue with the caller's permissions.
  { sid: 'RedriveMessages', actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage'], resources: [arn('sqs', '*', '', '/')], notProdTagged: false, why: 'the DLQ redrive moves messages between the account\'s queues' },
  { sid: 'SecurityHubImport', actions: ['securityhub:BatchImportFindings'], resources: [arn('securityhub', 'product', '{account}/default')], notProdTagged: false, why: 'findings go to the account\'s default product only' },
];

/** Calls granted on `*` resources: RemediationActions minus the scoped and non-prod ones. */
export const scopedActions = (): Set<string> => new Set(SCOPED_GRANTS.flatMap((g) => g.actions));
