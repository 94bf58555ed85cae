import { ACCOUNT_TYPE, INVENTORY_SCHEMAS, isInventoryType } from '../../core/compliance/inventory/index.js';
import type { ActionCall, ActionResult, ChangeEvent, Cloud, ResourceFilter, ResourceRecord } from '../../ports/cloud.js';

type State = Record<string, unknown>;

const obj = (v: unknown): State | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as State) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined);
/** Only the keys whose value is defined (the inventory schemas are strict about types, not presence of optionals). */
const defined = (o: State): State => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const pick = (s: State, ...keys: string[]): unknown => keys.map((k) => s[k]).find((v) => v !== undefined);
const policyText = (v: unknown): string | null => (typeof v === 'string' ? v : obj(v) ? JSON.stringify(v) : null);

/**
 * The sandbox fleet speaks the AWS API's PascalCase names (`PublicAccessBlock`, `IpPermissions`,
 * `PointInTimeRecovery`…), flattened where a real API needs several calls; the compliance checks
 * read the inventory shapes of docs/compliance.md. One translator per resource type. Values the
 * fleet does not carry are never invented as compliant: they are left out, so the check fails
 * closed, except where AWS documents a default (EC2 `HttpTokens` optional, RDS
 * `AutoMinorVersionUpgrade` true, Lambda `PackageType` Zip, a listener forwarding when no action is listed).
 */
