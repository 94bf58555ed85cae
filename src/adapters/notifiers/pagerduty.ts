import type { Notification, Notifier, NotifyResult } from '../../ports/notifier.js';
import { defaultFetch, postJson, type FetchLike } from './http.js';

export interface PagerDutyNotifierOptions {
  routingKey: string;
  /** Events API v2 endpoint (overridable for tests and EU accounts). */
  url?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const SEVERITY: Record<string, string> = { 'SEV-1': 'critical', 'SEV-2': 'error', 'SEV-3': 'warning', 'SEV-4': 'info' };

/**
 * PagerDuty Events API v2. The dedup_key is the incident id, so trigger, acknowledge and resolve
 * all address the same PagerDuty alert and repeated triggers never page twice.
 */
export function pagerDutyEvent(n: Notification, routingKey: string): Record<string, unknown> {
  const dedupKey = n.incidentId ?? n.key;
  const action = n.action === 'acknowledge' ? 'acknowledge' : n.action === 'resolve' ? 'resolve' : 'trigger';
  if (action !== 'trigger') return { routing_key: routingKey, event_action: action, dedup_key: dedupKey };
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: n.title.slice(0, 1024),
      source: n.labels?.service || 'matcarv-aiops',
      severity: SEVERITY[n.severity ?? 'SEV-3'] ?? 'warning',
      ...(n.labels?.service ? { component: n.labels.service } : {}),
      ...(n.labels?.groupKey ? { group: n.labels.groupKey } : {}),
      custom_details: { summary: n.summary, ...(n.details ?? {}) },
    },
    ...(n.link ? { links: [{ href: n.link, text: 'Open incident in MatCarv AIOps' }] } : {}),
  };
}

export class PagerDutyNotifier implements Notifier {
  readonly kind = 'pagerduty';
  constructor(private readonly opts: PagerDutyNotifierOptions) {}
  async notify(n: Notification): Promise<NotifyResult> {
    const r = await postJson(this.opts.fetch ?? defaultFetch, this.opts.url ?? 'https://events.pagerduty.com/v2/enqueue', pagerDutyEvent(n, this.opts.routingKey), {}, this.opts.timeoutMs);
    if (!r.ok) return { ok: false, retryable: r.retryable, reason: r.reason };
    let key: string | undefined;
    try {
      key = (JSON.parse(r.body ?? '{}') as { dedup_key?: string }).dedup_key;
    } catch {
      key = undefined;
    }
    return { ok: true, ...(key ? { providerId: key } : {}) };
  }
}
