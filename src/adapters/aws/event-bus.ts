import { EventBridgeClient, PutEventsCommand, type EventBridgeClientConfig } from '@aws-sdk/client-eventbridge';
import { AiopsError } from '../../core/shared/errors.js';
import type { Clock } from '../../ports/clock.js';
import type { BusEvent, BusHandler, EventBus } from '../../ports/event-bus.js';

export const EVENT_SOURCE = 'matcarv.aiops';

export type EventBridgeBusOptions = { eventBusName: string; clock: Clock; newId: () => string } & ({ client: EventBridgeClient; clientConfig?: never } | { clientConfig: EventBridgeClientConfig; client?: never });

/** The shape EventBridge delivers to a Lambda target (only the fields the bus uses). */
export interface EventBridgeEnvelope {
  id: string;
  'detail-type': string;
  source: string;
  time: string;
  detail: unknown;
}

/**
 * EventBus on EventBridge: `publish` is PutEvents (topic → detail-type, source matcarv.aiops).
 * Subscriptions are EventBridge rules on AWS; inside a Lambda, `dispatch` hands a delivered event
 * to the handlers registered with `subscribe`, so use cases keep one programming model.
 */
export class EventBridgeBus implements EventBus {
  private readonly client: EventBridgeClient;
  private readonly handlers = new Map<string, Set<BusHandler>>();

  constructor(private readonly options: EventBridgeBusOptions) {
    this.client = options.client ?? new EventBridgeClient(options.clientConfig ?? {});
  }

  async publish<T>(topic: string, payload: T, id?: string): Promise<BusEvent<T>> {
    const event: BusEvent<T> = { id: id ?? this.options.newId(), topic, time: new Date(this.options.clock.now()).toISOString(), payload };
    const res = await this.client.send(
      new PutEventsCommand({ Entries: [{ EventBusName: this.options.eventBusName, Source: EVENT_SOURCE, DetailType: topic, Time: new Date(event.time), Detail: JSON.stringify({ eventId: event.id, payload }) }] }),
    );
    if ((res.FailedEntryCount ?? 0) > 0) {
      const entry = res.Entries?.[0];
      throw new AiopsError(`EventBridge rejected ${topic}: ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`.trim(), 'BUS_PUBLISH_FAILED');
    }
    return event;
  }

  subscribe<T>(topic: string, handler: BusHandler<T>): () => void {
    const set = this.handlers.get(topic) ?? new Set();
    set.add(handler as BusHandler);
    this.handlers.set(topic, set);
    return () => set.delete(handler as BusHandler);
  }

  /** Delivers one EventBridge event to the local subscribers of its detail-type. */
  async dispatch(envelope: EventBridgeEnvelope): Promise<number> {
    const detail = (envelope.detail ?? {}) as { eventId?: string; payload?: unknown };
    const event: BusEvent = { id: detail.eventId ?? envelope.id, topic: envelope['detail-type'], time: envelope.time, payload: 'payload' in detail ? detail.payload : envelope.detail };
    const handlers = [...(this.handlers.get(event.topic) ?? [])];
    for (const h of handlers) await h(event);
    return handlers.length;
  }

  /** PutEvents is synchronous acceptance: nothing is buffered in this process. */
  async drain(): Promise<void> {}
}
