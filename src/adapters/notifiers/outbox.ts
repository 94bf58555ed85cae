import type { Notification, Notifier, NotifyResult } from '../../ports/notifier.js';

/**
 * The local outbox: records every notification (the console shows the notification log, which
 * holds the same entries). Never fails, so local runs need no external service.
 */
export class OutboxNotifier implements Notifier {
  readonly kind = 'outbox';
  readonly sent: Notification[] = [];
  async notify(n: Notification): Promise<NotifyResult> {
    this.sent.push(n);
    return { ok: true, providerId: n.key };
  }
}
