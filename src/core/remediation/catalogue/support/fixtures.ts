import type { ResourceRecord } from '../../../../ports/cloud.js';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

function res(type: string, arn: string, id: string, state: Record<string, unknown>, tags: Record<string, string> = {}): ResourceRecord {
  return { arn, type, id, name: id, region: REGION, account: ACCOUNT, tags, state };
}

/** The reference time the fixtures' ages are measured against (passed as `diagnostics.now`). */
export const FIXTURE_NOW = '2026-11-22T12:00:00.000Z';

/**
 * One eligible resource per catalogue entry, with the state fields each entry reads (AWS API
 * field names). The sandbox's resources carry the same fields; docs/remediation.md lists them.
 */
export const CATALOGUE_FIXTURES: Record<string, ResourceRecord> = {
  'AIOps-ScaleOutEC2ASG': res('AWS::AutoScaling::AutoScalingGroup', `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:uuid-1:autoScalingGroupName/web-asg`, 'web-asg', {
    AutoScalingGroupName: 'web-asg',
    DesiredCapacity: 4,
    MinSize: 2,
    MaxSize: 10,
  }),
  'AIOps-RestartECSService': res('AWS::ECS::Service', `arn:aws:ecs:${REGION}:${ACCOUNT}:service/prod-cluster/orders`, 'orders', {
    serviceName: 'orders',
    clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/prod-cluster`,
    taskDefinition: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/orders:7`,
    desiredCount: 3,
    runningCount: 0,
    status: 'ACTIVE',
  }),
  'AIOps-IncreaseLambdaConcurrency': res('AWS::Lambda::Function', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:checkout`, 'checkout', {
    FunctionName: 'checkout',
    ReservedConcurrentExecutions: 100,
    State: 'Active',
  }),
  'AIOps-RebootEC2Instance': res('AWS::EC2::Instance', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0abc123`, 'i-0abc123', {
    InstanceId: 'i-0abc123',
    State: { Name: 'running' },
    RootDeviceType: 'ebs',
    InstanceStatus: { Status: 'impaired' },
    SystemStatus: { Status: 'ok' },
  }),
  'AIOps-BlockS3PublicAccess': res('AWS::S3::Bucket', 'arn:aws:s3:::reports-bucket', 'reports-bucket', {
    Name: 'reports-bucket',
    PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false },
  }),
  'AIOps-SnapshotEBSVolume': res('AWS::EC2::Volume', `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-0abc`, 'vol-0abc', { VolumeId: 'vol-0abc', Size: 100, State: 'in-use' }),
  'AIOps-ScaleDynamoDBCapacity': res('AWS::DynamoDB::Table', `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`, 'orders', {
    TableName: 'orders',
    TableStatus: 'ACTIVE',
    BillingModeSummary: { BillingMode: 'PROVISIONED' },
    ProvisionedThroughput: { ReadCapacityUnits: 100, WriteCapacityUnits: 50 },
  }),
  'AIOps-RevokeOpenSSH': res('AWS::EC2::SecurityGroup', `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0abc`, 'sg-0abc', {
    GroupId: 'sg-0abc',
    IpPermissions: [
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/8' }] },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    ],
  }),
  'AIOps-InvalidateCFCache': res('AWS::CloudFront::Distribution', `arn:aws:cloudfront::${ACCOUNT}:distribution/E1ABC`, 'E1ABC', {
    Id: 'E1ABC',
    Status: 'Deployed',
    DomainName: 'd111111abcdef8.cloudfront.net',
    Origins: ['web-alb-123.us-east-1.elb.amazonaws.com'],
  }),
  'AIOps-FailoverRoute53': res('AWS::Route53::RecordSet', `arn:aws:route53:::hostedzone/Z123/recordset/api.example.com./A`, 'api.example.com.', {
    HostedZoneId: 'Z123',
    Name: 'api.example.com.',
    Type: 'A',
    TTL: 60,
    ResourceRecords: [{ Value: '192.0.2.10' }],
    SecondaryResourceRecords: [{ Value: '198.51.100.10' }],
    HealthCheckId: 'hc-primary',
    SecondaryHealthCheckId: 'hc-secondary',
  }),
  'AIOps-PurgeSQSDLQ': res('AWS::SQS::Queue', `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq`, 'orders-dlq', {
    QueueName: 'orders-dlq',
    QueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/orders-dlq`,
    QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq`,
    SourceQueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`,
    ApproximateNumberOfMessages: 250,
  }),
  'AIOps-ScaleQueueConsumer': res('AWS::Lambda::EventSourceMapping', `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:esm-1`, 'esm-1', {
    UUID: 'esm-1',
    EventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`,
    FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-consumer`,
    State: 'Enabled',
    ScalingConfig: { MaximumConcurrency: 20 },
  }),
  'AIOps-DisableFailingSNSSubscription': res('AWS::SNS::Subscription', `arn:aws:sns:${REGION}:${ACCOUNT}:alerts:sub-1`, 'sub-1', {
    SubscriptionArn: `arn:aws:sns:${REGION}:${ACCOUNT}:alerts:sub-1`,
    TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`,
    Protocol: 'https',
    Endpoint: 'https://hooks.example.com/broken',
  }),
  'AIOps-EnableCloudTrail': res('AWS::CloudTrail::Trail', `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`, 'org-trail', {
    Name: 'org-trail',
    TrailARN: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail`,
    IsLogging: false,
  }),
  'AIOps-DisableOldAccessKey': res('AWS::IAM::AccessKey', `arn:aws:iam::${ACCOUNT}:user/ci-bot/accesskey/AKIAOLD`, 'AKIAOLD', {
    UserName: 'ci-bot',
    AccessKeyId: 'AKIAOLD',
    Status: 'Active',
    CreateDate: '2026-08-20T00:00:00.000Z',
  }),
  'AIOps-CreateConfigFinding': res('AWS::EC2::Volume', `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-unencrypted`, 'vol-unencrypted', { VolumeId: 'vol-unencrypted', Encrypted: false }),
  'AIOps-QuarantineIAMPrincipal': res('AWS::IAM::User', `arn:aws:iam::${ACCOUNT}:user/compromised`, 'compromised', { UserName: 'compromised', PolicyNames: [] }),
  'AIOps-RotateLambdaAlias': res('AWS::Lambda::Alias', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:checkout:live`, 'checkout:live', {
    FunctionName: 'checkout',
    Name: 'live',
    FunctionVersion: '8',
    PreviousFunctionVersion: '7',
  }),
  'AIOps-RDSFailover': res('AWS::RDS::DBInstance', `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`, 'orders-db', {
    DBInstanceIdentifier: 'orders-db',
    DBInstanceStatus: 'available',
    MultiAZ: true,
    AvailabilityZone: 'us-east-1b',
    SecondaryAvailabilityZone: 'us-east-1a',
  }),
  'AIOps-DeleteExpiredEBSSnapshots': res('AWS::EC2::Snapshot', `arn:aws:ec2:${REGION}:${ACCOUNT}:snapshot/snap-old`, 'snap-old', {
    SnapshotId: 'snap-old',
    VolumeId: 'vol-0abc',
    State: 'completed',
    StartTime: '2026-09-01T02:00:00.000Z',
    RecycleBinProtected: true,
  }),
  'AIOps-GenerateCostAnomalyReport': res('AWS::Lambda::Function', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:cost-analyzer-dev`, 'cost-analyzer-dev', { FunctionName: 'cost-analyzer-dev', State: 'Active' }),
  'AIOps-RotateNonProdAccessKeys': res('AWS::IAM::User', `arn:aws:iam::${ACCOUNT}:user/dev-deployer`, 'dev-deployer', {
    UserName: 'dev-deployer',
    AccessKeys: [{ AccessKeyId: 'AKIADEV1', Status: 'Active', CreateDate: '2026-11-01T00:00:00.000Z' }],
  }),
  'AIOps-RunAnomalyDetection': res('AWS::Lambda::Function', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:anomaly-detector-dev`, 'anomaly-detector-dev', { FunctionName: 'anomaly-detector-dev', State: 'Active' }),
  'AIOps-SyncSecurityHubFindings': res('AWS::Lambda::Function', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:securityhub-sync-dev`, 'securityhub-sync-dev', {
    FunctionName: 'securityhub-sync-dev',
    State: 'Active',
  }),
  'AIOps-StopIdleInstance': res('AWS::EC2::Instance', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0idle0001`, 'i-0idle0001', {
    InstanceId: 'i-0idle0001',
    InstanceType: 'm5.large',
    State: { Name: 'running' },
    RootDeviceType: 'ebs',
  }),
  'AIOps-ModifyVolumeToGp3': res('AWS::EC2::Volume', `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-0gp2`, 'vol-0gp2', { VolumeId: 'vol-0gp2', VolumeType: 'gp2', Size: 500, State: 'available' }),
  'AIOps-ReleaseElasticIp': res('AWS::EC2::EIP', `arn:aws:ec2:${REGION}:${ACCOUNT}:elastic-ip/eipalloc-0idle`, 'eipalloc-0idle', { AllocationId: 'eipalloc-0idle', PublicIp: '198.51.100.7', AssociationId: null }),
  'AIOps-DeleteUnattachedVolume': res('AWS::EC2::Volume', `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-0orphan`, 'vol-0orphan', { VolumeId: 'vol-0orphan', VolumeType: 'gp2', Size: 500, State: 'available', Attachments: [] }),
  'AIOps-ChangeInstanceType': res('AWS::EC2::Instance', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0oldgen0001`, 'i-0oldgen0001', {
    InstanceId: 'i-0oldgen0001',
    InstanceType: 'm4.xlarge',
    State: { Name: 'running' },
    RootDeviceType: 'ebs',
  }),
  'AIOps-RightSizeLambdaMemory': res('AWS::Lambda::Function', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:thumbnails`, 'thumbnails', { FunctionName: 'thumbnails', MemorySize: 3008, MaxMemoryUsed: 210, State: 'Active' }),
  'AIOps-DeleteOldSnapshot': res('AWS::EC2::Snapshot', `arn:aws:ec2:${REGION}::snapshot/snap-0old`, 'snap-0old', { SnapshotId: 'snap-0old', VolumeSize: 50, StartTime: '2026-08-01T02:00:00.000Z', State: 'completed' }),
  'AIOps-StopIdleDbInstance': res('AWS::RDS::DBInstance', `arn:aws:rds:${REGION}:${ACCOUNT}:db:reports-db`, 'reports-db', {
    DBInstanceIdentifier: 'reports-db',
    DBInstanceClass: 'db.m5.large',
    DBInstanceStatus: 'available',
    Engine: 'postgres',
    MultiAZ: false,
  }),
  'AIOps-RightSizeDynamoDbCapacity': res('AWS::DynamoDB::Table', `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/sessions`, 'sessions', {
    TableName: 'sessions',
    TableStatus: 'ACTIVE',
    BillingModeSummary: { BillingMode: 'PROVISIONED' },
    ProvisionedThroughput: { ReadCapacityUnits: 400, WriteCapacityUnits: 200, NumberOfDecreasesToday: 0 },
    PeakConsumedCapacity: { ReadCapacityUnits: 56, WriteCapacityUnits: 12 },
  }),
};
