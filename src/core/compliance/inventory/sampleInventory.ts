import type { ResourceRecord } from '../../../ports/cloud.js';
import type { InventoryState, InventoryType } from './index.js';

export interface SampleOptions {
  account?: string;
  region?: string;
  /** "Now" of the fixture: credential dates are set relative to it. */
  now?: string;
  /** Suffix that makes names/ARNs unique when building many resources. */
  suffix?: string;
}

const DAY = 86_400_000;
const DEFAULT_NOW = '2026-11-23T00:00:00.000Z';

const daysBefore = (now: string, days: number): string => new Date(Date.parse(now) - days * DAY).toISOString();

const STRICT_BPA = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

/** A compliant state for every inventory type: tests and benchmarks start here and plant violations. */
function compliantState(type: InventoryType, o: Required<SampleOptions>): { id: string; name: string; arn: string; region: string; state: Record<string, unknown> } {
  const { account, region, now, suffix: s } = o;
  switch (type) {
    case 'AWS::::Account':
      return {
        id: account,
        name: account,
        arn: `arn:aws:iam::${account}:root`,
        region: 'global',
        state: {
          accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
          rootMfaDevice: { serialNumber: `arn:aws:iam::${account}:mfa/root-hardware`, type: 'hardware' },
          rootPasswordLastUsed: daysBefore(now, 200),
          passwordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, MaxPasswordAge: 90 },
          s3PublicAccessBlock: STRICT_BPA,
          regions: {
            [region]: {
              ebsEncryptionByDefault: true,
              guardDutyDetector: { detectorId: `gd${s}`, status: 'ENABLED' },
              configurationRecorder: { name: 'default', recording: true, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true }, lastStatus: 'Success' },
              accessAnalyzer: { name: 'account-analyzer', status: 'ACTIVE' },
            },
          },
        } satisfies InventoryState<'AWS::::Account'>,
      };
    case 'AWS::S3::Bucket':
      return {
        id: `aiops-data${s}`,
        name: `aiops-data${s}`,
        arn: `arn:aws:s3:::aiops-data${s}`,
        region,
        state: {
          publicAccessBlock: STRICT_BPA,
          serverSideEncryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `arn:aws:kms:${region}:${account}:key/data` }, BucketKeyEnabled: true }] },
          versioning: { Status: 'Enabled', MFADelete: 'Enabled' },
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::aiops-data${s}`, `arn:aws:s3:::aiops-data${s}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
          }),
          logging: { TargetBucket: 'aiops-access-logs', TargetPrefix: `aiops-data${s}/` },
        } satisfies InventoryState<'AWS::S3::Bucket'>,
      };
    case 'AWS::EC2::SecurityGroup':
      return {
        id: `sg-0a1b2c${s}`,
        name: `web${s}`,
        arn: `arn:aws:ec2:${region}:${account}:security-group/sg-0a1b2c${s}`,
        region,
        state: {
          groupId: `sg-0a1b2c${s}`,
          groupName: `web${s}`,
          vpcId: 'vpc-0main',
          ipPermissions: [
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }], UserIdGroupPairs: [], PrefixListIds: [] },
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }], Ipv6Ranges: [], UserIdGroupPairs: [], PrefixListIds: [] },
          ],
          ipPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], UserIdGroupPairs: [], PrefixListIds: [] }],
        } satisfies InventoryState<'AWS::EC2::SecurityGroup'>,
      };
    case 'AWS::EC2::NetworkAcl':
      return {
        id: `acl-0main${s}`,
        name: `acl-0main${s}`,
        arn: `arn:aws:ec2:${region}:${account}:network-acl/acl-0main${s}`,
        region,
        state: {
          networkAclId: `acl-0main${s}`,
          vpcId: 'vpc-0main',
          isDefault: false,
          entries: [
            { RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } },
            { RuleNumber: 110, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/8', PortRange: { From: 22, To: 22 } },
            { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
          ],
        } satisfies InventoryState<'AWS::EC2::NetworkAcl'>,
      };
    case 'AWS::EC2::Instance':
      return {
        id: `i-0abc${s}`,
        name: `app${s}`,
        arn: `arn:aws:ec2:${region}:${account}:instance/i-0abc${s}`,
        region,
        state: {
          instanceId: `i-0abc${s}`,
          instanceType: 't3.medium',
          state: { Name: 'running' },
          metadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
          publicIpAddress: null,
          iamInstanceProfile: { Arn: `arn:aws:iam::${account}:instance-profile/app` },
        } satisfies InventoryState<'AWS::EC2::Instance'>,
      };
    case 'AWS::EC2::Volume':
      return {
        id: `vol-0abc${s}`,
        name: `vol-0abc${s}`,
        arn: `arn:aws:ec2:${region}:${account}:volume/vol-0abc${s}`,
        region,
        state: { volumeId: `vol-0abc${s}`, encrypted: true, kmsKeyId: 'alias/aws/ebs', state: 'in-use', attachments: [{ InstanceId: `i-0abc${s}` }] } satisfies InventoryState<'AWS::EC2::Volume'>,
      };
    case 'AWS::EC2::VPC':
      return {
        id: `vpc-0main${s}`,
        name: `main${s}`,
        arn: `arn:aws:ec2:${region}:${account}:vpc/vpc-0main${s}`,
        region,
        state: {
          vpcId: `vpc-0main${s}`,
          isDefault: false,
          cidrBlock: '10.0.0.0/16',
          flowLogs: [{ FlowLogId: `fl-0main${s}`, FlowLogStatus: 'ACTIVE', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' }],
        } satisfies InventoryState<'AWS::EC2::VPC'>,
      };
    case 'AWS::IAM::User':
      return {
        id: `AIDAEXAMPLE${s}`,
        name: `alice${s}`,
        arn: `arn:aws:iam::${account}:user/alice${s}`,
        region: 'global',
        state: {
          userName: `alice${s}`,
          createDate: daysBefore(now, 400),
          passwordEnabled: true,
          passwordLastUsed: daysBefore(now, 2),
          mfaDevices: [{ serialNumber: `arn:aws:iam::${account}:mfa/alice${s}`, enableDate: daysBefore(now, 399) }],
          accessKeys: [{ accessKeyId: `AKIAEXAMPLE${s}`, status: 'Active', createDate: daysBefore(now, 30), lastUsedDate: daysBefore(now, 1) }],
          attachedManagedPolicies: [],
          userPolicyList: [],
          groupList: ['developers'],
        } satisfies InventoryState<'AWS::IAM::User'>,
      };
    case 'AWS::IAM::Policy':
      return {
        id: `ANPAEXAMPLE${s}`,
        name: `app-read${s}`,
        arn: `arn:aws:iam::${account}:policy/app-read${s}`,
        region: 'global',
        state: {
          policyName: `app-read${s}`,
          defaultVersionId: 'v1',
          attachmentCount: 1,
          isAttachable: true,
          policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::aiops-data/*' }] },
        } satisfies InventoryState<'AWS::IAM::Policy'>,
      };
    case 'AWS::CloudTrail::Trail':
      return {
        id: `org-trail${s}`,
        name: `org-trail${s}`,
        arn: `arn:aws:cloudtrail:${region}:${account}:trail/org-trail${s}`,
        region,
        state: {
          name: `org-trail${s}`,
          homeRegion: region,
          isMultiRegionTrail: true,
          includeGlobalServiceEvents: true,
          logFileValidationEnabled: true,
          isLogging: true,
          s3BucketName: 'aiops-cloudtrail',
          kmsKeyId: `arn:aws:kms:${region}:${account}:key/trail`,
          cloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${account}:log-group:cloudtrail:*`,
          eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
        } satisfies InventoryState<'AWS::CloudTrail::Trail'>,
      };
    case 'AWS::RDS::DBInstance':
      return {
        id: `orders-db${s}`,
        name: `orders-db${s}`,
        arn: `arn:aws:rds:${region}:${account}:db:orders-db${s}`,
        region,
        state: {
          dbInstanceIdentifier: `orders-db${s}`,
          engine: 'postgres',
          dbInstanceStatus: 'available',
          storageEncrypted: true,
          publiclyAccessible: false,
          backupRetentionPeriod: 7,
          multiAZ: true,
          autoMinorVersionUpgrade: true,
          deletionProtection: true,
        } satisfies InventoryState<'AWS::RDS::DBInstance'>,
      };
    case 'AWS::Lambda::Function':
      return {
        id: `orders-api${s}`,
        name: `orders-api${s}`,
        arn: `arn:aws:lambda:${region}:${account}:function:orders-api${s}`,
        region,
        state: {
          functionName: `orders-api${s}`,
          packageType: 'Zip',
          runtime: 'nodejs20.x',
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Sid: 'apigw', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: '*', Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:${region}:${account}:abc/*` } } }],
          }),
        } satisfies InventoryState<'AWS::Lambda::Function'>,
      };
    case 'AWS::KMS::Key':
      return {
        id: `key-0abc${s}`,
        name: `key-0abc${s}`,
        arn: `arn:aws:kms:${region}:${account}:key/key-0abc${s}`,
        region,
        state: { keyId: `key-0abc${s}`, keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', keyState: 'Enabled', origin: 'AWS_KMS', keyRotationEnabled: true } satisfies InventoryState<'AWS::KMS::Key'>,
      };
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return {
        id: `web-alb${s}`,
        name: `web-alb${s}`,
        arn: `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/app/web-alb${s}/50dc6c495c0c9188`,
        region,
        state: {
          loadBalancerName: `web-alb${s}`,
          type: 'application',
          scheme: 'internet-facing',
          listeners: [
            { Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS' } }] },
            { Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward' }] },
          ],
        } satisfies InventoryState<'AWS::ElasticLoadBalancingV2::LoadBalancer'>,
      };
    case 'AWS::CloudFront::Distribution':
      return {
        id: `E2EXAMPLE${s}`,
        name: `E2EXAMPLE${s}`,
        arn: `arn:aws:cloudfront::${account}:distribution/E2EXAMPLE${s}`,
        region: 'global',
        state: {
          distributionConfig: {
            Enabled: true,
            DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
            CacheBehaviors: [{ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' }],
            ViewerCertificate: { CloudFrontDefaultCertificate: false, MinimumProtocolVersion: 'TLSv1.2_2021' },
            Origins: [{ Id: 'alb', DomainName: 'web-alb.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSslProtocols: ['TLSv1.2'] } }],
          },
        } satisfies InventoryState<'AWS::CloudFront::Distribution'>,
      };
    case 'AWS::DynamoDB::Table':
      return {
        id: `orders${s}`,
        name: `orders${s}`,
        arn: `arn:aws:dynamodb:${region}:${account}:table/orders${s}`,
        region,
        state: { tableName: `orders${s}`, tableStatus: 'ACTIVE', pointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' }, deletionProtectionEnabled: true } satisfies InventoryState<'AWS::DynamoDB::Table'>,
      };
    case 'AWS::SQS::Queue':
      return {
        id: `orders-queue${s}`,
        name: `orders-queue${s}`,
        arn: `arn:aws:sqs:${region}:${account}:orders-queue${s}`,
        region,
        state: { queueUrl: `https://sqs.${region}.amazonaws.com/${account}/orders-queue${s}`, attributes: { SqsManagedSseEnabled: 'true' } } satisfies InventoryState<'AWS::SQS::Queue'>,
      };
    case 'AWS::SNS::Topic':
      return {
        id: `alerts${s}`,
        name: `alerts${s}`,
        arn: `arn:aws:sns:${region}:${account}:alerts${s}`,
        region,
        state: { attributes: { KmsMasterKeyId: 'alias/aws/sns' } } satisfies InventoryState<'AWS::SNS::Topic'>,
      };
    case 'AWS::SecretsManager::Secret':
      return {
        id: `db-password${s}`,
        name: `db-password${s}`,
        arn: `arn:aws:secretsmanager:${region}:${account}:secret:db-password${s}-AbCdEf`,
        region,
        state: { name: `db-password${s}`, rotationEnabled: true, rotationRules: { AutomaticallyAfterDays: 30 }, lastRotatedDate: daysBefore(now, 10), createdDate: daysBefore(now, 300) } satisfies InventoryState<'AWS::SecretsManager::Secret'>,
      };
    case 'AWS::ECS::TaskDefinition':
      return {
        id: `orders-task${s}:3`,
        name: `orders-task${s}`,
        arn: `arn:aws:ecs:${region}:${account}:task-definition/orders-task${s}:3`,
        region,
        state: {
          family: `orders-task${s}`,
          revision: 3,
          status: 'ACTIVE',
          containerDefinitions: [{ name: 'app', image: `${account}.dkr.ecr.${region}.amazonaws.com/orders:1.4.2`, privileged: false, readonlyRootFilesystem: true, user: '1000', environment: [{ name: 'LOG_LEVEL', value: 'info' }] }],
        } satisfies InventoryState<'AWS::ECS::TaskDefinition'>,
      };
  }
}

const withDefaults = (o: SampleOptions = {}): Required<SampleOptions> => ({ account: o.account ?? '111122223333', region: o.region ?? 'us-east-1', now: o.now ?? DEFAULT_NOW, suffix: o.suffix ?? '' });

/**
 * One compliant resource of `type`, with `patch` merged over its state (top-level keys replaced).
 * @example sampleResource('AWS::S3::Bucket', { publicAccessBlock: null }) // a bucket without block public access
 */
export function sampleResource(type: InventoryType, patch: Record<string, unknown> = {}, options: SampleOptions = {}): ResourceRecord {
  const o = withDefaults(options);
  const base = compliantState(type, o);
  return { arn: base.arn, type, id: base.id, name: base.name, region: base.region, account: o.account, tags: { env: 'prod' }, state: { ...structuredClone(base.state), ...patch } };
}

/** A compliant inventory with one resource of every type the checks read. */
export function sampleInventory(options: SampleOptions = {}): ResourceRecord[] {
  const types = Object.keys(SAMPLE_TYPES) as InventoryType[];
  return types.map((t) => sampleResource(t, {}, options));
}

/** Every inventory type (kept here so the fixture cannot silently miss one; checked by a test). */
export const SAMPLE_TYPES: Record<InventoryType, true> = {
  'AWS::::Account': true,
  'AWS::S3::Bucket': true,
  'AWS::EC2::SecurityGroup': true,
  'AWS::EC2::NetworkAcl': true,
  'AWS::EC2::Instance': true,
  'AWS::EC2::Volume': true,
  'AWS::EC2::VPC': true,
  'AWS::IAM::User': true,
  'AWS::IAM::Policy': true,
  'AWS::CloudTrail::Trail': true,
  'AWS::RDS::DBInstance': true,
  'AWS::Lambda::Function': true,
  'AWS::KMS::Key': true,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': true,
  'AWS::CloudFront::Distribution': true,
  'AWS::DynamoDB::Table': true,
  'AWS::SQS::Queue': true,
  'AWS::SNS::Topic': true,
  'AWS::SecretsManager::Secret': true,
  'AWS::ECS::TaskDefinition': true,
};
