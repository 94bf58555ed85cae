import type { ZodError } from 'zod';
import { ValidationError } from './errors.js';

/** Turns the first zod issue into a ValidationError that names the failing field by its dotted path. */
export function toValidationError(error: ZodError, prefix = ''): ValidationError {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  const field = [prefix, path].filter(Boolean).join('.') || '(root)';
  return new ValidationError(field, issue?.message ?? 'invalid', { cause: error });
}

/** Parses with a zod schema and throws a ValidationError naming the field on failure. */
export function parseOrThrow<T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: ZodError } }, input: unknown, prefix = ''): T {
  const r = schema.safeParse(input);
  if (!r.success) throw toValidationError(r.error, prefix);
  return r.data;
}
