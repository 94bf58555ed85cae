import { describe, expect, it } from 'vitest';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { Cloud } from '../../ports/cloud.js';
import type { AlertingConfig } from './config.js';
import type { QuarantineRecord, StoredSignal } from './records.js';
import { createAlertingService } from './service.js';
import { alarmEvent, webhookEvent } from './testing/fixtures.js';
import { ManualClock, MemoryBus, MemoryStore } from './testing/index.js';

function setup(config?: AlertingConfig, inventory?: Cloud) {
  const store = new MemoryStore();
  const clock = new ManualClock('2026-11-23T14:00:00.000Z');
  const bus = new MemoryBus(clock);
  const svc = createAlertingService({ store, clock, bus, ...(config ? { config } : {}), ...(inventory ? { inventory } : {}) });
  return { store, clock, bus, svc, alerts: store.collection<Alert>('alerts'), incidents: store.collection<Incident>('incidents'), signals: store.collection<StoredSignal>('signals') };
}

const T0 = '2026-11-23T14:00:00.000Z';
const cpu = (state: 'ALARM' | 'OK', at: string) => alarmEvent({ name: 'prod-web-cpu-critical', state, at, namespace: 'AWS/EC2', metric: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'web-asg' }, value: state === 'ALARM' ? 95 : 20, threshold: 90 });

