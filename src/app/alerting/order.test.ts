import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxEventBus } from '../../adapters/local/outbox-bus.js';
import { SqliteStore } from '../../adapters/local/sqlite-store.js';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { Collection, Doc, Store } from '../../ports/store.js';
import { createAlertingService } from './service.js';
import { alarmEvent } from './testing/fixtures.js';
import { ManualClock, MemoryBus, MemoryStore } from './testing/index.js';

const T0 = '2026-11-23T14:00:00.000Z';
const cpu = (name: string, at: string) => alarmEvent({ name, at, namespace: 'AWS/EC2', metric: 'CPUUtilization', dimensions: { AutoScalingGroupName: `${name}-asg` }, value: 95, threshold: 90 });

/** A store whose writes land in a shared journal, next to the bus's publishes. */
function journaled(store: Store, journal: string[]): Store {
  return {
    audit: store.audit,
    close: () => store.close(),
    collection<T extends Doc>(name: Parameters<Store['collection']>[0]): Collection<T> {
      const c = store.collection<T>(name);
      return {
        ...c,
        get: (id) => c.get(id),
        find: (q) => c.find(q),
        count: (w) => c.count(w),
        delete: (id) => c.delete(id),
        create: async (doc) => {
          journal.push(`${name}.create:${doc.id}`);
          return c.create(doc);
        },
        put: async (doc) => {
          journal.push(`${name}.put:${doc.id}${(doc as { incidentId?: string }).incidentId ? `→${(doc as { incidentId?: string }).incidentId}` : ''}`);
          return c.put(doc);
        },
        update: async (id, change) => {
          journal.push(`${name}.update:${id}`);
          return c.update(id, change);
        },
      };
    },
  };
}

describe('Function: createAlertingService › event order', () => {
  it('stores the alert that opens an incident before publishing incident.opened (no transaction)', async () => {
    const journal: string[] = [];
    const clock = new ManualClock(T0);
    const bus = new MemoryBus(clock);
    const publish = bus.publish.bind(bus);
    bus.publish = async (topic, payload, id) => {
      journal.push(`publish:${topic}`);
      return publish(topic, payload, id);
    };
    const svc = createAlertingService({ store: journaled(new MemoryStore(), journal), clock, bus });
    const r = await svc.ingest(cpu('prod-web-cpu-critical', T0));
    const alertId = r.alertIds[0] as string;
    const incidentId = r.incidentIds[0] as string;
    const stored = journal.indexOf(`alerts.put:${alertId}→${incidentId}`);
    expect(stored).toBeGreaterThanOrEqual(0);
    expect(journal.indexOf('publish:incident.opened')).toBeGreaterThan(stored);
    expect(journal.indexOf('publish:alert.updated')).toBeGreaterThan(journal.indexOf('publish:incident.opened'));
  });

  it('commits the alert and incident.opened together: a subscriber always finds the alert in its incident (SQLite + outbox)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiops-order-'));
    const store = new SqliteStore(join(dir, 'aiops.db'));
    const clock = new ManualClock(T0);
    const bus = new OutboxEventBus(store.db, clock);
    const seen: { incident?: Incident; alerts: (Alert | undefined)[] }[] = [];
    bus.subscribe<{ incidentId: string }>('incident.opened', async (e) => {
      const incident = await store.collection<Incident>('incidents').get(e.payload.incidentId);
      // Read without waiting: the alert must already be there, carrying the incident id.
      seen.push({ ...(incident ? { incident } : {}), alerts: await Promise.all((incident?.alertIds ?? []).map((id) => store.collection<Alert>('alerts').get(id))) });
    });
    bus.start();
    try {
      const svc = createAlertingService({ store, clock, bus });
      await svc.ingestBatch([cpu('prod-web-cpu-critical', T0), cpu('prod-api-cpu-critical', T0), cpu('prod-db-cpu-critical', T0)], { via: 'bus' });
      await bus.drain();
      expect(seen).toHaveLength(3);
      for (const s of seen) {
        expect(s.alerts).toHaveLength(1);
        expect(s.alerts[0]).toMatchObject({ status: 'firing', incidentId: s.incident?.id });
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Function: createAlertingService › a batch that fails', () => {
  it('rolls back the whole unit of work (signals, alerts, incidents, events) and a retry applies it once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiops-rollback-'));
    const store = new SqliteStore(join(dir, 'aiops.db'));
    const clock = new ManualClock(T0);
    const bus = new MemoryBus(clock);
    const publish = bus.publish.bind(bus);
    let failNext = true;
    bus.publish = async (topic, payload, id) => {
      if (failNext) {
        failNext = false;
        throw new Error('bus unavailable');
      }
      return publish(topic, payload, id);
    };
    try {
      const svc = createAlertingService({ store, clock, bus });
      const batch = [cpu('prod-web-cpu-critical', T0), cpu('prod-web-cpu-critical', '2026-11-23T14:01:00.000Z'), cpu('prod-api-cpu-critical', T0)];
      await expect(svc.ingestBatch(batch)).rejects.toThrow('bus unavailable');
      expect(await store.collection('signals').count()).toBe(0);
      expect(await store.collection('alerts').count()).toBe(0);
      expect(await store.collection('incidents').count()).toBe(0);
      expect(bus.published).toHaveLength(0);

      const results = await svc.ingestBatch(batch);
      expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      const alerts = await store.collection<Alert>('alerts').find();
      expect(alerts.map((a) => a.count).sort()).toEqual([1, 2]);
      expect(await store.collection('incidents').count()).toBe(2);
      expect(bus.topics().filter((t) => t === 'incident.opened')).toHaveLength(2);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
