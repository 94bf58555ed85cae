import type { Notification, Notifier, NotifyResult } from '../../ports/notifier.js';
import { defaultFetch, postJson, type FetchLike } from './http.js';

export interface WebhookNotifierOptions {
  url: string;
  headers?: Record<string, string>;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/** Generic webhook: POSTs the notification as JSON (`{ version: "1", ...notification }`). */
export class WebhookNotifier implements Notifier {
  readonly kind = 'webhook';
  constructor(private readonly opts: WebhookNotifierOptions) {}
  async notify(n: Notification): Promise<NotifyResult> {
    const r = await postJson(this.opts.fetch ?? defaultFetch, this.opts.url, { version: '1', ...n }, { 'idempotency-key': n.key, ...(this.opts.headers ?? {}) }, this.opts.timeoutMs);
    return r.ok ? { ok: true, providerId: n.key } : { ok: false, retryable: r.retryable, reason: r.reason };
  }
}
