import { z } from 'zod';
import { IsoTime } from './common.js';

export const ACCOUNT_TYPE = 'AWS::::Account';

/** Per-region account settings: EC2 `GetEbsEncryptionByDefault`, GuardDuty `ListDetectors`/`GetDetector`,
 * Config `DescribeConfigurationRecorders` + `…RecorderStatus`, Access Analyzer `ListAnalyzers`. */
export const AccountRegionSettingsSchema = z.looseObject({
  ebsEncryptionByDefault: z.boolean(),
  /** null when the region has no detector. */
  guardDutyDetector: z.looseObject({ detectorId: z.string(), status: z.enum(['ENABLED', 'DISABLED']) }).nullable(),
  /** null when no recorder exists. */
  configurationRecorder: z
    .looseObject({
      name: z.string(),
      recording: z.boolean(),
      recordingGroup: z.looseObject({ allSupported: z.boolean(), includeGlobalResourceTypes: z.boolean() }),
      lastStatus: z.enum(['Pending', 'Success', 'Failure']).optional(),
    })
    .nullable(),
  accessAnalyzer: z.looseObject({ name: z.string(), status: z.enum(['ACTIVE', 'CREATING', 'DISABLED', 'FAILED']) }).nullable().optional(),
});
export type AccountRegionSettings = z.infer<typeof AccountRegionSettingsSchema>;

/**
 * `AWS::::Account`: one record per account (ARN `arn:aws:iam::<account>:root`). Field names follow
 * IAM `GetAccountSummary` (`SummaryMap`), `GetAccountPasswordPolicy`, S3 Control `GetPublicAccessBlock`.
 */
export const AccountStateSchema = z.looseObject({
  accountSummary: z.looseObject({
    /** 1 when the root user has MFA. */
    AccountMFAEnabled: z.number().int(),
    /** 1 when the root user has access keys. */
    AccountAccessKeysPresent: z.number().int(),
  }),
  /** Root MFA device (IAM `ListVirtualMFADevices`: a root virtual device means not hardware). */
  rootMfaDevice: z.looseObject({ serialNumber: z.string(), type: z.enum(['virtual', 'hardware']) }).nullable().optional(),
  rootPasswordLastUsed: IsoTime.nullable().optional(),
  /** null when the account has no password policy (`NoSuchEntity`). */
  passwordPolicy: z
    .looseObject({
      MinimumPasswordLength: z.number().int(),
      PasswordReusePrevention: z.number().int().optional(),
      RequireSymbols: z.boolean().optional(),
      RequireNumbers: z.boolean().optional(),
      RequireUppercaseCharacters: z.boolean().optional(),
      RequireLowercaseCharacters: z.boolean().optional(),
      MaxPasswordAge: z.number().int().optional(),
    })
    .nullable(),
  /** Account-level S3 Block Public Access (S3 Control). null when never configured. */
  s3PublicAccessBlock: z
    .looseObject({ BlockPublicAcls: z.boolean(), IgnorePublicAcls: z.boolean(), BlockPublicPolicy: z.boolean(), RestrictPublicBuckets: z.boolean() })
    .nullable(),
  /** Region name → settings, for every enabled region. */
  regions: z.record(z.string(), AccountRegionSettingsSchema),
});
export type AccountState = z.infer<typeof AccountStateSchema>;
