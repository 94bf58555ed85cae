import { z } from 'zod';
import type { Alert } from '../alert.js';
import { alertLabelSet, matchAll, MatcherSchema, type Matcher } from '../matchers.js';

export const SilenceInputSchema = z
  .object({
    matchers: z.array(z.string().min(1)).min(1, 'a silence needs at least one matcher'),
    startsAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp'),
    endsAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp'),
    createdBy: z.string().min(1),
    comment: z.string().min(1, 'say why'),
  })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { message: 'must be after startsAt', path: ['endsAt'] })
  .refine((s) => s.matchers.every((m) => MatcherSchema.safeParse(m).success), { message: 'invalid matcher', path: ['matchers'] });
export type SilenceInput = z.infer<typeof SilenceInputSchema>;

/** A stored silence. Expired silences are kept (status `expired`) for the audit trail. */
export interface Silence extends SilenceInput {
  id: string;
  status: 'pending' | 'active' | 'expired';
  createdAt: string;
  updatedAt: string;
  expiredBy?: string;
  version?: number;
}

export function silenceStatus(s: Pick<Silence, 'startsAt' | 'endsAt'>, now: string): Silence['status'] {
  if (now >= s.endsAt) return 'expired';
  if (now < s.startsAt) return 'pending';
  return 'active';
}

const compiled = new WeakMap<object, Matcher[]>();
function matchersOf(s: Silence): Matcher[] {
  let m = compiled.get(s);
  if (!m) compiled.set(s, (m = s.matchers.map((x) => MatcherSchema.parse(x))));
  return m;
}

/**
 * The silence muting an alert at `at`, if any. A silence only mutes notifications: the alert is
 * still stored, counted and grouped, so silencing never drops data.
 */
export function findSilence(alert: Alert, silences: readonly Silence[], at: string): Silence | undefined {
  const labels = alertLabelSet(alert);
  return silences.find((s) => s.startsAt <= at && at < s.endsAt && matchAll(matchersOf(s), labels));
}
