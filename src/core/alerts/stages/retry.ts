import { hashUniform } from '../../shared/hash.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelay: number;
  maxDelay: number;
  seed: number;
}

/**
 * Exponential backoff with full jitter, seeded by the notification key so a replay of the same
 * failures schedules the same retries. Returns undefined when attempts are exhausted.
 */
export function nextRetryDelay(policy: RetryPolicy, attempt: number, key: string): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const cap = Math.min(policy.maxDelay, policy.baseDelay * 2 ** (attempt - 1));
  const jitter = hashUniform(`${policy.seed}|${key}|${attempt}`);
  return Math.max(1, Math.round(cap / 2 + (cap / 2) * jitter));
}
