import { describe, expect, it } from 'vitest';
import type { Notification } from '../../ports/notifier.js';
import type { Signal } from '../../core/events/signal.js';
import { SignalSchema } from '../../core/events/signal.js';
import { ec2Instance, ebsVolume, elasticIp, loadBalancer } from '../../core/cost/fixtures.js';
import { bundledPriceSource } from '../../core/cost/prices/snapshot.js';
import { createGeneratedSpendSource, DEFAULT_ACCOUNTS, DEFAULT_SERVICE_MIX } from '../../core/cost/spend/generator.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/shared/errors.js';
import { createCostService, recommendationId } from './service.js';
import { fakeCloud, fakeMetrics, manualClock, memoryStore } from './testing/fakes.js';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const DAY = 86_400_000;
const EC2 = 'Amazon Elastic Compute Cloud - Compute';

/** 14 days of EC2 metrics in the fake CloudWatch, keyed like the real one. */
function ec2Data(instanceId: string, cpu: number, netBytes: number): [string, { t: number; v: number }[]][] {
  const days = Array.from({ length: 14 }, (_, i) => Date.parse('2026-11-20T00:00:00Z') - (14 - i) * DAY);
  return [
    [`AWS/EC2 CPUUtilization InstanceId=${instanceId}`, days.map((t) => ({ t, v: cpu }))],
    [`AWS/EC2 NetworkIn InstanceId=${instanceId}`, days.map((t) => ({ t, v: netBytes / 2 }))],
    [`AWS/EC2 NetworkOut InstanceId=${instanceId}`, days.map((t) => ({ t, v: netBytes / 2 }))],
  ];
}

function setup(opts: { idleCpu?: number } = {}) {
  const idle = ec2Instance({ id: 'i-idle', instanceType: 'm5.large', tags: { environment: 'dev' } });
  const busy = ec2Instance({ id: 'i-busy', instanceType: 'm5.large', tags: { environment: 'dev' } });
  const vol = ebsVolume({ id: 'vol-1', volumeType: 'gp3', size: 100, createTime: '2026-10-01T00:00:00Z' });
  const eip = elasticIp({ id: 'eipalloc-1', tags: { environment: 'dev' } });
  const lb = loadBalancer({ id: 'web', healthyTargets: [0] });
  const cloud = fakeCloud([idle, busy, vol, eip, lb]);
  const data = new Map([...ec2Data('i-idle', opts.idleCpu ?? 1, 1000), ...ec2Data('i-busy', 55, 5e9)]);
  const signals: Signal[] = [];
  const notes: Notification[] = [];
  const clock = manualClock(NOW);
  const store = memoryStore();
  const service = createCostService({
    cloud,
    metrics: fakeMetrics(data),
    store,
    clock,
    emit: async (s) => void signals.push(s),
    spend: createGeneratedSpendSource({ seed: 'svc', startDate: '2026-09-01', accounts: DEFAULT_ACCOUNTS, services: DEFAULT_SERVICE_MIX, growthPctPerMonth: 2, spikes: [{ service: EC2, date: '2026-11-18', factor: 3 }] }),
    prices: bundledPriceSource(),
    notifier: { kind: 'outbox', notify: async (n) => (notes.push(n), { ok: true }) },
    consoleUrl: 'http://127.0.0.1:3000/cost',
  });
  return { service, cloud, data, signals, notes, clock, store, ids: { idle: recommendationId('ec2-low-utilization', idle.arn), eip: recommendationId('eip-unassociated', eip.arn), lb: recommendationId('elb-idle', lb.arn), vol: recommendationId('ebs-underused', vol.arn) } };
}

