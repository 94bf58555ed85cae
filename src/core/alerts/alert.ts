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
  /** `service` and `environment` labels, copied to top level for the store's filters and the console. */
  service?: string;
  environment?: string;
  /** `<time>|<resolved?1:0>|<signalId>` of the signal that set `status`: the latest one wins, whatever the arrival order. */
  stateKey?: string;
  /** When it last resolved (a firing signal older than this belongs to the previous episode). */
  lastResolvedAt?: string;
  /** The most recent signal ids folded in (bounded), so re-applying a signal is a no-op. */
  recentSignalIds?: string[];
  /** Times of the most recent firing↔resolved transitions (bounded), for flap detection. */
  stateChanges?: string[];
  /** Set by the flap stage while the alert toggles more than the configured times in its window. */
  flapping?: boolean;
}
