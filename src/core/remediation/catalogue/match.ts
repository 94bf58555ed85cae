import type { Alert } from '../../alerts/alert.js';
import type { RunbookDescriptor, TriggerMatcher } from '../runbook.js';

/** `^…` is a regular expression source, anything else an exact name. */
function nameMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (pattern.startsWith('^')) return new RegExp(pattern).test(value);
  return pattern === value;
}

/** Alert metrics are `<namespace> <MetricName>`, optionally followed by dimensions (metricKey form). */
function metricMatches(pattern: string, value: string | undefined): boolean {
  return value !== undefined && (value === pattern || value.startsWith(`${pattern} `));
}

/**
 * True when the alert satisfies every condition the matcher sets. A matcher that names neither a
 * metric, a rule, a source nor a kind matches nothing (fail closed: no catch-all remediation).
 * `forMinutes` is the alarm's evaluation window: the alarm (or detector) already waited that long
 * before firing, so it is not re-checked against the alert's timestamps here.
 */
export function matchesTrigger(trigger: TriggerMatcher, alert: Alert): boolean {
  if (trigger.metric === undefined && trigger.rule === undefined && trigger.source === undefined && trigger.kind === undefined) return false;
  if (trigger.metric !== undefined && !metricMatches(trigger.metric, alert.metric)) return false;
  if (trigger.rule !== undefined && !nameMatches(trigger.rule, alert.rule)) return false;
  if (trigger.kind !== undefined && !trigger.kind.includes(alert.kind)) return false;
  if (trigger.source !== undefined && !trigger.source.includes(alert.source)) return false;
  if (trigger.resourceType !== undefined && alert.resourceType !== undefined && alert.resourceType !== trigger.resourceType) return false;
  if (trigger.above !== undefined && !(alert.value !== undefined && alert.value > trigger.above)) return false;
  if (trigger.below !== undefined && !(alert.value !== undefined && alert.value < trigger.below)) return false;
  for (const [k, v] of Object.entries(trigger.labels ?? {})) if (alert.labels[k] !== v) return false;
  return true;
}

function specificity(t: TriggerMatcher): number {
  return (t.metric ? 4 : 0) + (t.rule ? 4 : 0) + (t.above !== undefined || t.below !== undefined ? 2 : 0) + (t.resourceType ? 1 : 0) + (t.labels ? 1 : 0);
}

/**
 * Event-driven catalogue entries whose trigger matches the alert, most specific first, so that a
 * dedicated runbook (open SSH) wins over a generic one (any Config rule). Scheduled entries are
 * started by the scheduler, never by alerts.
 */
export function matchRunbooks(alert: Alert, catalogue: readonly RunbookDescriptor[]): RunbookDescriptor[] {
  return catalogue
    .filter((r) => r.pattern !== 'scheduled' && matchesTrigger(r.trigger, alert))
    .sort((a, b) => specificity(b.trigger) - specificity(a.trigger));
}
