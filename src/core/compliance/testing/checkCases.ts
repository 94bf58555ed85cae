import type { ResourceRecord } from '../../../ports/cloud.js';
import type { ComplianceConfig } from '../check.js';
import { sampleResource } from '../inventory/sampleInventory.js';

/**
 * Table of pass / fail / not-applicable cases per check. Each case patches the top-level state
 * keys of the compliant sample resource of the check's type. The sample itself is always a pass case.
 */
export interface CheckCase {
  name: string;
  patch?: Record<string, unknown>;
  /** Replaces the sample inventory given to cross-resource checks. */
  inventory?: ResourceRecord[];
  config?: Partial<ComplianceConfig>;
}

export interface CheckCases {
  /** What the compliant sample yields, when not PASS (e.g. only default security groups are in scope). */
  baseline?: 'NOT_APPLICABLE';
  pass?: CheckCase[];
  fail: CheckCase[];
  notApplicable?: CheckCase[];
}

export const FIXTURE_NOW = Date.parse('2026-11-23T00:00:00.000Z');
const ago = (days: number): string => new Date(FIXTURE_NOW - days * 86_400_000).toISOString();

const BPA = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const perm = (IpProtocol: string, FromPort: number | undefined, ToPort: number | undefined, v4: string[] = [], v6: string[] = []) => ({
  IpProtocol,
  ...(FromPort === undefined ? {} : { FromPort, ToPort }),
  IpRanges: v4.map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: v6.map((CidrIpv6) => ({ CidrIpv6 })),
});
const policy = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const publicRead = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::aiops-data/*' };
const region = (patch: Record<string, unknown>) => ({
  'us-east-1': {
    ebsEncryptionByDefault: true,
    guardDutyDetector: { detectorId: 'gd', status: 'ENABLED' },
    configurationRecorder: { name: 'default', recording: true, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } },
    accessAnalyzer: { name: 'a', status: 'ACTIVE' },
    ...patch,
  },
});
const key = (id: string, status: 'Active' | 'Inactive', createdDaysAgo: number, usedDaysAgo: number | null) => ({ accessKeyId: id, status, createDate: ago(createdDaysAgo), lastUsedDate: usedDaysAgo === null ? null : ago(usedDaysAgo) });
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const container = (patch: Record<string, unknown>) => [{ name: 'app', image: 'app:1', environment: [], ...patch }];
const trail = (patch: Record<string, unknown>) => sampleResource('AWS::CloudTrail::Trail', patch);

export const CHECK_CASES: Record<string, CheckCases> = {
  's3-bucket-public-access-block': { fail: [{ name: 'no configuration', patch: { publicAccessBlock: null } }, { name: 'one flag off', patch: { publicAccessBlock: { ...BPA, BlockPublicPolicy: false } } }] },
  's3-bucket-encryption': { fail: [{ name: 'no default encryption', patch: { serverSideEncryption: null } }], pass: [{ name: 'SSE-S3', patch: { serverSideEncryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } } }] },
  's3-bucket-versioning': { fail: [{ name: 'suspended', patch: { versioning: { Status: 'Suspended' } } }, { name: 'never enabled', patch: { versioning: {} } }] },
  's3-bucket-ssl-requests-only': {
    fail: [{ name: 'no policy', patch: { policy: null } }, { name: 'policy without TLS deny', patch: { policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' }) } }],
    pass: [{ name: 'AWS principal *', patch: { policy: policy({ Effect: 'Deny', Principal: { AWS: '*' }, Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } }) } }],
  },
  's3-bucket-policy-not-public': {
    fail: [{ name: 'public read, RestrictPublicBuckets off', patch: { policy: policy(publicRead), publicAccessBlock: { ...BPA, RestrictPublicBuckets: false } } }, { name: 'no BPA', patch: { policy: policy(publicRead), publicAccessBlock: null } }],
    pass: [
      { name: 'public statement neutralised by RestrictPublicBuckets', patch: { policy: policy(publicRead) } },
      { name: 'org-restricted', patch: { publicAccessBlock: null, policy: policy({ ...publicRead, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } } }) } },
      { name: 'no policy', patch: { policy: null, publicAccessBlock: null } },
    ],
  },
  's3-bucket-mfa-delete': { fail: [{ name: 'versioned without MFA delete', patch: { versioning: { Status: 'Enabled', MFADelete: 'Disabled' } } }], notApplicable: [{ name: 'unversioned', patch: { versioning: {} } }] },
  's3-bucket-access-logging': { fail: [{ name: 'logging off', patch: { logging: null } }] },
  's3-account-public-access-block': { fail: [{ name: 'never configured', patch: { s3PublicAccessBlock: null } }, { name: 'ACLs allowed', patch: { s3PublicAccessBlock: { ...BPA, BlockPublicAcls: false } } }] },
  'ec2-sg-open-ssh': {
    fail: [{ name: 'IPv4 world', patch: { ipPermissions: [perm('tcp', 22, 22, ['0.0.0.0/0'])] } }, { name: 'IPv6 world', patch: { ipPermissions: [perm('tcp', 0, 1024, [], ['::/0'])] } }, { name: 'all traffic', patch: { ipPermissions: [perm('-1', undefined, undefined, ['0.0.0.0/0'])] } }],
    pass: [{ name: 'private CIDR', patch: { ipPermissions: [perm('tcp', 22, 22, ['10.0.0.0/8'])] } }, { name: 'UDP 22', patch: { ipPermissions: [perm('udp', 22, 22, ['0.0.0.0/0'])] } }],
  },
  'ec2-sg-open-rdp': { fail: [{ name: 'RDP world', patch: { ipPermissions: [perm('tcp', 3389, 3389, ['0.0.0.0/0'])] } }, { name: 'RDP UDP ::/0', patch: { ipPermissions: [perm('udp', 3389, 3389, [], ['::/0'])] } }] },
  'ec2-sg-open-all-ports': { fail: [{ name: 'protocol -1', patch: { ipPermissions: [perm('-1', undefined, undefined, ['0.0.0.0/0'])] } }, { name: 'tcp 0-65535', patch: { ipPermissions: [perm('tcp', 0, 65535, [], ['::/0'])] } }], pass: [{ name: 'all ports from VPC', patch: { ipPermissions: [perm('-1', undefined, undefined, ['10.0.0.0/16'])] } }] },
  'ec2-sg-open-high-risk-ports': { fail: [{ name: 'MySQL world', patch: { ipPermissions: [perm('tcp', 3306, 3306, ['0.0.0.0/0'])] } }], pass: [{ name: 'SSH only (own check)', patch: { ipPermissions: [perm('tcp', 22, 22, ['0.0.0.0/0'])] } }] },
  'ec2-default-sg-restricts-all': {
    baseline: 'NOT_APPLICABLE',
    fail: [{ name: 'default with rules', patch: { groupName: 'default' } }],
    pass: [{ name: 'default without rules', patch: { groupName: 'default', ipPermissions: [], ipPermissionsEgress: [] } }],
    notApplicable: [{ name: 'non-default group', patch: {} }],
  },
  'ec2-nacl-open-admin-ports': {
    fail: [{ name: 'allow all from world', patch: { entries: [{ RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' }] } }, { name: 'RDP from ::/0', patch: { entries: [{ RuleNumber: 90, Protocol: '6', RuleAction: 'allow', Egress: false, Ipv6CidrBlock: '::/0', PortRange: { From: 3389, To: 3389 } }] } }],
    pass: [{ name: 'deny before allow', patch: { entries: [{ RuleNumber: 50, Protocol: '6', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } }, { RuleNumber: 60, Protocol: '6', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 3389, To: 3389 } }, { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' }] } }],
  },
  'ec2-instance-imdsv2': { fail: [{ name: 'HttpTokens optional', patch: { metadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } } }], pass: [{ name: 'IMDS disabled', patch: { metadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' } } }], notApplicable: [{ name: 'terminated', patch: { state: { Name: 'terminated' } } }] },
  'ec2-instance-no-public-ip': { fail: [{ name: 'public IP', patch: { publicIpAddress: '203.0.113.10' } }], notApplicable: [{ name: 'terminated', patch: { state: { Name: 'terminated' }, publicIpAddress: '203.0.113.10' } }] },
  'ec2-ebs-volume-encrypted': { fail: [{ name: 'unencrypted', patch: { encrypted: false } }], notApplicable: [{ name: 'deleting', patch: { encrypted: false, state: 'deleting' } }] },
  'ec2-ebs-default-encryption': { fail: [{ name: 'off', patch: { regions: region({ ebsEncryptionByDefault: false }) } }, { name: 'required region missing', config: { requiredRegions: ['us-east-1', 'eu-west-1'] } }] },
  'vpc-flow-logs-enabled': { fail: [{ name: 'no flow log', patch: { flowLogs: [] } }, { name: 'accept-only', patch: { flowLogs: [{ FlowLogId: 'fl', FlowLogStatus: 'ACTIVE', TrafficType: 'ACCEPT' }] } }] },
  'iam-root-access-keys': { fail: [{ name: 'keys present', patch: { accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 1 } } }] },
  'iam-root-mfa': { fail: [{ name: 'no MFA', patch: { accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 } } }] },
  'iam-root-hardware-mfa': { fail: [{ name: 'virtual MFA', patch: { rootMfaDevice: { serialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device', type: 'virtual' } } }, { name: 'no MFA', patch: { accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 }, rootMfaDevice: null } }] },
  'iam-password-policy-length': { fail: [{ name: 'no policy', patch: { passwordPolicy: null } }, { name: '8 chars', patch: { passwordPolicy: { MinimumPasswordLength: 8 } } }] },
  'iam-password-policy-reuse': { fail: [{ name: 'reuse unset', patch: { passwordPolicy: { MinimumPasswordLength: 14 } } }, { name: 'no policy', patch: { passwordPolicy: null } }] },
  'iam-user-mfa-console': { fail: [{ name: 'console user without MFA', patch: { mfaDevices: [] } }], notApplicable: [{ name: 'programmatic only', patch: { passwordEnabled: false, mfaDevices: [] } }] },
  'iam-user-access-key-rotated': {
    fail: [{ name: '120-day-old key', patch: { accessKeys: [key('AKIAOLD', 'Active', 120, 1)] } }],
    pass: [{ name: 'old key inactive, new key fresh', patch: { accessKeys: [key('AKIAOLD', 'Inactive', 300, 200), key('AKIANEW', 'Active', 10, 1)] } }, { name: '60-day key with 60-day limit', patch: { accessKeys: [key('AKIA60', 'Active', 60, 1)] }, config: { accessKeyMaxAgeDays: 60 } }],
    notApplicable: [{ name: 'no active keys', patch: { accessKeys: [key('AKIAOLD', 'Inactive', 300, 200)] } }],
  },
  'iam-user-unused-credentials': {
    fail: [{ name: 'key idle 60 days', patch: { accessKeys: [key('AKIAIDLE', 'Active', 80, 60)] } }, { name: 'password never used, user 400 days old', patch: { passwordLastUsed: null } }, { name: 'key never used', patch: { accessKeys: [key('AKIANEVER', 'Active', 50, null)] } }],
    pass: [{ name: 'new key never used yet', patch: { accessKeys: [key('AKIANEW', 'Active', 3, null)] } }],
    notApplicable: [{ name: 'no credentials', patch: { passwordEnabled: false, accessKeys: [] } }],
  },
  'iam-user-single-active-key': { fail: [{ name: 'two active', patch: { accessKeys: [key('AKIA1', 'Active', 10, 1), key('AKIA2', 'Active', 20, 1)] } }], notApplicable: [{ name: 'no keys', patch: { accessKeys: [] } }] },
  'iam-user-no-direct-policies': { fail: [{ name: 'managed policy on user', patch: { attachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] } }, { name: 'inline policy', patch: { userPolicyList: ['inline-s3'] } }] },
  'iam-policy-no-admin-wildcard': {
    fail: [{ name: '*:* on *', patch: { policyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) } }, { name: 'JSON text', patch: { policyDocument: JSON.stringify(doc({ Effect: 'Allow', Action: ['*:*'], Resource: ['*'] })) } }],
    pass: [{ name: 'deny *', patch: { policyDocument: doc({ Effect: 'Deny', Action: '*', Resource: '*' }) } }],
    notApplicable: [{ name: 'unattached', patch: { attachmentCount: 0, policyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) } }],
  },
  'iam-policy-no-wildcard-service-actions': { fail: [{ name: 's3:*', patch: { policyDocument: doc({ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }) } }], notApplicable: [{ name: 'unattached', patch: { attachmentCount: 0 } }] },
  'iam-access-analyzer-enabled': { fail: [{ name: 'no analyzer', patch: { regions: region({ accessAnalyzer: null }) } }] },
  'guardduty-enabled': { fail: [{ name: 'no detector', patch: { regions: region({ guardDutyDetector: null }) } }, { name: 'detector disabled', patch: { regions: region({ guardDutyDetector: { detectorId: 'gd', status: 'DISABLED' } }) } }] },
  'config-recorder-enabled': {
    fail: [{ name: 'no recorder', patch: { regions: region({ configurationRecorder: null }) } }, { name: 'stopped', patch: { regions: region({ configurationRecorder: { name: 'default', recording: false, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }) } }, { name: 'partial types', patch: { regions: region({ configurationRecorder: { name: 'default', recording: true, recordingGroup: { allSupported: false, includeGlobalResourceTypes: false } } }) } }],
  },
  'cloudtrail-multi-region-enabled': {
    fail: [{ name: 'no trails', inventory: [] }, { name: 'single-region trail', inventory: [trail({ isMultiRegionTrail: false })] }, { name: 'stopped trail', inventory: [trail({ isLogging: false })] }, { name: 'read-only events', inventory: [trail({ eventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true }] })] }],
    pass: [{ name: 'one good among bad', inventory: [trail({ isLogging: false }), sampleResource('AWS::CloudTrail::Trail', {}, { suffix: '-2' })] }],
  },
  'cloudtrail-logging': { fail: [{ name: 'StopLogging', patch: { isLogging: false } }] },
  'cloudtrail-log-file-validation': { fail: [{ name: 'validation off', patch: { logFileValidationEnabled: false } }] },
  'cloudtrail-kms-encryption': { fail: [{ name: 'SSE-S3 only', patch: { kmsKeyId: null } }] },
  'cloudtrail-cloudwatch-logs': { fail: [{ name: 'no log group', patch: { cloudWatchLogsLogGroupArn: null } }] },
  'rds-storage-encrypted': { fail: [{ name: 'unencrypted', patch: { storageEncrypted: false } }] },
  'rds-not-public': { fail: [{ name: 'public', patch: { publiclyAccessible: true } }] },
  'rds-backup-enabled': { fail: [{ name: 'backups off', patch: { backupRetentionPeriod: 0 } }, { name: '3 days', patch: { backupRetentionPeriod: 3 } }], pass: [{ name: '1 day with a 1-day minimum', patch: { backupRetentionPeriod: 1 }, config: { rdsMinBackupRetentionDays: 1 } }] },
  'rds-multi-az': { fail: [{ name: 'single AZ', patch: { multiAZ: false } }] },
  'rds-auto-minor-version-upgrade': { fail: [{ name: 'off', patch: { autoMinorVersionUpgrade: false } }] },
  'lambda-runtime-supported': { fail: [{ name: 'python3.8', patch: { runtime: 'python3.8' } }, { name: 'Zip without runtime (fails closed)', patch: { runtime: undefined } }], notApplicable: [{ name: 'container image', patch: { packageType: 'Image', runtime: undefined } }] },
  'lambda-not-public': {
    fail: [{ name: 'Principal *', patch: { policy: policy({ Sid: 'open', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: '*' }) } }, { name: 'AWS *', patch: { policy: policy({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'lambda:InvokeFunctionUrl', Resource: '*' }) } }],
    pass: [{ name: 'no policy', patch: { policy: null } }, { name: 'source ARN condition', patch: { policy: policy({ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::b' } } }) } }],
  },
  'kms-key-rotation': { fail: [{ name: 'rotation off', patch: { keyRotationEnabled: false } }], notApplicable: [{ name: 'AWS managed', patch: { keyManager: 'AWS', keyRotationEnabled: false } }, { name: 'asymmetric', patch: { keySpec: 'RSA_2048', keyRotationEnabled: false } }, { name: 'pending deletion', patch: { keyState: 'PendingDeletion', keyRotationEnabled: false } }] },
  'elb-alb-https-only': {
    fail: [{ name: 'HTTP forward', patch: { listeners: [{ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward' }] }] } }],
    notApplicable: [{ name: 'network LB', patch: { type: 'network', listeners: [{ Port: 80, Protocol: 'TCP', DefaultActions: [{ Type: 'forward' }] }] } }],
  },
  'elb-tls-policy': {
    fail: [{ name: 'TLS 1.0 policy', patch: { listeners: [{ Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-2016-08', DefaultActions: [{ Type: 'forward' }] }] } }],
    notApplicable: [{ name: 'HTTP only', patch: { listeners: [{ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward' }] }] } }],
  },
  'cloudfront-viewer-https': { fail: [{ name: 'default allow-all', patch: { distributionConfig: { DefaultCacheBehavior: { ViewerProtocolPolicy: 'allow-all' }, ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021' } } } }] },
  'cloudfront-min-tls': {
    fail: [{ name: 'TLSv1_2016', patch: { distributionConfig: { DefaultCacheBehavior: { ViewerProtocolPolicy: 'https-only' }, ViewerCertificate: { MinimumProtocolVersion: 'TLSv1_2016' } } } }],
    notApplicable: [{ name: 'default certificate', patch: { distributionConfig: { DefaultCacheBehavior: { ViewerProtocolPolicy: 'https-only' }, ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1' } } } }],
  },
  'cloudfront-origin-tls': {
    fail: [{ name: 'TLSv1 to origin', patch: { distributionConfig: { DefaultCacheBehavior: { ViewerProtocolPolicy: 'https-only' }, ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021' }, Origins: [{ Id: 'legacy', DomainName: 'legacy.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSslProtocols: ['TLSv1', 'TLSv1.2'] } }] } } }],
    notApplicable: [{ name: 'S3 origin only', patch: { distributionConfig: { DefaultCacheBehavior: { ViewerProtocolPolicy: 'https-only' }, ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021' }, Origins: [{ Id: 's3', DomainName: 'b.s3.amazonaws.com' }] } } }],
  },
  'dynamodb-pitr-enabled': { fail: [{ name: 'PITR off', patch: { pointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' } } }] },
  'sqs-queue-encrypted': { fail: [{ name: 'no SSE', patch: { attributes: { SqsManagedSseEnabled: 'false' } } }], pass: [{ name: 'SSE-KMS', patch: { attributes: { KmsMasterKeyId: 'alias/aws/sqs' } } }] },
  'sns-topic-encrypted': { fail: [{ name: 'no KMS', patch: { attributes: {} } }] },
  'secretsmanager-rotation-enabled': { fail: [{ name: 'rotation off', patch: { rotationEnabled: false } }] },
  'secretsmanager-rotated-recently': { fail: [{ name: 'rotated 200 days ago', patch: { lastRotatedDate: ago(200) } }, { name: 'never rotated, created 300 days ago', patch: { lastRotatedDate: null } }], pass: [{ name: 'new secret never rotated', patch: { lastRotatedDate: null, createdDate: ago(5) } }] },
  'ecs-task-no-privileged': { fail: [{ name: 'privileged', patch: { containerDefinitions: container({ privileged: true }) } }], notApplicable: [{ name: 'inactive revision', patch: { status: 'INACTIVE', containerDefinitions: container({ privileged: true }) } }] },
  'ecs-task-no-secrets-in-env': { fail: [{ name: 'AWS keys in env', patch: { containerDefinitions: container({ environment: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'x' }] }) } }], notApplicable: [{ name: 'inactive revision', patch: { status: 'INACTIVE' } }] },
};
