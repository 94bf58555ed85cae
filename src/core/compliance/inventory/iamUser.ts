import { z } from 'zod';
import { IsoTime } from './common.js';

export const IAM_USER_TYPE = 'AWS::IAM::User';

/**
 * `AWS::IAM::User`: `GetUser` (`PasswordLastUsed`), `GetLoginProfile` (password enabled),
 * `ListMFADevices`, `ListAccessKeys` + `GetAccessKeyLastUsed`, `ListAttachedUserPolicies`, `ListUserPolicies`.
 * These are the credential report's columns, per user.
 */
export const IamUserStateSchema = z.looseObject({
  userName: z.string(),
  userId: z.string().optional(),
  createDate: IsoTime,
  /** Has a console password (login profile). */
  passwordEnabled: z.boolean(),
  passwordLastUsed: IsoTime.nullable().optional(),
  mfaDevices: z.array(z.looseObject({ serialNumber: z.string(), enableDate: IsoTime })),
  accessKeys: z.array(
    z.looseObject({
      accessKeyId: z.string(),
      status: z.enum(['Active', 'Inactive']),
      createDate: IsoTime,
      /** null when the key was never used. */
      lastUsedDate: IsoTime.nullable().optional(),
    }),
  ),
  attachedManagedPolicies: z.array(z.looseObject({ PolicyName: z.string(), PolicyArn: z.string() })).default([]),
  /** Inline policy names (`ListUserPolicies`). */
  userPolicyList: z.array(z.string()).default([]),
  groupList: z.array(z.string()).default([]),
});
export type IamUserState = z.infer<typeof IamUserStateSchema>;