const TRANSLATORS: Record<string, (r: ResourceRecord) => State> = {
  'AWS::S3::Bucket': ({ state: s }) => {
    const sse = pick(s, 'ServerSideEncryption', 'ServerSideEncryptionConfiguration');
    const versioning = pick(s, 'Versioning', 'VersioningConfiguration');
    const logging = obj(pick(s, 'Logging', 'LoggingEnabled'));
    return {
      publicAccessBlock: obj(pick(s, 'PublicAccessBlock', 'PublicAccessBlockConfiguration')) ?? null,
      serverSideEncryption: typeof sse === 'string' ? { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: sse } }] } : (obj(sse) ?? null),
      versioning: typeof versioning === 'string' ? { Status: versioning } : (obj(versioning) ?? {}),
      policy: policyText(s.Policy),
      logging: logging && str(logging.TargetBucket) ? logging : null,
    };
  },
  'AWS::EC2::SecurityGroup': ({ state: s, id }) =>
    defined({ groupId: str(s.GroupId) ?? id, groupName: s.GroupName, vpcId: s.VpcId, ipPermissions: arr(s.IpPermissions), ipPermissionsEgress: s.IpPermissionsEgress }),
  'AWS::EC2::Instance': ({ state: s, id }) => {
    const meta = obj(s.MetadataOptions);
    return defined({
      instanceId: str(s.InstanceId) ?? id,
      instanceType: s.InstanceType,
      state: s.State,
      // Without MetadataOptions the instance runs with the EC2 launch default: IMDSv1 allowed (HttpTokens optional).
      metadataOptions: { HttpTokens: meta?.HttpTokens ?? 'optional', HttpEndpoint: meta?.HttpEndpoint ?? 'enabled' },
      publicIpAddress: s.PublicIpAddress ?? null,
      iamInstanceProfile: obj(s.IamInstanceProfile) ?? null,
    });
  },
  'AWS::EC2::Volume': ({ state: s, id }) => {
    const attachments = arr(s.Attachments);
    // DescribeVolumes' State follows the attachments when the fleet does not say.
    return defined({ volumeId: str(s.VolumeId) ?? id, encrypted: s.Encrypted, kmsKeyId: s.KmsKeyId, state: s.State ?? (attachments.length > 0 ? 'in-use' : 'available'), attachments });
  },
  'AWS::IAM::User': ({ state: s, id }) => {
    const keys = arr(s.AccessKeys).map((k) => obj(k) ?? {});
    const mfa = arr(s.MfaDevices ?? s.MFADevices).map((d) => obj(d) ?? {});
    // The user existed at least since its oldest credential when the fleet has no CreateDate.
    const created = str(s.CreateDate) ?? [...keys.map((k) => str(k.CreateDate)), str(s.PasswordLastUsed)].filter((x): x is string => !!x).sort()[0];
    const attached = arr(s.AttachedPolicies ?? s.AttachedManagedPolicies).map((p) => {
      if (typeof p === 'string') return { PolicyName: p.split('/').pop() ?? p, PolicyArn: p };
      return obj(p) ?? {};
    });
    return defined({
      userName: str(s.UserName) ?? id,
      userId: id,
      createDate: created,
      passwordEnabled: bool(s.PasswordEnabled) ?? false,
      passwordLastUsed: s.PasswordLastUsed ?? null,
      mfaDevices: mfa.map((d) => ({ serialNumber: d.SerialNumber ?? d.serialNumber, enableDate: d.EnableDate ?? d.enableDate ?? created })),
      accessKeys: keys.map((k) => defined({ accessKeyId: k.AccessKeyId, status: k.Status, createDate: k.CreateDate, lastUsedDate: k.LastUsedDate ?? null })),
      attachedManagedPolicies: attached,
      userPolicyList: Array.isArray(s.UserPolicyList) ? s.UserPolicyList : Object.keys(obj(s.InlinePolicies) ?? {}),
      groupList: arr(s.Groups ?? s.GroupList).map(String),
    });
  },
  'AWS::CloudTrail::Trail': ({ state: s, region, name }) =>
    defined({
      name: str(s.Name) ?? name,
      homeRegion: s.HomeRegion ?? region,
      isMultiRegionTrail: s.IsMultiRegionTrail,
      includeGlobalServiceEvents: s.IncludeGlobalServiceEvents,
      logFileValidationEnabled: s.LogFileValidationEnabled,
      isLogging: s.IsLogging,
      s3BucketName: s.S3BucketName,
      kmsKeyId: s.KmsKeyId ?? null,
      cloudWatchLogsLogGroupArn: s.CloudWatchLogsLogGroupArn ?? null,
      eventSelectors: s.EventSelectors,
    }),
  'AWS::RDS::DBInstance': ({ state: s, id }) =>
    defined({
      dbInstanceIdentifier: str(s.DBInstanceIdentifier) ?? id,
      engine: s.Engine,
      dbInstanceStatus: s.DBInstanceStatus,
      storageEncrypted: s.StorageEncrypted,
      publiclyAccessible: s.PubliclyAccessible,
      backupRetentionPeriod: s.BackupRetentionPeriod,
      multiAZ: s.MultiAZ,
      autoMinorVersionUpgrade: s.AutoMinorVersionUpgrade ?? true,
      deletionProtection: s.DeletionProtection,
    }),
  'AWS::Lambda::Function': ({ state: s, id }) => defined({ functionName: str(s.FunctionName) ?? id, packageType: s.PackageType ?? 'Zip', runtime: s.Runtime, policy: policyText(s.Policy) }),
  'AWS::ElasticLoadBalancingV2::LoadBalancer': ({ state: s, name }) =>
    defined({
      loadBalancerName: str(s.LoadBalancerName) ?? name,
      type: s.Type,
      scheme: s.Scheme,
      listeners: arr(s.Listeners).map((l) => {
        const x = obj(l) ?? {};
        return defined({ ...x, DefaultActions: Array.isArray(x.DefaultActions) ? x.DefaultActions : [{ Type: 'forward' }] });
      }),
    }),
  'AWS::CloudFront::Distribution': ({ state: s }) => {
    const cfg = obj(s.DistributionConfig);
    if (cfg) return { distributionConfig: cfg };
    return {
      distributionConfig: {
        Enabled: bool(s.Enabled) ?? true,
        DefaultCacheBehavior: { ViewerProtocolPolicy: s.ViewerProtocolPolicy },
        ViewerCertificate: { MinimumProtocolVersion: s.MinimumProtocolVersion },
        // The fleet names origins only; their TLS protocols are unknown, so the origin-TLS check has nothing to judge.
        Origins: arr(s.Origins).map((o) => (typeof o === 'string' ? { Id: o, DomainName: o } : o)),
      },
    };
  },
  'AWS::DynamoDB::Table': ({ state: s, id }) => {
    const pitr = bool(s.PointInTimeRecovery);
    const desc = obj(obj(s.ContinuousBackupsDescription)?.PointInTimeRecoveryDescription) ?? obj(s.PointInTimeRecoveryDescription);
    return defined({
      tableName: str(s.TableName) ?? id,
      tableStatus: s.TableStatus,
      pointInTimeRecoveryDescription: desc ?? (pitr === undefined ? undefined : { PointInTimeRecoveryStatus: pitr ? 'ENABLED' : 'DISABLED' }),
      deletionProtectionEnabled: s.DeletionProtectionEnabled,
    });
  },
  'AWS::SQS::Queue': ({ state: s, id }) => {
    const attrs = obj(s.Attributes) ?? s;
    const sse = bool(attrs.SqsManagedSseEnabled);
    return { queueUrl: str(s.QueueUrl) ?? id, attributes: defined({ KmsMasterKeyId: str(attrs.KmsMasterKeyId), SqsManagedSseEnabled: sse === undefined ? undefined : String(sse), Policy: str(policyText(attrs.Policy)) }) };
  },
  'AWS::SNS::Topic': ({ state: s }) => {
    const attrs = obj(s.Attributes) ?? s;
    return { attributes: defined({ KmsMasterKeyId: str(attrs.KmsMasterKeyId), Policy: str(policyText(attrs.Policy)) }) };
  },
};

