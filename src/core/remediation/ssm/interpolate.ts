/** `{{ Name }}`, `{{ Step.Output }}`, `{{ automation:EXECUTION_ID }}`, `{{ global:REGION }}`. */
export const REFERENCE = /\{\{\s*([A-Za-z0-9_:.]+)\s*\}\}/g;

export class UnresolvedReferenceError extends Error {
  override readonly name = 'UnresolvedReferenceError';
  constructor(readonly reference: string) {
    super(`unresolved reference {{ ${reference} }}`);
  }
}

/** Every reference a value mentions (strings, arrays and objects, recursively). */
export function referencesIn(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(REFERENCE)].map((m) => m[1] ?? '');
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(referencesIn);
  return [];
}

/**
 * Substitutes references. A string that is exactly one reference takes the referenced value with
 * its type (an Integer stays a number, a StringList an array), as SSM passes typed values; inside
 * longer text values are stringified. An unknown reference throws: nothing runs on a guess.
 */
export function interpolate(value: unknown, lookup: (ref: string) => unknown): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([A-Za-z0-9_:.]+)\s*\}\}$/.exec(value);
    if (whole) return resolve(whole[1] ?? '', lookup);
    return value.replace(REFERENCE, (_m, ref: string) => {
      const v = resolve(ref, lookup);
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, lookup));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, lookup)]));
  return value;
}

function resolve(ref: string, lookup: (ref: string) => unknown): unknown {
  const v = lookup(ref);
  if (v === undefined) throw new UnresolvedReferenceError(ref);
  return v;
}
