import type { ComplianceCheck } from '../check.js';
import cloudfrontMinTls from './cloudfront-min-tls.js';
import cloudfrontOriginTls from './cloudfront-origin-tls.js';
import cloudfrontViewerHttps from './cloudfront-viewer-https.js';
import cloudtrailCloudwatchLogs from './cloudtrail-cloudwatch-logs.js';
import cloudtrailKmsEncryption from './cloudtrail-kms-encryption.js';
import cloudtrailLogFileValidation from './cloudtrail-log-file-validation.js';
import cloudtrailLogging from './cloudtrail-logging.js';
import cloudtrailMultiRegionEnabled from './cloudtrail-multi-region-enabled.js';
import configRecorderEnabled from './config-recorder-enabled.js';
import dynamodbPitrEnabled from './dynamodb-pitr-enabled.js';
import ec2DefaultSgRestrictsAll from './ec2-default-sg-restricts-all.js';
import ec2EbsDefaultEncryption from './ec2-ebs-default-encryption.js';
import ec2EbsVolumeEncrypted from './ec2-ebs-volume-encrypted.js';
import ec2InstanceImdsv2 from './ec2-instance-imdsv2.js';
import ec2InstanceNoPublicIp from './ec2-instance-no-public-ip.js';
import ec2NaclOpenAdminPorts from './ec2-nacl-open-admin-ports.js';
import ec2SgOpenAllPorts from './ec2-sg-open-all-ports.js';
import ec2SgOpenHighRiskPorts from './ec2-sg-open-high-risk-ports.js';
import ec2SgOpenRdp from './ec2-sg-open-rdp.js';
import ec2SgOpenSsh from './ec2-sg-open-ssh.js';
import ecsTaskNoPrivileged from './ecs-task-no-privileged.js';
import ecsTaskNoSecretsInEnv from './ecs-task-no-secrets-in-env.js';
import elbAlbHttpsOnly from './elb-alb-https-only.js';
import elbTlsPolicy from './elb-tls-policy.js';
import guarddutyEnabled from './guardduty-enabled.js';
import iamAccessAnalyzerEnabled from './iam-access-analyzer-enabled.js';
import iamPasswordPolicyLength from './iam-password-policy-length.js';
import iamPasswordPolicyReuse from './iam-password-policy-reuse.js';
import iamPolicyNoAdminWildcard from './iam-policy-no-admin-wildcard.js';
import iamPolicyNoWildcardServiceActions from './iam-policy-no-wildcard-service-actions.js';
import iamRootAccessKeys from './iam-root-access-keys.js';
import iamRootHardwareMfa from './iam-root-hardware-mfa.js';
import iamRootMfa from './iam-root-mfa.js';
import iamUserAccessKeyRotated from './iam-user-access-key-rotated.js';
import iamUserMfaConsole from './iam-user-mfa-console.js';
import iamUserNoDirectPolicies from './iam-user-no-direct-policies.js';
import iamUserSingleActiveKey from './iam-user-single-active-key.js';
import iamUserUnusedCredentials from './iam-user-unused-credentials.js';
import kmsKeyRotation from './kms-key-rotation.js';
import lambdaNotPublic from './lambda-not-public.js';
import lambdaRuntimeSupported from './lambda-runtime-supported.js';
import rdsAutoMinorVersionUpgrade from './rds-auto-minor-version-upgrade.js';
import rdsBackupEnabled from './rds-backup-enabled.js';
import rdsMultiAz from './rds-multi-az.js';
import rdsNotPublic from './rds-not-public.js';
import rdsStorageEncrypted from './rds-storage-encrypted.js';
import s3AccountPublicAccessBlock from './s3-account-public-access-block.js';
import s3BucketAccessLogging from './s3-bucket-access-logging.js';
import s3BucketEncryption from './s3-bucket-encryption.js';
import s3BucketMfaDelete from './s3-bucket-mfa-delete.js';
import s3BucketPolicyNotPublic from './s3-bucket-policy-not-public.js';
import s3BucketPublicAccessBlock from './s3-bucket-public-access-block.js';
import s3BucketSslRequestsOnly from './s3-bucket-ssl-requests-only.js';
import s3BucketVersioning from './s3-bucket-versioning.js';
import secretsmanagerRotatedRecently from './secretsmanager-rotated-recently.js';
import secretsmanagerRotationEnabled from './secretsmanager-rotation-enabled.js';
import snsTopicEncrypted from './sns-topic-encrypted.js';
import sqsQueueEncrypted from './sqs-queue-encrypted.js';
import vpcFlowLogsEnabled from './vpc-flow-logs-enabled.js';

/** Every compliance check, one per file; the registry test pins ids to file names. */
export const CHECKS: readonly ComplianceCheck[] = [
  cloudfrontMinTls,
  cloudfrontOriginTls,
  cloudfrontViewerHttps,
  cloudtrailCloudwatchLogs,
  cloudtrailKmsEncryption,
  cloudtrailLogFileValidation,
  cloudtrailLogging,
  cloudtrailMultiRegionEnabled,
  configRecorderEnabled,
  dynamodbPitrEnabled,
  ec2DefaultSgRestrictsAll,
  ec2EbsDefaultEncryption,
  ec2EbsVolumeEncrypted,
  ec2InstanceImdsv2,
  ec2InstanceNoPublicIp,
  ec2NaclOpenAdminPorts,
  ec2SgOpenAllPorts,
  ec2SgOpenHighRiskPorts,
  ec2SgOpenRdp,
  ec2SgOpenSsh,
  ecsTaskNoPrivileged,
  ecsTaskNoSecretsInEnv,
  elbAlbHttpsOnly,
  elbTlsPolicy,
  guarddutyEnabled,
  iamAccessAnalyzerEnabled,
  iamPasswordPolicyLength,
  iamPasswordPolicyReuse,
  iamPolicyNoAdminWildcard,
  iamPolicyNoWildcardServiceActions,
  iamRootAccessKeys,
  iamRootHardwareMfa,
  iamRootMfa,
  iamUserAccessKeyRotated,
  iamUserMfaConsole,
  iamUserNoDirectPolicies,
  iamUserSingleActiveKey,
  iamUserUnusedCredentials,
  kmsKeyRotation,
  lambdaNotPublic,
  lambdaRuntimeSupported,
  rdsAutoMinorVersionUpgrade,
  rdsBackupEnabled,
  rdsMultiAz,
  rdsNotPublic,
  rdsStorageEncrypted,
  s3AccountPublicAccessBlock,
  s3BucketAccessLogging,
  s3BucketEncryption,
  s3BucketMfaDelete,
  s3BucketPolicyNotPublic,
  s3BucketPublicAccessBlock,
  s3BucketSslRequestsOnly,
  s3BucketVersioning,
  secretsmanagerRotatedRecently,
  secretsmanagerRotationEnabled,
  snsTopicEncrypted,
  sqsQueueEncrypted,
  vpcFlowLogsEnabled,
];

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

export function getCheck(id: string): ComplianceCheck | undefined {
  return BY_ID.get(id);
}

/** Checks grouped by the resource type they evaluate, so a scan only runs applicable checks. */
export function checksByType(checks: readonly ComplianceCheck[] = CHECKS): Map<string, ComplianceCheck[]> {
  const map = new Map<string, ComplianceCheck[]>();
  for (const c of checks) {
    const list = map.get(c.resourceType);
    if (list) list.push(c);
    else map.set(c.resourceType, [c]);
  }
  return map;
}
