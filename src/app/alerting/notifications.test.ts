import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { Notification, Notifier, NotifyResult } from '../../ports/notifier.js';
import type { AlertingConfig } from './config.js';
import type { NotificationRecord } from './dispatcher.js';
import { createAlertingService } from './service.js';
import { alarmEvent } from './testing/fixtures.js';
import { ManualClock, MemoryBus, MemoryStore } from './testing/index.js';

const T0 = '2026-11-23T14:00:00.000Z';
const at = (min: number): string => new Date(Date.parse(T0) + min * 60_000).toISOString();

function setup(config: AlertingConfig = {}, custom?: Notifier) {
  const store = new MemoryStore();
  const clock = new ManualClock(T0);
  // A receiver that always accepts: the dispatcher's own log is what these tests read.
  const notifier: Notifier = custom ?? { kind: 'recording', notify: async (n) => ({ ok: true, providerId: n.key }) };
  const bus = new MemoryBus(clock);
  const svc = createAlertingService({ store, clock, bus, notifiers: { outbox: notifier, pager: notifier, manager: notifier }, config });
  const log = store.collection<NotificationRecord>('notifications');
  /** Moves virtual time forward in 10 s ticks, as the platform's scheduler does. */
  const run = async (toMin: number) => {
    while (clock.now() < Date.parse(at(toMin))) {
      clock.advance(10_000);
      await svc.tick();
    }
  };
  return { store, clock, svc, log, run, alerts: store.collection<Alert>('alerts'), incidents: store.collection<Incident>('incidents') };
}

const cpu = (state: 'ALARM' | 'OK', t: string, name = 'prod-web-cpu-critical', service = 'web-asg') => alarmEvent({ name, state, at: t, namespace: 'AWS/EC2', metric: 'CPUUtilization', dimensions: { AutoScalingGroupName: service }, value: 95, threshold: 90 });

class FlakyNotifier implements Notifier {
  readonly kind = 'webhook';
  calls = 0;
  constructor(private readonly failures: number, private readonly retryable = true) {}
  async notify(_n: Notification): Promise<NotifyResult> {
    this.calls++;
    return this.calls <= this.failures ? { ok: false, retryable: this.retryable, reason: 'HTTP 503' } : { ok: true };
  }
}

