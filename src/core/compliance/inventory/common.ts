import { z } from 'zod';

/** ISO 8601 timestamp as the AWS APIs return it (`CreateDate`, `LastUsedDate`…). */
export const IsoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp');

/**
 * An IAM-style policy document. Resource policies arrive as JSON strings from the APIs
 * (`GetBucketPolicy`, Lambda `GetPolicy`, SQS `Policy` attribute); checks parse them with {@link parsePolicy}.
 */
export const PolicyStatementSchema = z.looseObject({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Principal: z.union([z.literal('*'), z.record(z.string(), z.union([z.string(), z.array(z.string())]))]).optional(),
  NotPrincipal: z.unknown().optional(),
  Action: z.union([z.string(), z.array(z.string())]).optional(),
  NotAction: z.union([z.string(), z.array(z.string())]).optional(),
  Resource: z.union([z.string(), z.array(z.string())]).optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
export type PolicyStatement = z.infer<typeof PolicyStatementSchema>;

export const PolicyDocumentSchema = z.looseObject({
  Version: z.string().optional(),
  Statement: z.union([PolicyStatementSchema, z.array(PolicyStatementSchema)]),
});
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;

/** Parses a policy given as JSON text or as an object; throws (so the check fails closed) when malformed. */
export function parsePolicy(policy: string | Record<string, unknown>): PolicyStatement[] {
  const doc = PolicyDocumentSchema.parse(typeof policy === 'string' ? JSON.parse(policy) : policy);
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

export const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