describe('Function: createAlertingService › ingest', () => {
  it('turns a CloudWatch alarm into a stored signal, a firing alert and an incident in Triage', async () => {
    const { svc, alerts, incidents, signals, bus } = setup();
    const r = await svc.ingest(cpu('ALARM', T0), { via: 'sandbox' });
    expect(r.status).toBe('accepted');
    expect(r.signalIds).toHaveLength(1);
    const sig = await signals.get(r.signalIds[0] as string);
    expect(sig).toMatchObject({ status: 'processed', via: 'sandbox', alertId: r.alertIds[0], incidentId: r.incidentIds[0] });
    const alert = await alerts.get(r.alertIds[0] as string);
    expect(alert).toMatchObject({ status: 'firing', count: 1, severity: 'SEV-2', service: 'web', environment: 'prod', incidentId: r.incidentIds[0] });
    const inc = await incidents.get(r.incidentIds[0] as string);
    expect(inc).toMatchObject({ phase: 'Triage', status: 'open', severity: 'SEV-2', groupKey: 'service=web,environment=prod' });
    expect(inc?.timeline.filter((t) => t.kind === 'phase').map((t) => t.phase)).toEqual(['Detection', 'Triage']);
    expect(bus.topics()).toEqual(['incident.opened', 'alert.updated']);
    expect(bus.published[1]?.payload).toEqual({ alertId: alert?.id, incidentId: inc?.id, status: 'firing' });
  });

  it('treats a re-delivered event as a duplicate that counts nothing', async () => {
    const { svc, alerts } = setup();
    const first = await svc.ingest(cpu('ALARM', T0));
    const again = await svc.ingest(cpu('ALARM', T0));
    expect(again).toMatchObject({ status: 'duplicate', signalIds: first.signalIds, alertIds: first.alertIds, incidentIds: first.incidentIds });
    expect((await alerts.get(first.alertIds[0] as string))?.count).toBe(1);
  });

  it('quarantines invalid input with the field, the reason and the raw payload, once per payload', async () => {
    const { svc, store } = setup();
    const bad = { ...cpu('ALARM', T0), detail: { alarmName: 'x', state: { value: 'MAYBE', timestamp: T0 }, configuration: { metrics: [] } } };
    const r = await svc.ingest(bad, { via: 'api' });
    expect(r).toMatchObject({ status: 'quarantined', error: { field: 'detail.state.value' } });
    await svc.ingest(bad);
    const q = await store.collection<QuarantineRecord>('quarantine').find();
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ status: 'pending', field: 'detail.state.value', source: 'cloudwatch-alarm', raw: bad, deliveries: 2, via: 'api' });
  });

  it('replays a corrected quarantined payload into the pipeline', async () => {
    const { svc, store } = setup();
    const bad = webhookEvent({ id: 'w1', title: 'Disk full', resource: 'arn:aws:ec2:us-east-1:1:instance/i-1', at: 'soon' });
    await svc.ingest(bad);
    const [rec] = await store.collection<QuarantineRecord>('quarantine').find();
    const r = await svc.replayQuarantined(rec?.id as string, { ...bad, time: T0 });
    expect(r.status).toBe('accepted');
    expect((await store.collection<QuarantineRecord>('quarantine').get(rec?.id as string))?.status).toBe('replayed');
  });

  it('resolves the alert on OK but keeps the incident open unless autoResolve is on', async () => {
    for (const autoResolve of [false, true]) {
      const { svc, alerts, incidents } = setup({ autoResolve });
      const a = await svc.ingest(cpu('ALARM', T0));
      await svc.ingest(cpu('OK', '2026-11-23T14:10:00.000Z'));
      expect((await alerts.get(a.alertIds[0] as string))?.status).toBe('resolved');
      const inc = await incidents.get(a.incidentIds[0] as string);
      expect(inc?.status).toBe(autoResolve ? 'resolved' : 'open');
    }
  });

  it('groups alerts of the same service into one incident whose severity is the worst alert', async () => {
    const { svc, incidents } = setup({ customerFacingServices: ['checkout-api'] });
    const warn = await svc.ingest(alarmEvent({ name: 'prod-checkout-api-p99-duration-warning', at: T0, metric: 'Duration' }));
    const crit = await svc.ingest(alarmEvent({ name: 'prod-checkout-api-error-rate-critical', at: '2026-11-23T14:01:00.000Z', metric: 'Errors' }));
    expect(crit.incidentIds).toEqual(warn.incidentIds);
    const inc = await incidents.get(warn.incidentIds[0] as string);
    expect(inc?.alertIds).toHaveLength(2);
    expect(inc?.severity).toBe('SEV-1');
    expect(inc?.timeline.some((t) => t.kind === 'severity' && t.message.includes('SEV-3 → SEV-1'))).toBe(true);
  });

  it('correlates a different source on the same resource into the open incident', async () => {
    const { svc } = setup({ grouping: { groupBy: ['alertname'] } });
    const alarm = await svc.ingest(alarmEvent({ name: 'prod-checkout-api-error-rate-critical', at: T0 }));
    const hook = await svc.ingest(webhookEvent({ id: 'syn-1', title: 'Synthetic checkout failing', resource: 'arn:aws:lambda:us-east-1:123456789012:function:checkout-api', at: '2026-11-23T14:03:00.000Z' }));
    expect(hook.incidentIds).toEqual(alarm.incidentIds);
  });

  it('enriches from the inventory tags', async () => {
    const inventory = { describe: async () => ({ arn: 'x', type: 't', id: 'i', name: 'n', region: 'r', account: 'a', tags: { Service: 'payments', Environment: 'staging', owner: 'team-pay' }, state: {} }) } as unknown as Cloud;
    const { svc, alerts } = setup(undefined, inventory);
    const r = await svc.ingest(alarmEvent({ name: 'payments-fn-errors', at: T0 }));
    const a = await alerts.get(r.alertIds[0] as string);
    expect(a?.labels).toMatchObject({ service: 'payments', environment: 'staging', owner: 'team-pay' });
    expect(a?.severity).toBe('SEV-4');
  });

  it('keeps CloudTrail changes as signals without opening alerts', async () => {
    const { svc, alerts, signals } = setup();
    const r = await svc.ingest({ version: '0', id: 'ct-1', 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.lambda', account: '1', region: 'us-east-1', time: T0, resources: [], detail: { eventID: 'e1', eventTime: T0, eventSource: 'lambda.amazonaws.com', eventName: 'UpdateFunctionCode', awsRegion: 'us-east-1', requestParameters: { functionName: 'checkout-api' } } });
    expect(r).toMatchObject({ status: 'accepted', alertIds: [], incidentIds: [] });
    expect(await alerts.count()).toBe(0);
    expect((await signals.get(r.signalIds[0] as string))?.status).toBe('processed');
  });
});

