import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AsyncResource } from 'node:async_hooks';
import type { Clock } from '../../ports/clock.js';
import type { BusEvent, BusHandler, EventBus } from '../../ports/event-bus.js';

interface OutboxRow {
  seq: number;
  id: string;
  topic: string;
  time: string;
  payload: string;
  attempts: number;
}

export interface OutboxBusOptions {
  /** Attempts before an event is dead-lettered (kept in the outbox with status `dead` and the error). */
  maxAttempts?: number;
  onError?: (event: BusEvent, error: unknown) => void;
}

/**
 * The local EventBus. `publish` first writes the event to the `outbox` table (same SQLite file as
 * the store), then dispatches it to in-process subscribers; an event is marked delivered only after
 * every handler succeeded. After a crash, `start()` delivers whatever was still pending.
 * Handlers must therefore be idempotent (they get the event id to dedupe on).
 */
export class OutboxEventBus implements EventBus {
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private readonly insert: Database.Statement;
  private readonly pending: Database.Statement;
  private readonly markDelivered: Database.Statement;
  private readonly markFailed: Database.Statement;
  private dispatching: Promise<void> | undefined;
  private again = false;
  private started = false;
  private readonly maxAttempts: number;
  /** Delivery runs in the bus's own async context, never inside a publisher's (e.g. a store transaction). */
  private readonly scope = new AsyncResource('aiops.outbox-bus');

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly options: OutboxBusOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.insert = db.prepare('INSERT OR IGNORE INTO outbox (id, topic, time, payload) VALUES (?, ?, ?, ?)');
    this.pending = db.prepare("SELECT seq, id, topic, time, payload, attempts FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT 200");
    this.markDelivered = db.prepare("UPDATE outbox SET status = 'delivered', attempts = attempts + 1 WHERE seq = ?");
    this.markFailed = db.prepare('UPDATE outbox SET attempts = attempts + 1, lastError = ?, status = CASE WHEN attempts + 1 >= ? THEN \'dead\' ELSE \'pending\' END WHERE seq = ?');
  }

  async publish<T>(topic: string, payload: T, id: string = randomUUID()): Promise<BusEvent<T>> {
    const event: BusEvent<T> = { id, topic, time: new Date(this.clock.now()).toISOString(), payload };
    this.insert.run(id, topic, event.time, JSON.stringify(payload ?? null));
    if (this.started) this.kick();
    return event;
  }

  subscribe<T>(topic: string, handler: BusHandler<T>): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler as BusHandler);
    return () => set!.delete(handler as BusHandler);
  }

  /** Begins delivery, including events left pending by a previous run. Call after subscribing. */
  start(): void {
    this.started = true;
    this.kick();
  }

  async drain(): Promise<void> {
    while (this.dispatching) await this.dispatching;
  }

  /** Counts by status, for health and the console. */
  stats(): Record<string, number> {
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Dead-lettered events with their last error. */
  deadLetters(limit = 100): { id: string; topic: string; lastError: string | null; payload: unknown }[] {
    return (this.db.prepare("SELECT id, topic, lastError, payload FROM outbox WHERE status = 'dead' ORDER BY seq DESC LIMIT ?").all(limit) as { id: string; topic: string; lastError: string | null; payload: string }[]).map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
  }

  /** Removes delivered events older than `olderThanIso` (dead letters are kept). */
  prune(olderThanIso: string): number {
    return this.db.prepare("DELETE FROM outbox WHERE status = 'delivered' AND time < ?").run(olderThanIso).changes;
  }

  private kick(): void {
    if (this.dispatching) {
      this.again = true;
      return;
    }
    this.dispatching = this.scope.runInAsyncScope(() => this.dispatchLoop()).finally(() => {
      this.dispatching = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async dispatchLoop(): Promise<void> {
    for (;;) {
      const rows = this.pending.all() as OutboxRow[];
      if (rows.length === 0) return;
      let progressed = false;
      for (const row of rows) {
        const event: BusEvent = { id: row.id, topic: row.topic, time: row.time, payload: JSON.parse(row.payload) };
        try {
          for (const h of [...(this.handlers.get(row.topic) ?? [])]) await h(event);
          this.markDelivered.run(row.seq);
          progressed = true;
        } catch (error) {
          this.markFailed.run(String((error as Error)?.stack ?? error).slice(0, 2000), this.maxAttempts, row.seq);
          this.options.onError?.(event, error);
          progressed = true;
        }
      }
      if (!progressed) return;
    }
  }
}
