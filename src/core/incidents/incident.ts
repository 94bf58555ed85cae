import type { Severity } from '../shared/severity.js';

/** The seven lifecycle phases, in order. An incident never goes backwards. */
export const INCIDENT_PHASES = [
  'Detection',
  'Triage',
  'Acknowledgment',
  'Investigation',
  'Remediation',
  'Resolution',
  'Post-Mortem',
] as const;
export type IncidentPhase = (typeof INCIDENT_PHASES)[number];

export type IncidentStatus = 'open' | 'resolved';

export type TimelineKind = 'phase' | 'alert' | 'execution' | 'approval' | 'notification' | 'note' | 'severity' | 'rca';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  phase?: IncidentPhase;
  message: string;
  /** `automated` or the principal who acted. */
  actor: string;
  data?: Record<string, unknown>;
}

export interface Incident {
  id: string;
  title: string;
  severity: Severity;
  phase: IncidentPhase;
  status: IncidentStatus;
  /** The grouping key that put alerts together (e.g. service=checkout,env=prod). */
  groupKey: string;
  service?: string;
  environment?: string;
  resourceArns: string[];
  alertIds: string[];
  labels: Record<string, string>;
  openedAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  resolvedAt?: string;
  resolvedBy?: string;
  timeline: TimelineEntry[];
  updatedAt: string;
  /** Optimistic-concurrency version, bumped on every write. */
  version: number;
}
