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