describe('Use case: createCostService().analyze', () => {
  it('stores one recommendation per waste with money, none for the busy instance', async () => {
    const { service, ids } = setup();
    const s = await service.analyze();
    expect(s).toMatchObject({ resources: 5, recommendations: 4, opened: 4, errors: [] });
    const recs = await service.listRecommendations();
    expect(recs.map((r) => r.id).sort()).toEqual([ids.idle, ids.eip, ids.lb, ids.vol].sort());
    expect(recs[0]).toMatchObject({ id: ids.idle, status: 'open', monthlySavingsUsd: 70.08 });
    expect(s.totalMonthlySavingsUsd).toBeCloseTo(70.08 + 3.65 + 16.43 + 8, 2);
  });

  it('keeps dismissed recommendations dismissed across re-analysis', async () => {
    const { service, ids } = setup();
    await service.analyze();
    await service.dismiss(ids.eip, 'reserved for the DR cut-over', 'alice@example.com');
    await service.analyze();
    expect(await service.listRecommendations({ status: 'dismissed' })).toMatchObject([{ id: ids.eip, dismissal: { reason: 'reserved for the DR cut-over', principal: 'alice@example.com' } }]);
  });

  it('resolves a recommendation when the rule clears it, and reopens it when the waste returns', async () => {
    const { service, data, ids } = setup();
    await service.analyze();
    for (const [k, v] of ec2Data('i-idle', 70, 9e9)) data.set(k, v);
    expect((await service.analyze()).resolved).toBe(1);
    expect((await service.listRecommendations({ status: 'resolved' })).map((r) => r.id)).toEqual([ids.idle]);
    for (const [k, v] of ec2Data('i-idle', 1, 10)) data.set(k, v);
    await service.analyze();
    expect((await service.listRecommendations({ status: 'open' })).map((r) => r.id)).toContain(ids.idle);
  });

  it('keeps a recommendation open when its data goes missing', async () => {
    const { service, data, ids } = setup();
    await service.analyze();
    for (const [k] of ec2Data('i-idle', 0, 0)) data.delete(k);
    const s = await service.analyze();
    expect(s.insufficientData).toBeGreaterThan(0);
    expect((await service.listRecommendations({ status: 'open' })).map((r) => r.id)).toContain(ids.idle);
  });
});

describe('Use case: createCostService().approve / dismiss', () => {
  it('turns an approved recommendation into a remediation request, idempotently', async () => {
    const { service, ids } = setup();
    await service.analyze();
    const req = await service.approve(ids.idle, 'finops@example.com');
    expect(req).toMatchObject({ runbookId: 'AIOps-StopIdleInstance', target: 'i-idle', dryRunFirst: true, approvedBy: 'finops@example.com', reversible: true, plan: [{ call: 'ec2:StopInstances' }] });
    expect(await service.approve(ids.idle, 'someone-else')).toEqual(req);
    await expect(service.dismiss(ids.idle, 'too late', 'bob')).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses manual-only, dismissed and unknown recommendations', async () => {
    const { service, ids } = setup();
    await service.analyze();
    await expect(service.approve(ids.lb, 'finops')).rejects.toThrow(/no automated remediation/);
    await service.dismiss(ids.eip, 'keep', 'alice');
    await expect(service.approve(ids.eip, 'finops')).rejects.toBeInstanceOf(ConflictError);
    await expect(service.approve('rec-nope', 'finops')).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    ['', 'alice', 'reason'],
    ['  ', 'alice', 'reason'],
    ['fine', '', 'principal'],
  ])('requires a reason and a principal (%j, %j)', async (reason, principal, field) => {
    const { service, ids } = setup();
    await service.analyze();
    await expect(service.dismiss(ids.eip, reason, principal)).rejects.toMatchObject({ name: 'ValidationError', field } satisfies Partial<ValidationError>);
  });
});

describe('Use case: createCostService().dailyReport', () => {
  it('reports spend, the planted spike as a cost-anomaly Signal and savings, stores and posts it', async () => {
    const { service, signals, notes } = setup();
    await service.analyze();
    const r = await service.dailyReport();
    expect(r.report.period).toEqual({ start: '2026-11-13', end: '2026-11-19' });
    expect(r.report.anomalies.map((a) => [a.service, a.date])).toEqual([[EC2, '2026-11-18']]);
    expect(signals).toHaveLength(1);
    expect(SignalSchema.parse(signals[0])).toMatchObject({ source: 'cost', kind: 'cost-anomaly', labels: { service: EC2, date: '2026-11-18' } });
    expect(r.report.recommendations.count).toBe(4);
    expect(r.markdown).toContain('$70.08');
    expect(notes[0]).toMatchObject({ key: 'cost-daily-2026-11-20', action: 'info' });
    expect((await service.latestReport())?.id).toBe('cost-daily-2026-11-20');
  });

  it('replaces the day’s report on a re-run and keeps signal ids stable', async () => {
    const { service, signals, store } = setup();
    await service.dailyReport();
    await service.dailyReport();
    expect(await store.collection('reports').count()).toBe(1);
    expect(new Set(signals.map((s) => s.id)).size).toBe(1);
  });
});
