import { describe, expect, it } from 'vitest';
import type { BusEvent, EventBus } from './event-bus.js';

/** Every EventBus: at-least-once delivery in publish order per topic, unsubscribe, drain. */
export function describeEventBusContract(name: string, make: () => Promise<{ bus: EventBus; start?: () => void; cleanup?: () => Promise<void> }>): void {
  describe(`EventBus contract: ${name}`, () => {
    it('delivers each published event to every subscriber of its topic, in order, with id and time', async () => {
      const { bus, start, cleanup } = await make();
      const a: BusEvent[] = [];
      const b: BusEvent[] = [];
      bus.subscribe('t', (e) => void a.push(e));
      bus.subscribe('t', (e) => void b.push(e));
      bus.subscribe('other', () => {
        throw new Error('wrong topic');
      });
      start?.();
      await bus.publish('t', { n: 1 }, 'id-1');
      await bus.publish('t', { n: 2 });
      await bus.drain();
      expect(a.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 2 }]);
      expect(b).toHaveLength(2);
      expect(a[0]).toMatchObject({ id: 'id-1', topic: 't' });
      expect(Number.isNaN(Date.parse(a[0]!.time))).toBe(false);
      await cleanup?.();
    });

    it('stops delivering after unsubscribe', async () => {
      const { bus, start, cleanup } = await make();
      const got: unknown[] = [];
      const off = bus.subscribe('t', (e) => void got.push(e.payload));
      start?.();
      await bus.publish('t', 1);
      await bus.drain();
      off();
      await bus.publish('t', 2);
      await bus.drain();
      expect(got).toEqual([1]);
      await cleanup?.();
    });

    it('retries a handler that throws (at-least-once) and keeps delivering other events', async () => {
      const { bus, start, cleanup } = await make();
      let calls = 0;
      const ok: unknown[] = [];
      bus.subscribe('flaky', () => {
        calls++;
        if (calls === 1) throw new Error('transient');
      });
      bus.subscribe('fine', (e) => void ok.push(e.payload));
      start?.();
      await bus.publish('flaky', 'x');
      await bus.publish('fine', 'y');
      await bus.drain();
      expect(calls).toBeGreaterThanOrEqual(2);
      expect(ok).toEqual(['y']);
      await cleanup?.();
    });
  });
}
