import type { BusEvent, BusHandler, EventBus } from '../../../ports/event-bus.js';
import type { Clock } from '../../../ports/clock.js';

/** An in-process bus that records every published event (tests assert on `published`). */
export class MemoryBus implements EventBus {
  readonly published: BusEvent[] = [];
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private seq = 0;
  private pending: Promise<void>[] = [];
  constructor(private readonly clock?: Clock) {}

  async publish<T>(topic: string, payload: T, id?: string): Promise<BusEvent<T>> {
    const event: BusEvent<T> = { id: id ?? `evt-${++this.seq}`, topic, time: new Date(this.clock?.now() ?? 0).toISOString(), payload };
    this.published.push(event as BusEvent);
    for (const h of this.handlers.get(topic) ?? []) this.pending.push(Promise.resolve().then(() => h(event as BusEvent)));
    return event;
  }
  subscribe<T>(topic: string, handler: BusHandler<T>): () => void {
    const set = this.handlers.get(topic) ?? new Set();
    set.add(handler as BusHandler);
    this.handlers.set(topic, set);
    return () => set.delete(handler as BusHandler);
  }
  async drain(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      await Promise.allSettled(batch);
    }
  }
  topics(): string[] {
    return this.published.map((e) => e.topic);
  }
}
