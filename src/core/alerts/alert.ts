import type { Severity } from '../shared/severity.js';
import type { SignalKind, SignalLevel, SignalSource } from '../events/signal.js';

export type AlertStatus = 'firing' | 'resolved';

/**
 * An Alert is the deduplicated, stateful stream of signals sharing one fingerprint
 * (source, resource, metric/rule, identifying labels).
 */
export interface Alert {
  /** = fingerprint */
  id: string;
  fingerprint: string;
  status: AlertStatus;
  severity: Severity;
  level?: SignalLevel;
  source: SignalSource;
  kind: SignalKind;
  title: string;
  resourceArn: string;
  resourceType?: string;
  metric?: string;
  rule?: string;
  value?: number;
  threshold?: number;
  labels: Record<string, string>;
  /** Number of firing signals folded into this alert (re-deliveries excluded). */
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** When it last started firing (a resolved alert that fires again starts a new episode). */
  startsAt: string;
  endsAt?: string;
  lastSignalId: string;
  incidentId?: string;
  /** Why the pipeline muted it, if it did (silence id, maintenance window, inhibiting alert…). */
  mutedBy?: string;
  updatedAt: string;
}
