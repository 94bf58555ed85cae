import { z } from 'zod';

export const LAMBDA_FUNCTION_TYPE = 'AWS::Lambda::Function';

/** `AWS::Lambda::Function`: `GetFunctionConfiguration` + `GetPolicy` (resource policy JSON text, null when none). */
export const LambdaFunctionStateSchema = z.looseObject({
  functionName: z.string(),
  packageType: z.enum(['Zip', 'Image']).default('Zip'),
  /** Absent for container images. */
  runtime: z.string().optional(),
  policy: z.string().nullable(),
});
export type LambdaFunctionState = z.infer<typeof LambdaFunctionStateSchema>;
