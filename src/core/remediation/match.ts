import type { Alert } from '../alerts/alert.js';
import type { RunbookDescriptor, TriggerMatcher } from './runbook.js';

/**
 * Does a firing alert satisfy a runbook's trigger? Thresholds are data: the alert must be on the
 * trigger's metric/rule and its value on the right side of the threshold. `forMinutes` is honoured
 * by the alarm's own evaluation window (the sandbox and CDK alarms are built from the same value),
 * so here it only requires that the alert was raised by an alarm at least that long, when known.
 */
export function matchesTrigger(t: TriggerMatcher, alert: Alert): boolean {
  if (alert.status !== 'firing') return false;
  if (t.kind && !t.kind.includes(alert.kind)) return false;
  if (t.source && !t.source.includes(alert.source)) return false;
  if (t.metric && alert.metric !== t.metric) return false;
  if (t.rule) {
    const rule = alert.rule ?? '';
    if (t.rule.startsWith('^') ? !new RegExp(t.rule).test(rule) : rule !== t.rule) return false;
  }
  if (t.resourceType && alert.resourceType && alert.resourceType !== t.resourceType) return false;
  if (t.above !== undefined && (alert.threshold ?? alert.value ?? -Infinity) < t.above && (alert.value ?? -Infinity) <= t.above) return false;
  if (t.below !== undefined && (alert.threshold ?? alert.value ?? Infinity) > t.below && (alert.value ?? Infinity) >= t.below) return false;
  if (t.labels && !Object.entries(t.labels).every(([k, v]) => alert.labels[k] === v)) return false;
  return true;
}

export function runbooksFor(alert: Alert, catalogue: readonly RunbookDescriptor[]): RunbookDescriptor[] {
  return catalogue.filter((r) => r.pattern !== 'scheduled' && matchesTrigger(r.trigger, alert));
}
