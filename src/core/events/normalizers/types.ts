import type { z } from 'zod';
import type { SignalInput, SignalSource } from '../signal.js';

/**
 * One normalizer per source payload shape: a typed descriptor plus pure functions.
 * `matches` only sniffs the envelope (cheap, never throws); `schema` validates the documented
 * shape so a failure names the field; `toSignals` maps the parsed payload to Signal inputs.
 */
export interface Normalizer<T = unknown> {
  /** Checked against the file name by the registry test. */
  id: string;
  title: string;
  source: SignalSource;
  matches(raw: Record<string, unknown>): boolean;
  schema: z.ZodType<T>;
  /** Signals without `id` (normalize derives it from source + sourceId, so re-deliveries collide). */
  toSignals(parsed: T): Omit<SignalInput, 'id'>[];
}

export function defineNormalizer<T>(n: Normalizer<T>): Normalizer<T> {
  return n;
}

export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const OWNERSHIP = ['service', 'environment', 'owner', 'team', 'app'];

/** The ownership tags a source carries about its resource (service, environment, owner…), lower-cased keys. */
export function ownershipTags(tags: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) if (OWNERSHIP.includes(k.toLowerCase()) && v) out[k.toLowerCase()] = v;
  return out;
}
