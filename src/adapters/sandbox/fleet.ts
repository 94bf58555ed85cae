import type { ResourceRecord } from '../../ports/cloud.js';

export const SANDBOX_ACCOUNT = '123456789012';
export const SANDBOX_REGION = 'us-east-1';
const A = SANDBOX_ACCOUNT;
const R = SANDBOX_REGION;

const res = (type: string, arn: string, id: string, name: string, tags: Record<string, string>, state: Record<string, unknown>): ResourceRecord => ({
  arn,
  type,
  id,
  name,
  region: R,
  account: A,
  tags: { environment: 'staging', owner: 'platform-team', ...tags },
  state,
});

const instanceIds = ['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60002', 'i-0a1b2c3d4e5f60003', 'i-0a1b2c3d4e5f60004'];

/**
 * The sandbox's default fleet: one realistic pre-production account (environment `staging`, where
 * runbooks are rehearsed) with real ARN and ID formats. State fields use AWS API names so the same
 * rules and runbooks read the sandbox and a real account alike. It also carries known waste and
 * known violations so cost and compliance have something true to find.
 */
export function defaultFleet(): ResourceRecord[] {
  const web = { service: 'web' };
  const checkout = { service: 'checkout' };
  const orders = { service: 'orders' };
  return [
    res('AWS::AutoScaling::AutoScalingGroup', `arn:aws:autoscaling:${R}:${A}:autoScalingGroup:6d1e4a8c-9f0b-4c3a-a1e2-7b5d9c0f2e11:autoScalingGroupName/web-asg`, 'web-asg', 'web-asg', web, {
      AutoScalingGroupName: 'web-asg',
      DesiredCapacity: 4,
      MinSize: 2,
      MaxSize: 12,
      Instances: instanceIds,
      LaunchTemplate: { LaunchTemplateName: 'web-lt', Version: '7' },
      InstanceType: 'm5.large',
    }),
    ...instanceIds.map((id, i) =>
      res('AWS::EC2::Instance', `arn:aws:ec2:${R}:${A}:instance/${id}`, id, `web-${i + 1}`, { ...web, 'aws:autoscaling:groupName': 'web-asg' }, {
        InstanceId: id,
        InstanceType: 'm5.large',
        State: { Name: 'running' },
        StatusChecks: { InstanceStatus: 'ok', SystemStatus: 'ok' },
        LaunchTime: '2026-10-01T08:00:00.000Z',
        SecurityGroups: ['sg-0web0000000000001'],
        PublicIpAddress: null,
      }),
    ),
    // Known waste: an idle batch box nobody switched off.
    res('AWS::EC2::Instance', `arn:aws:ec2:${R}:${A}:instance/i-0f9e8d7c6b5a40099`, 'i-0f9e8d7c6b5a40099', 'legacy-batch', { service: 'batch', environment: 'dev' }, {
      InstanceId: 'i-0f9e8d7c6b5a40099',
      InstanceType: 'm4.xlarge',
      State: { Name: 'running' },
      StatusChecks: { InstanceStatus: 'ok', SystemStatus: 'ok' },
      LaunchTime: '2025-03-14T10:00:00.000Z',
      SecurityGroups: ['sg-0ssh000000000003'],
    }),
    res('AWS::ElasticLoadBalancingV2::LoadBalancer', `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/app/checkout-alb/50dc6c495c0c9188`, 'app/checkout-alb/50dc6c495c0c9188', 'checkout-alb', checkout, {
      LoadBalancerName: 'checkout-alb',
      Type: 'application',
      Scheme: 'internet-facing',
      Listeners: [{ Protocol: 'HTTPS', Port: 443 }, { Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'redirect' }] }],
      HealthyTargets: 4,
    }),
    res('AWS::ECS::Cluster', `arn:aws:ecs:${R}:${A}:cluster/staging-cluster`, 'staging-cluster', 'staging-cluster', checkout, { ClusterName: 'staging-cluster' }),
    res('AWS::ECS::Service', `arn:aws:ecs:${R}:${A}:service/staging-cluster/checkout`, 'checkout', 'checkout', checkout, {
      ServiceName: 'checkout',
      ClusterArn: `arn:aws:ecs:${R}:${A}:cluster/staging-cluster`,
      DesiredCount: 4,
      RunningCount: 4,
      TaskDefinition: `arn:aws:ecs:${R}:${A}:task-definition/checkout:42`,
      Deployments: [{ Id: 'ecs-svc/9876543210123456789', Status: 'PRIMARY', TaskDefinition: `arn:aws:ecs:${R}:${A}:task-definition/checkout:42` }],
    }),
    res('AWS::Lambda::Function', `arn:aws:lambda:${R}:${A}:function:orders-processor`, 'orders-processor', 'orders-processor', orders, {
      FunctionName: 'orders-processor',
      Runtime: 'nodejs20.x',
      MemorySize: 1024,
      MaxMemoryUsed: 180,
      Timeout: 30,
      Versions: ['1', '2', '3'],
      Aliases: { live: { FunctionVersion: '3', PreviousVersion: '2' } },
      ReservedConcurrentExecutions: 100,
    }),
    // Known waste: far more memory than it ever uses.
    res('AWS::Lambda::Function', `arn:aws:lambda:${R}:${A}:function:thumbnail-generator`, 'thumbnail-generator', 'thumbnail-generator', { service: 'media' }, {
      FunctionName: 'thumbnail-generator',
      Runtime: 'nodejs16.x',
      MemorySize: 3008,
      MaxMemoryUsed: 210,
      Timeout: 60,
      Versions: ['1'],
      Aliases: {},
    }),
    res('AWS::SQS::Queue', `arn:aws:sqs:${R}:${A}:orders-queue`, `https://sqs.${R}.amazonaws.com/${A}/orders-queue`, 'orders-queue', orders, {
      QueueName: 'orders-queue',
      RedrivePolicy: { deadLetterTargetArn: `arn:aws:sqs:${R}:${A}:orders-dlq`, maxReceiveCount: 5 },
      ApproximateNumberOfMessages: 120,
      KmsMasterKeyId: 'alias/aws/sqs',
    }),
    res('AWS::SQS::Queue', `arn:aws:sqs:${R}:${A}:orders-dlq`, `https://sqs.${R}.amazonaws.com/${A}/orders-dlq`, 'orders-dlq', orders, {
      QueueName: 'orders-dlq',
      SourceQueueArn: `arn:aws:sqs:${R}:${A}:orders-queue`,
      ApproximateNumberOfMessages: 0,
    }),
    res('AWS::DynamoDB::Table', `arn:aws:dynamodb:${R}:${A}:table/orders`, 'orders', 'orders', orders, {
      TableName: 'orders',
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 400, WriteCapacityUnits: 200 },
      PointInTimeRecovery: false,
      SSEDescription: { Status: 'ENABLED' },
    }),
    res('AWS::RDS::DBInstance', `arn:aws:rds:${R}:${A}:db:orders-db`, 'orders-db', 'orders-db', orders, {
      DBInstanceIdentifier: 'orders-db',
      DBInstanceClass: 'db.r5.large',
      Engine: 'postgres',
      MultiAZ: true,
      StorageEncrypted: true,
      PubliclyAccessible: false,
      BackupRetentionPeriod: 7,
      AvailabilityZone: 'us-east-1a',
      SecondaryAvailabilityZone: 'us-east-1b',
    }),
    res('AWS::CloudFront::Distribution', `arn:aws:cloudfront::${A}:distribution/E2QWRUHAPOMQZL`, 'E2QWRUHAPOMQZL', 'checkout-cdn', checkout, {
      DomainName: 'd111111abcdef8.cloudfront.net',
      ViewerProtocolPolicy: 'redirect-to-https',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      Origins: ['checkout-alb'],
      Invalidations: [],
    }),
    res('AWS::EC2::Volume', `arn:aws:ec2:${R}:${A}:volume/vol-0123456789abcdef0`, 'vol-0123456789abcdef0', 'web-1-root', web, {
      VolumeId: 'vol-0123456789abcdef0',
      VolumeType: 'gp3',
      Size: 50,
      Encrypted: true,
      Attachments: [{ InstanceId: instanceIds[0], State: 'attached' }],
      UsedPercent: 41,
    }),
    // Known waste: an unattached gp2 volume left behind by a terminated instance.
    res('AWS::EC2::Volume', `arn:aws:ec2:${R}:${A}:volume/vol-0fedcba9876543210`, 'vol-0fedcba9876543210', 'orphaned-data', { service: 'batch' }, {
      VolumeId: 'vol-0fedcba9876543210',
      VolumeType: 'gp2',
      Size: 500,
      Encrypted: false,
      Attachments: [],
    }),
    res('AWS::EC2::Snapshot', `arn:aws:ec2:${R}::snapshot/snap-0a1b2c3d4e5f67890`, 'snap-0a1b2c3d4e5f67890', 'web-1-root-2026-08', { ...web, environment: 'dev' }, {
      SnapshotId: 'snap-0a1b2c3d4e5f67890',
      VolumeId: 'vol-0123456789abcdef0',
      VolumeSize: 50,
      StartTime: '2026-08-01T02:00:00.000Z',
      Encrypted: true,
    }),
    // Known waste: an Elastic IP associated with nothing.
    res('AWS::EC2::EIP', `arn:aws:ec2:${R}:${A}:elastic-ip/eipalloc-0a1b2c3d4e5f60077`, 'eipalloc-0a1b2c3d4e5f60077', 'old-bastion-ip', { service: 'ops' }, {
      AllocationId: 'eipalloc-0a1b2c3d4e5f60077',
      PublicIp: '203.0.113.25',
      AssociationId: null,
    }),
    res('AWS::S3::Bucket', `arn:aws:s3:::matcarv-assets-staging`, 'matcarv-assets-staging', 'matcarv-assets-staging', checkout, {
      BucketName: 'matcarv-assets-staging',
      PublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      ServerSideEncryption: 'aws:kms',
      Versioning: 'Enabled',
      Policy: null,
    }),
    // Known violations: no versioning, no TLS-only policy.
    res('AWS::S3::Bucket', `arn:aws:s3:::matcarv-logs-staging`, 'matcarv-logs-staging', 'matcarv-logs-staging', { service: 'ops' }, {
      BucketName: 'matcarv-logs-staging',
      PublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      ServerSideEncryption: 'AES256',
      Versioning: 'Suspended',
      Policy: null,
    }),
    res('AWS::EC2::SecurityGroup', `arn:aws:ec2:${R}:${A}:security-group/sg-0web0000000000001`, 'sg-0web0000000000001', 'web-sg', web, {
      GroupId: 'sg-0web0000000000001',
      GroupName: 'web-sg',
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [] }],
    }),
    // Known violation: SSH open to the world.
    res('AWS::EC2::SecurityGroup', `arn:aws:ec2:${R}:${A}:security-group/sg-0ssh000000000003`, 'sg-0ssh000000000003', 'legacy-ssh', { service: 'batch' }, {
      GroupId: 'sg-0ssh000000000003',
      GroupName: 'legacy-ssh',
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [] }],
    }),
    res('AWS::IAM::User', `arn:aws:iam::${A}:user/deploy-bot`, 'AIDAEXAMPLEDEPLOYBOT1', 'deploy-bot', { service: 'ci' }, {
      UserName: 'deploy-bot',
      MfaDevices: [],
      PasswordEnabled: false,
      AccessKeys: [{ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Active', CreateDate: '2026-06-01T00:00:00.000Z', LastUsedDate: '2026-11-20T00:00:00.000Z' }],
      AttachedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
    }),
    res('AWS::IAM::User', `arn:aws:iam::${A}:user/alice`, 'AIDAEXAMPLEALICE0001', 'alice', { service: 'platform' }, {
      UserName: 'alice',
      MfaDevices: [{ SerialNumber: `arn:aws:iam::${A}:mfa/alice` }],
      PasswordEnabled: true,
      PasswordLastUsed: '2026-11-22T09:00:00.000Z',
      AccessKeys: [],
      AttachedPolicies: [],
    }),
    res('AWS::CloudTrail::Trail', `arn:aws:cloudtrail:${R}:${A}:trail/org-trail`, 'org-trail', 'org-trail', { service: 'security' }, {
      Name: 'org-trail',
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      IsLogging: true,
      S3BucketName: 'matcarv-logs-staging',
    }),
    res('AWS::Route53::HealthCheck', `arn:aws:route53:::healthcheck/abcdef11-2222-3333-4444-555555fedcba`, 'abcdef11-2222-3333-4444-555555fedcba', 'checkout-primary', checkout, {
      HealthCheckId: 'abcdef11-2222-3333-4444-555555fedcba',
      Status: 'Healthy',
      Primary: 'checkout-alb.us-east-1',
      Secondary: 'checkout-alb.us-west-2',
      ActiveRegion: 'us-east-1',
    }),
    res('AWS::SNS::Topic', `arn:aws:sns:${R}:${A}:order-events`, 'order-events', 'order-events', orders, {
      TopicName: 'order-events',
      Subscriptions: [{ SubscriptionArn: `arn:aws:sns:${R}:${A}:order-events:2b3c4d5e-aaaa-bbbb-cccc-123456789abc`, Protocol: 'https', Endpoint: 'https://partner.example.com/hook', Enabled: true }],
      KmsMasterKeyId: null,
    }),
  ];
}
