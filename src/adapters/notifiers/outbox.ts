import type { Clock } from '../../ports/clock.js';
import type { Notification, Notifier, NotifyResult } from '../../ports/notifier.js';
import type { Store } from '../../ports/store.js';

interface OutboxRecord {
  id: string;
  at: string;
  receiver: string;
  status: 'sent';
  incidentId?: string;
  notification: Notification;
}

/**
 * The outbox notifier: records every notification in the store's `notifications` collection (the
 * console's notification log) instead of sending it anywhere, so local runs need no external
 * service. Keyed by the notification key, so a repeated delivery is a no-op.
 */
export class OutboxNotifier implements Notifier {
  readonly kind = 'outbox';
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async notify(n: Notification): Promise<NotifyResult> {
    const rec: OutboxRecord = { id: `n-${n.key}`, at: new Date(this.clock.now()).toISOString(), receiver: n.receiver, status: 'sent', ...(n.incidentId ? { incidentId: n.incidentId } : {}), notification: n };
    await this.store.collection<OutboxRecord>('notifications').create(rec);
    return { ok: true, providerId: rec.id };
  }
}
