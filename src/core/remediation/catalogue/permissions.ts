/**
 * Least-privilege IAM actions each runbook needs (AIOpsRemediationLambdaRole / AIOpsSSMAutomationRole
 * policies are built from this; never `*`). The registry test checks that every call an entry's
 * plan, rollback and SSM document makes is declared here, so a new call cannot ship without its
 * permission.
 */
const SSM_RECORDING = ['s3:PutObject', 'cloudwatch:PutMetricData', 'cloudwatch:DescribeAlarms'];

export const RUNBOOK_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  'AIOps-ScaleOutEC2ASG': ['autoscaling:SetDesiredCapacity', 'autoscaling:DescribeAutoScalingGroups', ...SSM_RECORDING],
  'AIOps-RestartECSService': ['ecs:UpdateService', 'ecs:DescribeServices', ...SSM_RECORDING],
  'AIOps-IncreaseLambdaConcurrency': ['lambda:PutFunctionConcurrency', 'lambda:GetFunctionConcurrency'],
  'AIOps-RebootEC2Instance': ['ec2:StopInstances', 'ec2:StartInstances', 'ec2:DescribeInstances', 'ec2:DescribeInstanceStatus', ...SSM_RECORDING],
  'AIOps-BlockS3PublicAccess': ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
  'AIOps-SnapshotEBSVolume': ['ec2:CreateSnapshot', 'ec2:CreateTags', 'ec2:DescribeVolumes'],
  'AIOps-ScaleDynamoDBCapacity': ['dynamodb:UpdateTable', 'dynamodb:DescribeTable'],
  'AIOps-RevokeOpenSSH': ['ec2:RevokeSecurityGroupIngress', 'ec2:DescribeSecurityGroups', 'securityhub:BatchImportFindings'],
  'AIOps-InvalidateCFCache': ['cloudfront:CreateInvalidation', 'cloudfront:GetDistribution', ...SSM_RECORDING],
  'AIOps-FailoverRoute53': ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets', 'route53:GetChange'],
  // StartMessageMoveTask also needs to read/delete on the DLQ and send to the source queue.
  'AIOps-PurgeSQSDLQ': ['sqs:StartMessageMoveTask', 'sqs:CancelMessageMoveTask', 'sqs:ListMessageMoveTasks', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage', ...SSM_RECORDING],
  'AIOps-ScaleQueueConsumer': ['lambda:UpdateEventSourceMapping', 'lambda:GetEventSourceMapping'],
  'AIOps-DisableFailingSNSSubscription': ['sns:SetSubscriptionAttributes', 'sns:GetSubscriptionAttributes'],
  'AIOps-EnableCloudTrail': ['cloudtrail:StartLogging', 'cloudtrail:GetTrailStatus'],
  'AIOps-DisableOldAccessKey': ['iam:UpdateAccessKey', 'iam:ListAccessKeys'],
  'AIOps-CreateConfigFinding': ['securityhub:BatchImportFindings'],
  'AIOps-QuarantineIAMPrincipal': ['iam:PutUserPolicy', 'iam:DeleteUserPolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:ListUserPolicies', 'iam:ListRolePolicies'],
  'AIOps-RotateLambdaAlias': ['lambda:UpdateAlias', 'lambda:GetAlias', ...SSM_RECORDING],
  'AIOps-RDSFailover': ['rds:DescribeDBInstances', 'sns:Publish', ...SSM_RECORDING],
  'AIOps-DeleteExpiredEBSSnapshots': ['ec2:DeleteSnapshot', 'ec2:RestoreSnapshotFromRecycleBin', 'ec2:DescribeSnapshots', 'rbin:ListRules'],
  'AIOps-GenerateCostAnomalyReport': ['lambda:InvokeFunction'],
  'AIOps-RotateNonProdAccessKeys': ['iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:ListAccessKeys'],
  'AIOps-RunAnomalyDetection': ['lambda:InvokeFunction'],
  'AIOps-SyncSecurityHubFindings': ['lambda:InvokeFunction'],
  'AIOps-StopIdleInstance': ['ec2:StopInstances', 'ec2:StartInstances', 'ec2:DescribeInstances'],
  'AIOps-ModifyVolumeToGp3': ['ec2:ModifyVolume', 'ec2:DescribeVolumes', 'ec2:DescribeVolumesModifications'],
  'AIOps-ReleaseElasticIp': ['ec2:ReleaseAddress', 'ec2:DescribeAddresses'],
  'AIOps-DeleteUnattachedVolume': ['ec2:CreateSnapshot', 'ec2:CreateTags', 'ec2:DeleteVolume', 'ec2:DescribeVolumes', 'ec2:DescribeSnapshots'],
  'AIOps-ChangeInstanceType': ['ec2:StopInstances', 'ec2:StartInstances', 'ec2:ModifyInstanceAttribute', 'ec2:DescribeInstances', 'ec2:DescribeInstanceStatus'],
  'AIOps-RightSizeLambdaMemory': ['lambda:UpdateFunctionConfiguration', 'lambda:GetFunctionConfiguration'],
  'AIOps-DeleteOldSnapshot': ['ec2:DeleteSnapshot', 'ec2:DescribeSnapshots', 'ec2:DescribeImages'],
  // StopDBInstance with DBSnapshotIdentifier also needs CreateDBSnapshot.
  'AIOps-StopIdleDbInstance': ['rds:StopDBInstance', 'rds:StartDBInstance', 'rds:CreateDBSnapshot', 'rds:DescribeDBInstances'],
  'AIOps-RightSizeDynamoDbCapacity': ['dynamodb:UpdateTable', 'dynamodb:DescribeTable'],
};
