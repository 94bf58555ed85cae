import { z } from 'zod';

export const IAM_POLICY_TYPE = 'AWS::IAM::Policy';

/** `AWS::IAM::Policy` (customer managed): `GetPolicy` + `GetPolicyVersion` of the default version (decoded document). */
export const IamPolicyStateSchema = z.looseObject({
  policyName: z.string(),
  defaultVersionId: z.string().optional(),
  attachmentCount: z.number().int(),
  isAttachable: z.boolean().default(true),
  /** Decoded JSON document (object) or its JSON text. */
  policyDocument: z.union([z.string(), z.record(z.string(), z.unknown())]),
});
export type IamPolicyState = z.infer<typeof IamPolicyStateSchema>;
