import { stableHash } from '../shared/hash.js';
import type { Alert } from '../alerts/alert.js';
import type { Incident } from './incident.js';
import { addTimeline, escalate, openIncident } from './lifecycle.js';

export interface GroupingOptions {
  groupBy: readonly string[];
  /** Cross-source correlation window (ms): same resource or service, close enough in time. */
  correlationWindowMs: number;
}

/**
 * The grouping key from the group_by labels. An alert missing any of them also groups by its
 * resource, so unlabelled alerts (a finding on an untagged instance) never collapse into one
 * giant "environment=prod" incident.
 */
export function groupKeyFor(alert: Pick<Alert, 'labels' | 'resourceArn'>, groupBy: readonly string[]): string {
  const present = groupBy.filter((k) => alert.labels[k] !== undefined && alert.labels[k] !== '');
  const parts = present.map((k) => `${k}=${alert.labels[k]}`);
  if (present.length < groupBy.length) parts.push(`resource=${alert.resourceArn}`);
  return parts.join(',');
}

/** Deterministic per alert episode, so re-processing after a crash finds the same incident. */
export function incidentIdFor(alert: Pick<Alert, 'fingerprint' | 'startsAt'>): string {
  return `inc-${stableHash(`${alert.fingerprint}|${alert.startsAt}`)}`;
}

/** The last time an alert joined or (re)fired in the incident. */
export function lastActivity(incident: Incident): string {
  let last = incident.openedAt;
  for (const e of incident.timeline) if (e.kind === 'alert' && e.at > last) last = e.at;
  return last;
}

export interface GroupDecision {
  incident: Incident;
  reason: string;
}

const within = (a: string, b: string, ms: number): boolean => Math.abs(Date.parse(a) - Date.parse(b)) <= ms;

/**
 * Which open incident an alert belongs to, among candidates (the caller looks them up by group
 * key, resource and service): same group first, then cross-source correlation on the same
 * resource, then the same service and environment, both within the correlation window.
 */
export function findIncidentFor(alert: Alert, candidates: readonly Incident[], opts: GroupingOptions): GroupDecision | undefined {
  const open = candidates.filter((i) => i.status === 'open');
  const key = groupKeyFor(alert, opts.groupBy);
  const at = alert.lastSeen;
  const byGroup = open.find((i) => i.groupKey === key);
  if (byGroup) return { incident: byGroup, reason: `same group (${key})` };
  const byResource = open.find((i) => i.resourceArns.includes(alert.resourceArn) && within(lastActivity(i), at, opts.correlationWindowMs));
  if (byResource) return { incident: byResource, reason: `same resource ${alert.resourceArn} within ${Math.round(opts.correlationWindowMs / 60_000)} min` };
  const service = alert.labels.service;
  if (service) {
    const env = alert.labels.environment;
    const bySvc = open.find((i) => i.service === service && (i.environment ?? env) === env && within(lastActivity(i), at, opts.correlationWindowMs));
    if (bySvc) return { incident: bySvc, reason: `same service ${service} within ${Math.round(opts.correlationWindowMs / 60_000)} min` };
  }
  return undefined;
}

/** A new incident for an alert that belongs to none (Detection; the service moves it to Triage). */
export function openIncidentFor(alert: Alert, opts: GroupingOptions, at: string): Incident {
  const groupKey = groupKeyFor(alert, opts.groupBy);
  const labels = Object.fromEntries(opts.groupBy.filter((k) => alert.labels[k] !== undefined).map((k) => [k, alert.labels[k] as string]));
  const incident = openIncident({
    id: incidentIdFor(alert),
    title: alert.labels.service ? `${alert.labels.service}: ${alert.title}` : alert.title,
    severity: alert.severity,
    groupKey,
    ...(alert.labels.service ? { service: alert.labels.service } : {}),
    ...(alert.labels.environment ? { environment: alert.labels.environment } : {}),
    resourceArns: [alert.resourceArn],
    alertIds: [alert.id],
    labels,
    at,
  });
  return addTimeline(incident, { at, kind: 'alert', message: `alert ${alert.title} opened the incident (group ${groupKey})`, actor: 'automated', data: { alertId: alert.id, reason: 'opened' } });
}

/**
 * Adds an alert to an incident (idempotent for an alert already in it, apart from severity),
 * recording why it joined; the incident's severity becomes its worst alert's.
 */
export function attachAlert(incident: Incident, alert: Alert, at: string, reason: string): Incident {
  let next = incident;
  if (!incident.alertIds.includes(alert.id)) {
    next = {
      ...incident,
      alertIds: [...incident.alertIds, alert.id],
      resourceArns: incident.resourceArns.includes(alert.resourceArn) ? incident.resourceArns : [...incident.resourceArns, alert.resourceArn],
    };
    next = addTimeline(next, { at, kind: 'alert', message: `alert ${alert.title} joined: ${reason}`, actor: 'automated', data: { alertId: alert.id, reason } });
  }
  return escalate(next, alert.severity, at, 'automated', `alert ${alert.title} is ${alert.severity}`);
}

/** Records that an alert already in the incident fired again (keeps the correlation window alive). */
export function noteRefire(incident: Incident, alert: Alert, at: string): Incident {
  const next = addTimeline(incident, { at, kind: 'alert', message: `alert ${alert.title} fired again`, actor: 'automated', data: { alertId: alert.id, reason: 'refired' } });
  return escalate(next, alert.severity, at, 'automated', `alert ${alert.title} is ${alert.severity}`);
}