/** The inventory record for one fleet record; undefined for types no check reads (ASGs, EIPs…). */
export function toInventoryRecord(r: ResourceRecord): ResourceRecord | undefined {
  if (!isInventoryType(r.type)) return undefined;
  // Already in the inventory shape (the AWS adapter, or a fleet that adopted it): kept as is.
  if (INVENTORY_SCHEMAS[r.type].safeParse(r.state).success) return r;
  const translate = TRANSLATORS[r.type];
  if (!translate) return r;
  return { ...r, state: translate(r) };
}

/**
 * Account-level settings the sandbox fleet does not model (IAM account summary, password policy,
 * S3 account Block Public Access, per-region EBS default encryption, GuardDuty, Config recorder,
 * Access Analyzer). The compliance feature adds them as one translated `AWS::::Account` record,
 * as a realistic staging account: root MFA on a virtual device, no root keys, a CIS password
 * policy, account-level Block Public Access on, GuardDuty and Config on, and EBS encryption by
 * default **off** (the orphaned unencrypted volume is how it happened).
 */
export function sandboxAccountRecord(account: string, region: string): ResourceRecord {
  return {
    arn: `arn:aws:iam::${account}:root`,
    type: ACCOUNT_TYPE,
    id: account,
    name: `account-${account}`,
    region: 'global',
    account,
    tags: { environment: 'staging', owner: 'platform-team', service: 'security' },
    state: {
      accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
      rootMfaDevice: { serialNumber: `arn:aws:iam::${account}:mfa/root-account-mfa-device`, type: 'virtual' },
      rootPasswordLastUsed: null,
      passwordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true },
      s3PublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      regions: {
        [region]: {
          ebsEncryptionByDefault: false,
          guardDutyDetector: { detectorId: '12abc34d567e8fa901bc2d34e56789f0', status: 'ENABLED' },
          configurationRecorder: { name: 'default', recording: true, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true }, lastStatus: 'Success' },
          accessAnalyzer: { name: 'account-analyzer', status: 'ACTIVE' },
        },
      },
    },
  };
}

/**
 * The Cloud port the compliance scan reads: the sandbox's resources translated to inventory shapes,
 * plus the account record when the fleet has none. Actions and change history pass through.
 */
export class ComplianceInventoryCloud implements Cloud {
  constructor(
    private readonly inner: Cloud,
    private readonly account: () => ResourceRecord | undefined,
  ) {}

  private async all(): Promise<ResourceRecord[]> {
    const translated = (await this.inner.listResources()).map(toInventoryRecord).filter((r): r is ResourceRecord => r !== undefined);
    const acct = translated.some((r) => r.type === ACCOUNT_TYPE) ? undefined : this.account();
    return acct ? [...translated, acct] : translated;
  }

  async listResources(filter?: ResourceFilter): Promise<ResourceRecord[]> {
    return (await this.all()).filter(
      (r) => (!filter?.type || r.type === filter.type) && (!filter?.arns || filter.arns.includes(r.arn)) && (!filter?.tag || Object.entries(filter.tag).every(([k, v]) => r.tags[k] === v)),
    );
  }

  async describe(arn: string): Promise<ResourceRecord | undefined> {
    const found = await this.inner.describe(arn);
    if (found) return toInventoryRecord(found);
    const acct = this.account();
    return acct && acct.arn === arn && !(await this.inner.listResources({ type: ACCOUNT_TYPE })).length ? acct : undefined;
  }

  execute(action: ActionCall): Promise<ActionResult> {
    return this.inner.execute(action);
  }

  recentChanges(resourceArn: string, sinceIso: string): Promise<ChangeEvent[]> {
    return this.inner.recentChanges(resourceArn, sinceIso);
  }
}
