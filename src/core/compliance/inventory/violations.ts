import type { InventoryType } from './index.js';

const world = (IpProtocol: string, FromPort?: number, ToPort?: number) => ({
  IpProtocol,
  ...(FromPort === undefined ? {} : { FromPort, ToPort }),
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  Ipv6Ranges: [],
});

/** A planted violation: the state patch and exactly the checks it must make fail. */
export interface Violation {
  name: string;
  patch: Record<string, unknown>;
  expect: string[];
}

/**
 * Known violations per resource type: a state patch and exactly the checks it makes fail. The
 * benchmark plants them in its generated fleet; the sandbox can plant them in its default fleet.
 * Credential dates are relative to `now` (epoch ms).
 */
export function violationCatalogue(now: number): Partial<Record<InventoryType, Violation[]>> {
  const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
  const key = (id: string, created: number, used: number | null) => ({ accessKeyId: id, status: 'Active', createDate: ago(created), lastUsedDate: used === null ? null : ago(used) });
  return {
    'AWS::::Account': [
      {
        name: 'root keys',
        patch: { accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 1 } },
        expect: ['iam-root-access-keys'],
      },
      {
        name: 'GuardDuty off',
        patch: {
          regions: {
            'us-east-1': {
              ebsEncryptionByDefault: true,
              guardDutyDetector: null,
              configurationRecorder: {
                name: 'default',
                recording: true,
                recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
              },
              accessAnalyzer: { name: 'a', status: 'ACTIVE' },
            },
          },
        },
        expect: ['guardduty-enabled'],
      },
    ],
    'AWS::S3::Bucket': [
      { name: 'no block public access', patch: { publicAccessBlock: null }, expect: ['s3-bucket-public-access-block'] },
      { name: 'no encryption', patch: { serverSideEncryption: null }, expect: ['s3-bucket-encryption'] },
      { name: 'versioning suspended', patch: { versioning: { Status: 'Suspended' } }, expect: ['s3-bucket-versioning'] },
      { name: 'no policy', patch: { policy: null }, expect: ['s3-bucket-ssl-requests-only'] },
      { name: 'no access logs', patch: { logging: null }, expect: ['s3-bucket-access-logging'] },
    ],
    'AWS::EC2::SecurityGroup': [
      { name: 'SSH world', patch: { ipPermissions: [world('tcp', 22, 22)] }, expect: ['ec2-sg-open-ssh'] },
      { name: 'RDP world', patch: { ipPermissions: [world('tcp', 3389, 3389)] }, expect: ['ec2-sg-open-rdp'] },
      { name: 'MySQL world', patch: { ipPermissions: [world('tcp', 3306, 3306)] }, expect: ['ec2-sg-open-high-risk-ports'] },
      {
        name: 'all traffic world',
        patch: { ipPermissions: [world('-1')] },
        expect: ['ec2-sg-open-ssh', 'ec2-sg-open-rdp', 'ec2-sg-open-all-ports', 'ec2-sg-open-high-risk-ports'],
      },
    ],
    'AWS::EC2::Instance': [
      { name: 'IMDSv1', patch: { metadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } }, expect: ['ec2-instance-imdsv2'] },
      { name: 'public IP', patch: { publicIpAddress: '203.0.113.9' }, expect: ['ec2-instance-no-public-ip'] },
    ],
    'AWS::EC2::Volume': [{ name: 'unencrypted', patch: { encrypted: false }, expect: ['ec2-ebs-volume-encrypted'] }],
    'AWS::EC2::VPC': [{ name: 'no flow logs', patch: { flowLogs: [] }, expect: ['vpc-flow-logs-enabled'] }],
    'AWS::EC2::NetworkAcl': [
      {
        name: 'allow all from world',
        patch: { entries: [{ RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' }] },
        expect: ['ec2-nacl-open-admin-ports'],
      },
    ],
    'AWS::IAM::User': [
      { name: 'console without MFA', patch: { mfaDevices: [] }, expect: ['iam-user-mfa-console'] },
      { name: '200-day key', patch: { accessKeys: [key('AKIAOLD', 200, 1)] }, expect: ['iam-user-access-key-rotated'] },
      { name: 'idle key', patch: { accessKeys: [key('AKIAIDLE', 80, 60)] }, expect: ['iam-user-unused-credentials'] },
      {
        name: 'two active keys',
        patch: { accessKeys: [key('AKIA1', 10, 1), key('AKIA2', 20, 1)] },
        expect: ['iam-user-single-active-key'],
      },
    ],
    'AWS::IAM::Policy': [
      {
        name: 'admin',
        patch: { policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
        expect: ['iam-policy-no-admin-wildcard'],
      },
    ],
    'AWS::CloudTrail::Trail': [
      { name: 'no validation', patch: { logFileValidationEnabled: false }, expect: ['cloudtrail-log-file-validation'] },
      { name: 'no KMS', patch: { kmsKeyId: null }, expect: ['cloudtrail-kms-encryption'] },
    ],
    'AWS::RDS::DBInstance': [
      { name: 'public', patch: { publiclyAccessible: true }, expect: ['rds-not-public'] },
      { name: 'unencrypted', patch: { storageEncrypted: false }, expect: ['rds-storage-encrypted'] },
      { name: 'single AZ', patch: { multiAZ: false }, expect: ['rds-multi-az'] },
    ],
    'AWS::Lambda::Function': [
      { name: 'python3.8', patch: { runtime: 'python3.8' }, expect: ['lambda-runtime-supported'] },
      {
        name: 'public',
        patch: {
          policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: '*' }] }),
        },
        expect: ['lambda-not-public'],
      },
    ],
    'AWS::KMS::Key': [{ name: 'no rotation', patch: { keyRotationEnabled: false }, expect: ['kms-key-rotation'] }],
    'AWS::ElasticLoadBalancingV2::LoadBalancer': [
      {
        name: 'HTTP forward',
        patch: {
          listeners: [
            { Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward' }] },
            { Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward' }] },
          ],
        },
        expect: ['elb-alb-https-only'],
      },
    ],
    'AWS::CloudFront::Distribution': [
      {
        name: 'allow-all',
        patch: {
          distributionConfig: {
            DefaultCacheBehavior: { ViewerProtocolPolicy: 'allow-all' },
            ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021' },
          },
        },
        expect: ['cloudfront-viewer-https'],
      },
    ],
    'AWS::DynamoDB::Table': [
      {
        name: 'no PITR',
        patch: { pointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' } },
        expect: ['dynamodb-pitr-enabled'],
      },
    ],
    'AWS::SQS::Queue': [{ name: 'unencrypted', patch: { attributes: { SqsManagedSseEnabled: 'false' } }, expect: ['sqs-queue-encrypted'] }],
    'AWS::SNS::Topic': [{ name: 'unencrypted', patch: { attributes: {} }, expect: ['sns-topic-encrypted'] }],
    'AWS::SecretsManager::Secret': [
      { name: 'no rotation', patch: { rotationEnabled: false }, expect: ['secretsmanager-rotation-enabled'] },
    ],
    'AWS::ECS::TaskDefinition': [
      {
        name: 'privileged',
        patch: { containerDefinitions: [{ name: 'app', image: 'app:1', privileged: true, environment: [] }] },
        expect: ['ecs-task-no-privileged'],
      },
    ],
  };
}
