import type { Severity } from '../core/shared/severity.js';

/** What a notifier is asked to deliver. */
export interface Notification {
  /** Idempotency key: the same key is never delivered twice by the notification log. */
  key: string;
  receiver: string;
  /** trigger/acknowledge/resolve map onto PagerDuty Events v2 actions; `info` for reports. */
  action: 'trigger' | 'acknowledge' | 'resolve' | 'approval' | 'info';
  title: string;
  summary: string;
  severity?: Severity;
  incidentId?: string;
  /** Link to the incident or approval in the console. */
  link?: string;
  labels?: Record<string, string>;
  details?: Record<string, unknown>;
}

/** A failure says whether retrying could help (5xx/timeouts) or not (4xx, bad config). */
export type NotifyResult = { ok: true; providerId?: string } | { ok: false; retryable: boolean; reason: string };

export interface Notifier {
  /** Receiver type, e.g. `slack`, `sns`, `pagerduty`, `email`, `webhook`, `outbox`. */
  readonly kind: string;
  notify(notification: Notification): Promise<NotifyResult>;
}
