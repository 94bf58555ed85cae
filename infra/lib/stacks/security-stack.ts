import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../config.js';
import { retentionFor } from '../constructs/aiops-function.js';
import { acknowledge, acknowledgeBucketGrant } from '../constructs/nag.js';
import { SecureBucket } from '../constructs/secure-bucket.js';

export interface SecurityStackProps extends StackProps {
  config: EnvConfig;
}

/** AWS Config managed rules behind the compliance checks and the seed's security catalogue. */
export const CONFIG_RULES: { id: string; identifier: string; description: string }[] = [
  { id: 'CloudTrailEnabledRule', identifier: config.ManagedRuleIdentifiers.CLOUD_TRAIL_ENABLED, description: 'CloudTrail is enabled' },
  { id: 'S3PublicReadProhibitedRule', identifier: config.ManagedRuleIdentifiers.S3_BUCKET_PUBLIC_READ_PROHIBITED, description: 'S3 buckets do not allow public read' },
  { id: 'S3PublicWriteProhibitedRule', identifier: config.ManagedRuleIdentifiers.S3_BUCKET_PUBLIC_WRITE_PROHIBITED, description: 'S3 buckets do not allow public write' },
  { id: 'RestrictedSshRule', identifier: config.ManagedRuleIdentifiers.EC2_SECURITY_GROUPS_INCOMING_SSH_DISABLED, description: 'No security group allows 0.0.0.0/0 SSH' },
  { id: 'AccessKeysRotatedRule', identifier: config.ManagedRuleIdentifiers.ACCESS_KEYS_ROTATED, description: 'IAM access keys are rotated within 90 days' },
  { id: 'EncryptedVolumesRule', identifier: config.ManagedRuleIdentifiers.EC2_EBS_ENCRYPTION_BY_DEFAULT, description: 'EBS encryption by default is on' },
  { id: 'RdsMultiAzRule', identifier: config.ManagedRuleIdentifiers.RDS_MULTI_AZ_SUPPORT, description: 'RDS instances are Multi-AZ' },
  { id: 'GuardDutyEnabledRule', identifier: config.ManagedRuleIdentifiers.GUARDDUTY_ENABLED_CENTRALIZED, description: 'GuardDuty is enabled' },
];

/** Config rules (and recorder), Security Hub with the AWS Foundational standard, and a validated CloudTrail. */
export class SecurityStack extends Stack {
  readonly trail: cloudtrail.Trail;
  readonly trailBucket: SecureBucket;

  constructor(scope: Construct, id: string, props: SecurityStackProps) {
    super(scope, id, props);
    const cfg = props.config;
    const env = cfg.env;
    const retain = cfg.destroyDataOnDelete ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    const trailKey = new kms.Key(this, 'TrailKey', { alias: `alias/aiops-trail-${env}`, enableKeyRotation: true, removalPolicy: retain, description: 'Encrypts the AIOps CloudTrail log files' });
    this.trailBucket = new SecureBucket(this, 'TrailLogs', { config: cfg, purpose: 'cloudtrail', transitionAfterDays: 30 });
    const trailLogGroup = new logs.LogGroup(this, 'TrailLogGroup', { logGroupName: `/aiops/cloudtrail-${env}`, retention: retentionFor(cfg.logRetentionDays), removalPolicy: retain });
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName: `aiops-trail-${env}`,
      bucket: this.trailBucket.bucket,
      encryptionKey: trailKey,
      enableFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: trailLogGroup,
    });

    if (cfg.security.createConfigRecorder) {
      const recorderRole = new iam.Role(this, 'ConfigRecorderRole', { roleName: `aiops-config-recorder-${env}`, assumedBy: new iam.ServicePrincipal('config.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')] });
      acknowledge(recorderRole, 'AWS_ConfigRole is the service-managed policy AWS Config requires to read resource configurations; it tracks new resource types automatically.', 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]');
      const configBucket = new SecureBucket(this, 'ConfigSnapshots', { config: cfg, purpose: 'config' });
      configBucket.bucket.grantPut(recorderRole);
      configBucket.bucket.grantRead(recorderRole);
      acknowledgeBucketGrant(recorderRole, configBucket.bucket, 'readWrite');
      const recorder = new config.CfnConfigurationRecorder(this, 'ConfigRecorder', { name: `aiops-recorder-${env}`, roleArn: recorderRole.roleArn, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } });
      const channel = new config.CfnDeliveryChannel(this, 'ConfigDeliveryChannel', { name: `aiops-delivery-${env}`, s3BucketName: configBucket.bucket.bucketName, configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' } });
      channel.addResourceDependency(recorder);
      for (const r of CONFIG_RULES) {
        const rule = new config.ManagedRule(this, r.id, { configRuleName: `aiops-${r.id.replace(/Rule$/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}-${env}`, identifier: r.identifier, description: r.description, ...(r.identifier === config.ManagedRuleIdentifiers.ACCESS_KEYS_ROTATED ? { inputParameters: { maxAccessKeyAge: 90 } } : {}), maximumExecutionFrequency: r.identifier === config.ManagedRuleIdentifiers.ACCESS_KEYS_ROTATED || r.identifier === config.ManagedRuleIdentifiers.CLOUD_TRAIL_ENABLED || r.identifier === config.ManagedRuleIdentifiers.GUARDDUTY_ENABLED_CENTRALIZED || r.identifier === config.ManagedRuleIdentifiers.EC2_EBS_ENCRYPTION_BY_DEFAULT ? config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS : undefined });
        rule.node.addDependency(recorder);
      }
    }

    if (cfg.security.enableSecurityHub) {
      const hub = new securityhub.CfnHub(this, 'SecurityHub', { enableDefaultStandards: false, controlFindingGenerator: 'SECURITY_CONTROL', autoEnableControls: true });
      const standard = new securityhub.CfnStandard(this, 'FoundationalBestPractices', { standardsArn: `arn:${this.partition}:securityhub:${this.region}::standards/aws-foundational-security-best-practices/v/1.0.0` });
      standard.addResourceDependency(hub);
    }
  }
}
