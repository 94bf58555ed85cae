/** A domain event on the bus. `id` makes delivery idempotent: handlers may see an event twice. */
export interface BusEvent<T = unknown> {
  id: string;
  topic: string;
  time: string;
  payload: T;
}

export type BusHandler<T = unknown> = (event: BusEvent<T>) => Promise<void> | void;

/**
 * Publish/subscribe between use cases. Locally an in-process bus with a durable outbox (an event
 * accepted by `publish` survives a crash and is delivered after restart); on AWS, EventBridge.
 * Delivery is at-least-once; a handler that throws is retried and finally dead-lettered.
 */
export interface EventBus {
  publish<T>(topic: string, payload: T, id?: string): Promise<BusEvent<T>>;
  subscribe<T>(topic: string, handler: BusHandler<T>): () => void;
  /** Resolves when every event published so far has been delivered (or dead-lettered). */
  drain(): Promise<void>;
}
