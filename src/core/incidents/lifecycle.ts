import { IncidentTransitionError } from '../shared/errors.js';
import { worstSeverity, type Severity } from '../shared/severity.js';
import { INCIDENT_PHASES, type Incident, type IncidentPhase, type TimelineEntry } from './incident.js';

export const phaseIndex = (p: IncidentPhase): number => INCIDENT_PHASES.indexOf(p);

/**
 * Moves an incident forward to `to`. Phases may be skipped (an automated remediation can resolve
 * an incident nobody acknowledged) but never revisited: an incident never goes backwards.
 * Moving to the current phase is a no-op, so replays are idempotent.
 */
export function advance(incident: Incident, to: IncidentPhase, at: string, actor: string, message?: string): Incident {
  const from = incident.phase;
  if (phaseIndex(to) < phaseIndex(from)) throw new IncidentTransitionError(from, to);
  if (to === from) return incident;
  const entry: TimelineEntry = { at, kind: 'phase', phase: to, message: message ?? `${from} → ${to}`, actor };
  const next: Incident = { ...incident, phase: to, timeline: [...incident.timeline, entry], updatedAt: at };
  if (to === 'Acknowledgment' && !next.acknowledgedAt) {
    next.acknowledgedAt = at;
    next.acknowledgedBy = actor;
  }
  if (phaseIndex(to) >= phaseIndex('Resolution')) {
    next.status = 'resolved';
    if (!next.resolvedAt) {
      next.resolvedAt = at;
      next.resolvedBy = actor;
    }
  }
  return next;
}

/** Moves forward to `to` only if the incident is not already there or past it (never throws). */
export function advanceAtLeast(incident: Incident, to: IncidentPhase, at: string, actor: string, message?: string): Incident {
  return phaseIndex(incident.phase) >= phaseIndex(to) ? incident : advance(incident, to, at, actor, message);
}

export function addTimeline(incident: Incident, entry: TimelineEntry): Incident {
  return { ...incident, timeline: [...incident.timeline, entry], updatedAt: entry.at };
}

/** Raises severity when a worse alert joins; severity never drops while the incident is open. */
export function escalate(incident: Incident, severity: Severity, at: string, actor: string, why: string): Incident {
  const worst = worstSeverity(incident.severity, severity);
  if (worst === incident.severity) return incident;
  return addTimeline({ ...incident, severity: worst }, { at, kind: 'severity', message: `severity ${incident.severity} → ${worst}: ${why}`, actor });
}

export interface IncidentTimings {
  /** Time to acknowledge (ms), from opened to acknowledged. */
  mttaMs?: number;
  /** Time to resolve (ms), from opened to resolved. */
  mttrMs?: number;
}

/** MTTA/MTTR are derived from the recorded timeline, never stored separately. */
export function timings(incident: Incident): IncidentTimings {
  const opened = Date.parse(incident.openedAt);
  const out: IncidentTimings = {};
  if (incident.acknowledgedAt) out.mttaMs = Date.parse(incident.acknowledgedAt) - opened;
  if (incident.resolvedAt) out.mttrMs = Date.parse(incident.resolvedAt) - opened;
  return out;
}

export interface NewIncident {
  id: string;
  title: string;
  severity: Severity;
  groupKey: string;
  service?: string;
  environment?: string;
  resourceArns: string[];
  alertIds: string[];
  labels: Record<string, string>;
  at: string;
}

/** A new incident starts in Detection with one timeline entry. */
export function openIncident(n: NewIncident): Incident {
  return {
    id: n.id,
    title: n.title,
    severity: n.severity,
    phase: 'Detection',
    status: 'open',
    groupKey: n.groupKey,
    ...(n.service ? { service: n.service } : {}),
    ...(n.environment ? { environment: n.environment } : {}),
    resourceArns: n.resourceArns,
    alertIds: n.alertIds,
    labels: n.labels,
    openedAt: n.at,
    timeline: [{ at: n.at, kind: 'phase', phase: 'Detection', message: `Detected: ${n.title}`, actor: 'automated' }],
    updatedAt: n.at,
    version: 1,
  };
}
