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

const HC_PRIMARY = 'abcdef11-2222-3333-4444-555555fedcba';
const HC_SECONDARY = 'abcdef22-3333-4444-5555-666666fedcba';

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
        InstanceStatus: { Status: 'ok' },
        SystemStatus: { Status: 'ok' },
        RootDeviceType: 'ebs',
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
      InstanceStatus: { Status: 'ok' },
      SystemStatus: { Status: 'ok' },
      RootDeviceType: 'ebs',
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
      // The ECS API spells service fields in camelCase (DescribeServices), unlike most AWS APIs.
      serviceName: 'checkout',
      serviceArn: `arn:aws:ecs:${R}:${A}:service/staging-cluster/checkout`,
      clusterArn: `arn:aws:ecs:${R}:${A}:cluster/staging-cluster`,
      status: 'ACTIVE',
      desiredCount: 4,
      runningCount: 4,
      taskDefinition: `arn:aws:ecs:${R}:${A}:task-definition/checkout:42`,
      deployments: [{ id: 'ecs-svc/9876543210123456789', status: 'PRIMARY', taskDefinition: `arn:aws:ecs:${R}:${A}:task-definition/checkout:42` }],
    }),
    res('AWS::Lambda::Function', `arn:aws:lambda:${R}:${A}:function:orders-processor`, 'orders-processor', 'orders-processor', orders, {
      FunctionName: 'orders-processor',
      Runtime: 'nodejs20.x',
      MemorySize: 1024,
      MaxMemoryUsed: 180,
      Timeout: 30,
      State: 'Active',
      Versions: ['1', '2', '3'],
      ReservedConcurrentExecutions: 100,
    }),
    res('AWS::Lambda::Alias', `arn:aws:lambda:${R}:${A}:function:orders-processor:live`, 'orders-processor:live', 'orders-processor:live', orders, {
      FunctionName: 'orders-processor',
      Name: 'live',
      AliasArn: `arn:aws:lambda:${R}:${A}:function:orders-processor:live`,
      FunctionVersion: '3',
      PreviousFunctionVersion: '2',
    }),
    res('AWS::Lambda::EventSourceMapping', `arn:aws:lambda:${R}:${A}:event-source-mapping:4f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a090`, '4f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a090', 'orders-queue-consumer', orders, {
      UUID: '4f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a090',
      EventSourceArn: `arn:aws:sqs:${R}:${A}:orders-queue`,
      FunctionArn: `arn:aws:lambda:${R}:${A}:function:orders-processor`,
      State: 'Enabled',
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 20 },
    }),
    // Known waste: far more memory than it ever uses.
    res('AWS::Lambda::Function', `arn:aws:lambda:${R}:${A}:function:thumbnail-generator`, 'thumbnail-generator', 'thumbnail-generator', { service: 'media' }, {
      FunctionName: 'thumbnail-generator',
      Runtime: 'nodejs16.x',
      MemorySize: 3008,
      MaxMemoryUsed: 210,
      Timeout: 60,
      State: 'Active',
      Versions: ['1'],
    }),
    // The product's own scheduled-task handlers (the scheduled catalogue entries invoke them).
    ...[
      ['aiops-anomaly-detector', 'AIOps-RunAnomalyDetection'],
      ['aiops-securityhub-sync', 'AIOps-SyncSecurityHubFindings'],
      ['aiops-cost-analyzer', 'AIOps-GenerateCostAnomalyReport'],
    ].map(([fn, runbook]) =>
      res('AWS::Lambda::Function', `arn:aws:lambda:${R}:${A}:function:${fn}`, fn!, fn!, { service: fn!.replace(/^aiops-/, ''), 'aiops:runbook': runbook! }, {
        FunctionName: fn,
        Runtime: 'nodejs20.x',
        MemorySize: 512,
        MaxMemoryUsed: 160,
        Timeout: 300,
        State: 'Active',
        Versions: ['1'],
      }),
    ),
    res('AWS::SQS::Queue', `arn:aws:sqs:${R}:${A}:orders-queue`, `https://sqs.${R}.amazonaws.com/${A}/orders-queue`, 'orders-queue', orders, {
      QueueName: 'orders-queue',
      QueueUrl: `https://sqs.${R}.amazonaws.com/${A}/orders-queue`,
      QueueArn: `arn:aws:sqs:${R}:${A}:orders-queue`,
      RedrivePolicy: { deadLetterTargetArn: `arn:aws:sqs:${R}:${A}:orders-dlq`, maxReceiveCount: 5 },
      ApproximateNumberOfMessages: 120,
      KmsMasterKeyId: 'alias/aws/sqs',
    }),
    res('AWS::SQS::Queue', `arn:aws:sqs:${R}:${A}:orders-dlq`, `https://sqs.${R}.amazonaws.com/${A}/orders-dlq`, 'orders-dlq', orders, {
      QueueName: 'orders-dlq',
      QueueUrl: `https://sqs.${R}.amazonaws.com/${A}/orders-dlq`,
      QueueArn: `arn:aws:sqs:${R}:${A}:orders-dlq`,
      SourceQueueArn: `arn:aws:sqs:${R}:${A}:orders-queue`,
      ApproximateNumberOfMessages: 0,
    }),
    res('AWS::DynamoDB::Table', `arn:aws:dynamodb:${R}:${A}:table/orders`, 'orders', 'orders', orders, {
      TableName: 'orders',
      TableStatus: 'ACTIVE',
      BillingModeSummary: { BillingMode: 'PROVISIONED' },
      ProvisionedThroughput: { ReadCapacityUnits: 400, WriteCapacityUnits: 200 },
      PointInTimeRecovery: false,
      SSEDescription: { Status: 'ENABLED' },
    }),
    res('AWS::RDS::DBInstance', `arn:aws:rds:${R}:${A}:db:orders-db`, 'orders-db', 'orders-db', orders, {
      DBInstanceIdentifier: 'orders-db',
      DBInstanceStatus: 'available',
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
      Id: 'E2QWRUHAPOMQZL',
      Status: 'Deployed',
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
      State: 'in-use',
      Encrypted: true,
      Attachments: [{ InstanceId: instanceIds[0], State: 'attached' }],
      UsedPercent: 41,
    }),
    // Known waste: an unattached gp2 volume left behind by a terminated instance.
    res('AWS::EC2::Volume', `arn:aws:ec2:${R}:${A}:volume/vol-0fedcba9876543210`, 'vol-0fedcba9876543210', 'orphaned-data', { service: 'batch' }, {
      VolumeId: 'vol-0fedcba9876543210',
      VolumeType: 'gp2',
      Size: 500,
      State: 'available',
      Encrypted: false,
      Attachments: [],
    }),
    res('AWS::EC2::Snapshot', `arn:aws:ec2:${R}::snapshot/snap-0a1b2c3d4e5f67890`, 'snap-0a1b2c3d4e5f67890', 'web-1-root-2026-08', { ...web, environment: 'dev' }, {
      SnapshotId: 'snap-0a1b2c3d4e5f67890',
      VolumeId: 'vol-0123456789abcdef0',
      VolumeSize: 50,
      StartTime: '2026-08-01T02:00:00.000Z',
      State: 'completed',
      Encrypted: true,
      // A Recycle Bin retention rule covers dev snapshots, so deleting one stays reversible.
      RecycleBinProtected: true,
    }),
    // Known waste: an Elastic IP associated with nothing.
    res('AWS::EC2::EIP', `arn:aws:ec2:${R}:${A}:elastic-ip/eipalloc-0a1b2c3d4e5f60077`, 'eipalloc-0a1b2c3d4e5f60077', 'old-bastion-ip', { service: 'ops' }, {
      AllocationId: 'eipalloc-0a1b2c3d4e5f60077',
      PublicIp: '203.0.113.25',
      AssociationId: null,
    }),
    res('AWS::S3::Bucket', `arn:aws:s3:::matcarv-assets-staging`, 'matcarv-assets-staging', 'matcarv-assets-staging', checkout, {
      Name: 'matcarv-assets-staging',
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      ServerSideEncryption: 'aws:kms',
      Versioning: 'Enabled',
      Policy: null,
    }),
    // Known violations: no versioning, no TLS-only policy.
    res('AWS::S3::Bucket', `arn:aws:s3:::matcarv-logs-staging`, 'matcarv-logs-staging', 'matcarv-logs-staging', { service: 'ops' }, {
      Name: 'matcarv-logs-staging',
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
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
      PolicyNames: [],
      MfaDevices: [],
      PasswordEnabled: false,
      AccessKeys: [{ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Active', CreateDate: '2026-06-01T00:00:00.000Z', LastUsedDate: '2026-11-20T00:00:00.000Z' }],
      AttachedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
    }),
    // Known violation: deploy-bot's key is older than 90 days (IAM lists keys as their own resources).
    res('AWS::IAM::AccessKey', `arn:aws:iam::${A}:user/deploy-bot/accesskey/AKIAIOSFODNN7EXAMPLE`, 'AKIAIOSFODNN7EXAMPLE', 'deploy-bot/AKIAIOSFODNN7EXAMPLE', { service: 'ci' }, {
      UserName: 'deploy-bot',
      AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      Status: 'Active',
      CreateDate: '2026-06-01T00:00:00.000Z',
    }),
    res('AWS::IAM::User', `arn:aws:iam::${A}:user/alice`, 'AIDAEXAMPLEALICE0001', 'alice', { service: 'platform' }, {
      UserName: 'alice',
      PolicyNames: [],
      MfaDevices: [{ SerialNumber: `arn:aws:iam::${A}:mfa/alice` }],
      PasswordEnabled: true,
      PasswordLastUsed: '2026-11-22T09:00:00.000Z',
      AccessKeys: [],
      AttachedPolicies: [],
    }),
    res('AWS::CloudTrail::Trail', `arn:aws:cloudtrail:${R}:${A}:trail/org-trail`, 'org-trail', 'org-trail', { service: 'security' }, {
      Name: 'org-trail',
      TrailARN: `arn:aws:cloudtrail:${R}:${A}:trail/org-trail`,
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      IsLogging: true,
      S3BucketName: 'matcarv-logs-staging',
    }),
    res('AWS::Route53::HealthCheck', `arn:aws:route53:::healthcheck/${HC_PRIMARY}`, HC_PRIMARY, 'checkout-primary', checkout, {
      HealthCheckId: HC_PRIMARY,
      Status: 'Healthy',
      HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'checkout-alb.us-east-1.example.com', ResourcePath: '/health' },
    }),
    res('AWS::Route53::HealthCheck', `arn:aws:route53:::healthcheck/${HC_SECONDARY}`, HC_SECONDARY, 'checkout-secondary', checkout, {
      HealthCheckId: HC_SECONDARY,
      Status: 'Healthy',
      HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: 'checkout-alb.us-west-2.example.com', ResourcePath: '/health' },
    }),
    // Failover record: the primary answers while its health check passes; the secondary region is ready.
    res('AWS::Route53::RecordSet', `arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ/recordset/checkout.example.com./A`, 'checkout.example.com.', 'checkout.example.com.', checkout, {
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'checkout.example.com.',
      Type: 'A',
      TTL: 60,
      ResourceRecords: [{ Value: '192.0.2.10' }],
      SecondaryResourceRecords: [{ Value: '198.51.100.10' }],
      HealthCheckId: HC_PRIMARY,
      SecondaryHealthCheckId: HC_SECONDARY,
    }),
    res('AWS::SNS::Topic', `arn:aws:sns:${R}:${A}:order-events`, 'order-events', 'order-events', orders, {
      TopicName: 'order-events',
      TopicArn: `arn:aws:sns:${R}:${A}:order-events`,
      SubscriptionsConfirmed: 1,
      KmsMasterKeyId: null,
    }),
    res('AWS::SNS::Subscription', `arn:aws:sns:${R}:${A}:order-events:2b3c4d5e-aaaa-bbbb-cccc-123456789abc`, '2b3c4d5e-aaaa-bbbb-cccc-123456789abc', 'order-events-partner-hook', orders, {
      SubscriptionArn: `arn:aws:sns:${R}:${A}:order-events:2b3c4d5e-aaaa-bbbb-cccc-123456789abc`,
      TopicArn: `arn:aws:sns:${R}:${A}:order-events`,
      Protocol: 'https',
      Endpoint: 'https://partner.example.com/hook',
    }),
  ];
}
