import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EnvConfig } from '../config.js';
import { acknowledge } from './nag.js';

export interface SecureBucketProps {
  config: EnvConfig;
  /** kebab-case; the bucket gets no fixed name (S3 names are global) but this prefixes the access logs. */
  purpose: string;
  /** Days before objects move to Infrequent Access; reports and diagnostics are rarely read. */
  transitionAfterDays?: number;
  /** CloudFront standard logging writes with ACLs, so its log bucket must allow them. */
  objectOwnership?: s3.ObjectOwnership;
}

/**
 * A private bucket: Block Public Access, SSE-S3, TLS-only, versioned, server access logs to a
 * sibling log bucket. Bucket names are left to CloudFormation because they are global.
 */
export class SecureBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const removal = props.config.destroyDataOnDelete ? { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: false } : { removalPolicy: RemovalPolicy.RETAIN };
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: props.objectOwnership ?? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      ...removal,
    });
    acknowledge(this.accessLogs, 'This is the access-log bucket itself; logging it into itself would loop.', 'AwsSolutions-S1');
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: `${props.purpose}/`,
      lifecycleRules: [
        { transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(props.transitionAfterDays ?? 30) }], noncurrentVersionExpiration: Duration.days(90) },
      ],
      ...removal,
    });
  }
}