describe('Feature: notifications (group_wait, group_interval, repeat_interval)', () => {
  it('waits group_wait, batches a new alert per group_interval, then sends ack and resolve once', async () => {
    const { svc, log, run, clock } = setup();
    const r = await svc.ingest(cpu('ALARM', T0));
    await run(0.3);
    expect(await log.count()).toBe(0);
    await run(0.6);
    expect((await log.find()).map((n) => n.action)).toEqual(['trigger']);
    await svc.ingest(cpu('ALARM', at(1), 'prod-web-latency-warning'));
    await run(5);
    expect(await log.count()).toBe(1);
    await run(6);
    expect((await log.find()).map((n) => n.action)).toEqual(['trigger', 'trigger']);
    await svc.acknowledge(r.incidentIds[0] as string, 'alice');
    await run(7);
    await svc.resolve(r.incidentIds[0] as string, 'alice');
    await run(8);
    expect((await log.find()).map((n) => `${n.action}:${n.status}`)).toEqual(['trigger:sent', 'trigger:sent', 'acknowledge:sent', 'resolve:sent']);
    // Nothing is ever sent twice, however often we tick.
    clock.advance(5 * 3_600_000);
    await svc.tick();
    expect(await log.count()).toBe(4);
  });

  it('repeats an unacknowledged incident after repeat_interval', async () => {
    const { svc, log, run } = setup({ grouping: { repeatInterval: '1h' } });
    await svc.ingest(cpu('ALARM', T0));
    await run(61);
    expect((await log.find()).map((n) => n.action)).toEqual(['trigger', 'trigger']);
  });

  it('retries a retryable failure with backoff and records it as sent once delivered', async () => {
    const flaky = new FlakyNotifier(2);
    const { svc, log, run } = setup({ retry: { baseDelay: '10s', maxDelay: '1m' } }, flaky);
    await svc.ingest(cpu('ALARM', T0));
    await run(3);
    const [rec] = await log.find();
    expect(rec).toMatchObject({ status: 'sent', attempts: 3 });
    expect(flaky.calls).toBe(3);
  });

  it('gives up at once on a non-retryable failure', async () => {
    const { svc, log, run } = setup({}, new FlakyNotifier(1, false));
    await svc.ingest(cpu('ALARM', T0));
    await run(3);
    expect((await log.find())[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 503' });
  });

  it('escalates an unacknowledged SEV-1 after N minutes, once', async () => {
    const config: AlertingConfig = { customerFacingServices: ['web'], route: { receiver: 'outbox', routes: [{ matchers: ['severity="SEV-1"'], receiver: 'pager', escalation: { after: '15m', receiver: 'manager' } }] }, receivers: [{ name: 'outbox', type: 'outbox' }, { name: 'pager', type: 'outbox' }, { name: 'manager', type: 'outbox' }] };
    const { svc, log, run, incidents } = setup(config);
    const r = await svc.ingest(cpu('ALARM', T0));
    expect((await incidents.get(r.incidentIds[0] as string))?.severity).toBe('SEV-1');
    await run(20);
    expect((await log.find()).map((n) => n.receiver)).toEqual(['pager', 'manager']);
    expect((await incidents.get(r.incidentIds[0] as string))?.timeline.some((t) => t.message.startsWith('escalated to manager'))).toBe(true);
  });

  it('sends one notification for a flapping alarm, not one per toggle', async () => {
    const { svc, log, run } = setup({ autoResolve: true });
    for (let i = 0; i < 12; i++) {
      await svc.ingest(cpu(i % 2 ? 'OK' : 'ALARM', at(i * 2)));
      await run(i * 2 + 2);
    }
    const triggers = (await log.find()).filter((n) => n.action === 'trigger');
    expect(triggers.length).toBeLessThanOrEqual(2);
  });

  it('holds alerts of a class that usually clears by itself, and notifies only if still firing', async () => {
    const { svc, log, run } = setup({ transientPause: { pause: '5m', minEpisodes: 3 } });
    for (let i = 0; i < 3; i++) {
      await svc.ingest(cpu('ALARM', at(i * 20), `prod-batch${i}-cpu-warning`, `batch-${i}`));
      await svc.ingest(cpu('OK', at(i * 20 + 1), `prod-batch${i}-cpu-warning`, `batch-${i}`));
    }
    await run(60);
    const before = await log.count();
    await svc.ingest(cpu('ALARM', at(60), 'prod-batch7-cpu-warning', 'batch-7'));
    await run(63);
    expect(await log.count()).toBe(before);
    await run(67);
    expect(await log.count()).toBe(before + 1);
  });
});

describe('Feature: silences, maintenance, inhibition', () => {
  it('mutes notifications for silenced alerts but keeps every alert and count (property: silences never drop data)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ svc: fc.constantFrom('web', 'api', 'db'), minute: fc.integer({ min: 0, max: 30 }) }), { minLength: 1, maxLength: 8 }), fc.constantFrom('web', 'api'), async (events, silenced) => {
        const plain = setup();
        const muted = setup();
        await muted.svc.createSilence({ matchers: [`service="${silenced}"`], startsAt: T0, endsAt: at(600), createdBy: 'alice', comment: 'maintenance' });
        for (const e of events) {
          const raw = cpu('ALARM', at(e.minute), `prod-${e.svc}-cpu-critical`, e.svc);
          await plain.svc.ingest(raw);
          await muted.svc.ingest(raw);
        }
        const strip = (as: Alert[]) => as.map((a) => ({ id: a.id, count: a.count, status: a.status, firstSeen: a.firstSeen, lastSeen: a.lastSeen })).sort((x, y) => x.id.localeCompare(y.id));
        expect(strip(await muted.alerts.find())).toEqual(strip(await plain.alerts.find()));
        await muted.run(40);
        for (const n of await muted.log.find()) expect(n.notification.labels?.service).not.toBe(silenced);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps expired silences for audit', async () => {
    const { svc } = setup();
    const s = await svc.createSilence({ matchers: ['service="web"'], startsAt: T0, endsAt: at(60), createdBy: 'alice', comment: 'deploy' });
    const e = await svc.expireSilence(s.id, 'bob');
    expect(e).toMatchObject({ status: 'expired', expiredBy: 'bob', endsAt: T0 });
    expect((await svc.listSilences()).map((x) => x.id)).toEqual([s.id]);
    await expect(svc.createSilence({ matchers: [], startsAt: T0, endsAt: at(1), createdBy: 'a', comment: 'c' })).rejects.toThrow(/matchers/);
  });

  it('inhibits SEV-3/4 symptoms of a service while its SEV-1 fires, never the SEV-1', async () => {
    const { svc, alerts, log, run } = setup({ customerFacingServices: ['web'], inhibitRules: [{ sourceMatchers: ['severity="SEV-1"'], targetMatchers: ['severity=~"SEV-[34]"'], equal: ['service'] }], grouping: { groupBy: ['alertname'] } });
    const cause = await svc.ingest(cpu('ALARM', T0));
    const symptom = await svc.ingest(alarmEvent({ name: 'prod-web-latency-warning', at: at(1), namespace: 'AWS/EC2', metric: 'NetworkIn', dimensions: { InstanceId: 'i-1' } }));
    expect((await alerts.get(cause.alertIds[0] as string))?.mutedBy).toBeUndefined();
    expect((await alerts.get(symptom.alertIds[0] as string))?.mutedBy).toBe(`inhibited-by:${cause.alertIds[0]}`);
    await run(10);
    expect((await log.find()).map((n) => n.incidentId)).toEqual(cause.incidentIds);
  });

  it('mutes alerts inside a maintenance window, letting SEV-1 through when configured', async () => {
    const { svc, alerts } = setup({ maintenanceWindows: [{ name: 'daily-web', cron: '0 14 * * *', duration: '1h', matchers: ['service="web"'], allowSeverity: 'SEV-1' }] });
    const r = await svc.ingest(cpu('ALARM', at(5)));
    expect((await alerts.get(r.alertIds[0] as string))?.mutedBy).toBe('maintenance:daily-web');
    expect(r.incidentIds).toEqual([]);
  });
});
