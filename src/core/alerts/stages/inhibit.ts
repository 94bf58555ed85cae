import { z } from 'zod';
import type { Alert } from '../alert.js';
import { alertLabelSet, matchAll, MatcherSchema } from '../matchers.js';

/** Alertmanager inhibit_rules semantics: a firing source alert mutes matching targets sharing `equal` labels. */
export const InhibitRuleSchema = z.object({
  name: z.string().optional(),
  sourceMatchers: z.array(MatcherSchema).min(1),
  targetMatchers: z.array(MatcherSchema).min(1),
  equal: z.array(z.string()).default([]),
});
export type InhibitRule = z.infer<typeof InhibitRuleSchema>;

function inhibits(rule: InhibitRule, source: Alert, sourceLabels: Record<string, string>, target: Alert, targetLabels: Record<string, string>): boolean {
  if (source.id === target.id || source.status !== 'firing') return false;
  if (!matchAll(rule.targetMatchers, targetLabels) || !matchAll(rule.sourceMatchers, sourceLabels)) return false;
  // As in Alertmanager, a label missing on both sides counts as equal.
  return rule.equal.every((l) => (sourceLabels[l] ?? '') === (targetLabels[l] ?? ''));
}

/** The alert inhibiting `target`, if any, among `sources`. */
export function findInhibitor(target: Alert, sources: readonly Alert[], rules: readonly InhibitRule[]): Alert | undefined {
  const tl = alertLabelSet(target);
  for (const rule of rules) {
    for (const s of sources) if (inhibits(rule, s, alertLabelSet(s), target, tl)) return s;
  }
  return undefined;
}

/**
 * Which alerts are inhibited, and by whom, over a set of alerts. An alert that inhibits another
 * is never itself hidden, so the cause always stays visible.
 */
export function computeInhibitions(alerts: readonly Alert[], rules: readonly InhibitRule[]): Map<string, string> {
  const firing = alerts.filter((a) => a.status === 'firing');
  const out = new Map<string, string>();
  for (const t of firing) {
    const by = findInhibitor(t, firing, rules);
    if (by) out.set(t.id, by.id);
  }
  const inhibitors = new Set(out.values());
  for (const id of inhibitors) out.delete(id);
  return out;
}

/** Whether an alert can inhibit anything (cheap pre-filter for keeping an index of sources). */
export function isPotentialSource(alert: Alert, rules: readonly InhibitRule[]): boolean {
  const l = alertLabelSet(alert);
  return rules.some((r) => matchAll(r.sourceMatchers, l));
}