describe('Function: createAlertingService › processPending', () => {
  it('re-processes a signal left pending by a crash exactly once', async () => {
    const { svc, signals, alerts, incidents } = setup();
    const r = await svc.ingest(cpu('ALARM', T0));
    // Simulate a crash after the alert and incident were written but before the signal was marked.
    await signals.update(r.signalIds[0] as string, (s) => ({ ...s, status: 'pending' }));
    expect(await svc.processPending()).toBe(1);
    expect(await svc.processPending()).toBe(0);
    expect((await alerts.get(r.alertIds[0] as string))?.count).toBe(1);
    expect(await incidents.count()).toBe(1);
    expect((await incidents.get(r.incidentIds[0] as string))?.alertIds).toEqual(r.alertIds);
  });

  it('processes a signal stored pending before any processing happened', async () => {
    const { svc, signals, alerts, incidents } = setup();
    const r = await svc.ingest(cpu('ALARM', T0));
    const sig = (await signals.get(r.signalIds[0] as string)) as StoredSignal;
    // A fresh store that only holds the pending signal: the crash happened right after create().
    const fresh = setup();
    await fresh.signals.create({ ...sig, status: 'pending' });
    expect(await fresh.svc.processPending()).toBe(1);
    expect(await fresh.alerts.count()).toBe(1);
    expect(await fresh.incidents.count()).toBe(1);
    expect(await alerts.count()).toBe(await fresh.alerts.count());
    expect(await incidents.count()).toBe(1);
  });
});

describe('Function: createAlertingService › acknowledge/resolve', () => {
  it('acknowledges and resolves with the principal on the timeline', async () => {
    const { svc, clock, bus } = setup();
    const r = await svc.ingest(cpu('ALARM', T0));
    const id = r.incidentIds[0] as string;
    clock.advance(120_000);
    const acked = await svc.acknowledge(id, 'alice');
    expect(acked).toMatchObject({ phase: 'Acknowledgment', acknowledgedBy: 'alice', acknowledgedAt: '2026-11-23T14:02:00.000Z' });
    clock.advance(600_000);
    const resolved = await svc.resolve(id, 'bob', 'scaled out');
    expect(resolved).toMatchObject({ status: 'resolved', phase: 'Resolution', resolvedBy: 'bob' });
    expect(resolved.timeline.some((t) => t.kind === 'note' && t.message === 'scaled out')).toBe(true);
    expect(bus.topics().filter((t) => t === 'incident.updated')).toHaveLength(2);
    // A new firing episode after resolution opens a new incident.
    await svc.ingest(cpu('OK', '2026-11-23T14:20:00.000Z'));
    const again = await svc.ingest(cpu('ALARM', '2026-11-23T14:30:00.000Z'));
    expect(again.incidentIds[0]).not.toBe(id);
  });

  it('names the missing incident', async () => {
    const { svc } = setup();
    await expect(svc.acknowledge('inc-nope', 'alice')).rejects.toThrow(/incident inc-nope not found/);
  });
});

describe('Function: createAlertingService › with a transactional store', () => {
  it('writes each signal once, already processed, and still detects re-deliveries', async () => {
    const store = new MemoryStore();
    let commits = 0;
    const txStore = Object.assign(store, {
      transaction: async <T>(fn: () => Promise<T>): Promise<T> => {
        const out = await fn();
        commits++;
        return out;
      },
    });
    const clock = new ManualClock(T0);
    const svc = createAlertingService({ store: txStore, clock, bus: new MemoryBus(clock) });
    const [a, b] = await svc.ingestBatch([cpu('ALARM', T0), cpu('ALARM', T0)]);
    expect(a?.status).toBe('accepted');
    expect(b).toMatchObject({ status: 'duplicate', alertIds: a?.alertIds, incidentIds: a?.incidentIds });
    expect(commits).toBe(1);
    const sig = await store.collection<StoredSignal>('signals').get(a?.signalIds[0] as string);
    expect(sig).toMatchObject({ status: 'processed', alertId: a?.alertIds[0] });
    expect((await store.collection<Alert>('alerts').get(a?.alertIds[0] as string))?.count).toBe(1);
  });
});

describe('Function: createAlertingService › deferred ingest', () => {
  it('accepts durably as pending, detects re-deliveries, and processes on processPending', async () => {
    const { svc, signals, alerts, incidents } = setup();
    const [a, b] = await svc.ingestBatch([cpu('ALARM', T0), cpu('ALARM', T0)], { defer: true, via: 'sqs' });
    expect(a).toMatchObject({ status: 'accepted', alertIds: [], incidentIds: [] });
    expect(b?.status).toBe('duplicate');
    expect((await signals.get(a?.signalIds[0] as string))?.status).toBe('pending');
    expect(await alerts.count()).toBe(0);
    expect(await svc.processPending()).toBe(1);
    expect(await alerts.count()).toBe(1);
    expect(await incidents.count()).toBe(1);
  });
});
