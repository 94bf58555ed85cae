import { z } from 'zod';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import { stableHash } from '../../core/shared/hash.js';
import { parseOrThrow } from '../../core/shared/zod.js';
import type { Clock } from '../../ports/clock.js';
import type { Store } from '../../ports/store.js';

export const FEEDBACK_VERDICTS = ['useful', 'too-sensitive', 'noisy', 'incorrect'] as const;

export const FeedbackInputSchema = z.object({
  targetId: z.string().min(1),
  targetKind: z.enum(['incident', 'alert', 'anomaly']),
  verdict: z.enum(FEEDBACK_VERDICTS),
  principal: z.string().min(1),
  comment: z.string().max(2000).optional(),
  /** The detecting rule; derived from the incident's or alert's rule when omitted. */
  rule: z.string().min(1).optional(),
});
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;

export interface FeedbackRecord extends FeedbackInput {
  id: string;
  rule: string;
  at: string;
  version?: number;
}

/** One verdict per responder per target: giving feedback again replaces the previous one. */
export async function recordFeedback(store: Store, clock: Clock, input: FeedbackInput): Promise<FeedbackRecord> {
  const f = parseOrThrow(FeedbackInputSchema, input);
  let rule = f.rule;
  if (!rule && f.targetKind === 'alert') rule = (await store.collection<Alert>('alerts').get(f.targetId))?.rule;
  if (!rule && f.targetKind === 'incident') {
    const inc = await store.collection<Incident>('incidents').get(f.targetId);
    const first = inc?.alertIds[0] ? await store.collection<Alert>('alerts').get(inc.alertIds[0]) : undefined;
    rule = first?.rule;
  }
  const rec: FeedbackRecord = { ...f, id: `fb-${stableHash(`${f.targetKind}|${f.targetId}|${f.principal}`)}`, rule: rule ?? 'unknown', at: new Date(clock.now()).toISOString() };
  await store.collection<FeedbackRecord>('feedback').put(rec);
  return rec;
}

export interface RuleFeedback {
  rule: string;
  total: number;
  useful: number;
  'too-sensitive': number;
  noisy: number;
  incorrect: number;
  /** Share of verdicts that were not `useful`: the tuning signal. */
  noiseShare: number;
}

/** Verdicts per rule, noisiest first, so thresholds can be tuned where responders complain. */
export async function feedbackByRule(store: Store): Promise<RuleFeedback[]> {
  const rows = new Map<string, RuleFeedback>();
  for (const f of await store.collection<FeedbackRecord>('feedback').find()) {
    const r = rows.get(f.rule) ?? { rule: f.rule, total: 0, useful: 0, 'too-sensitive': 0, noisy: 0, incorrect: 0, noiseShare: 0 };
    r.total++;
    r[f.verdict]++;
    r.noiseShare = (r.total - r.useful) / r.total;
    rows.set(f.rule, r);
  }
  return [...rows.values()].sort((a, b) => b.noiseShare - a.noiseShare || b.total - a.total);
}

export async function exportFeedback(store: Store): Promise<FeedbackRecord[]> {
  return store.collection<FeedbackRecord>('feedback').find({ order: 'asc' });
}
