import Database from 'better-sqlite3';
import { describeClockContract } from '../../ports/clock.contract.js';
import { describeEventBusContract } from '../../ports/event-bus.contract.js';
import { describeSchedulerContract } from '../../ports/scheduler.contract.js';
import { SqliteStore } from './sqlite-store.js';
import { ManualClock, VirtualClock } from './clocks.js';
import { OutboxEventBus } from './outbox-bus.js';
import { ClockScheduler } from './cron-scheduler.js';

describeClockContract('ManualClock', () => {
  const clock = new ManualClock('2026-11-23T10:00:00.000Z');
  return { clock, advance: (ms) => clock.advance(ms) };
});

// A virtual clock a million times faster than real time: a virtual second is a microsecond.
describeClockContract('VirtualClock', () => {
  const clock = new VirtualClock(Date.parse('2026-11-23T10:00:00.000Z'), 1_000_000);
  return { clock, advance: (ms) => new Promise((r) => setTimeout(r, Math.ceil(ms / 1_000_000) + 1)) };
});

describeEventBusContract('OutboxEventBus', async () => {
  const store = new SqliteStore(':memory:');
  const bus = new OutboxEventBus(store.db as Database.Database, new ManualClock());
  return { bus, start: () => bus.start(), cleanup: () => store.close() };
});

describeSchedulerContract('ClockScheduler', () => {
  const clock = new ManualClock('2026-11-23T10:00:00.000Z');
  return { scheduler: new ClockScheduler(clock), advance: (ms) => clock.advance(ms) };
});
