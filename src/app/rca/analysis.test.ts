import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../core/rca/loggen/faults.js';
import { buildScenario, SHOP } from '../../core/rca/loggen/scenarios.js';
import type { Incident } from '../../core/incidents/incident.js';
import { createRcaService } from './index.js';
import { manualClock, memoryStore, scenarioPorts } from './testing/fakes.js';

const setup = (kind: (typeof FAULT_KINDS)[number], seed: number, ratePerMinute = 20) => {
  const s = buildScenario(kind, seed, { ratePerMinute });
  const { logs, cloud } = scenarioPorts(s);
  const store = memoryStore();
  const clock = manualClock(s.nowMs);
  return { s, logs, store, service: createRcaService({ logs, cloud, store, clock }) };
};

describe('Use case: createRcaService().analyze', () => {
  it.each(FAULT_KINDS.map((k) => [k]))('names the known cause of a %s scenario first, with evidence and links', async (kind) => {
    const { s, service } = setup(kind, 1);
    const report = await service.analyze(s.incident, { anomalies: s.anomalies, topology: [...s.topology] });
    expect(report.causes[0]?.kind).toBe(s.cause);
    expect(report.causes[0]?.evidence.length).toBeGreaterThan(0);
    expect(report.causes[0]?.evidence.every((e) => e.link.length > 0 && e.summary.length > 0)).toBe(true);
    expect(report.gaps).toEqual([]);
    expect(report.summary).toContain('Probable cause');
  });

  it('keeps the known cause in the top 3 across seeds', async () => {
    let hits = 0;
    let total = 0;
    for (const kind of FAULT_KINDS) {
      for (const seed of [2, 3]) {
        const { s, service } = setup(kind, seed, 10);
        const report = await service.analyze(s.incident, { anomalies: s.anomalies, topology: [...s.topology] });
        total++;
        if (report.causes.slice(0, 3).some((c) => c.kind === s.cause)) hits++;
      }
    }
    expect(hits / total).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the affected resource and its direct dependencies, over the baseline and incident windows', async () => {
    const { s, logs, service } = setup('db-failover', 1);
    const report = await service.analyze(s.incident, { topology: [...s.topology] });
    const groups = logs.queries.map((q) => q.logGroup);
    expect(groups).toContain('/aws/rds/instance/orders-db/postgresql');
    expect(groups).not.toContain('/aws/lambda/catalog');
    expect(logs.queries.every((q) => q.startMs === report.windows.baseline.startMs && q.endMs === report.windows.incident.endMs)).toBe(true);
  });

  it('names a failing port as a gap instead of failing', async () => {
    const { s, store } = setup('oom', 1);
    const broken = { filterLogEvents: async () => Promise.reject(new Error('AccessDenied')), logGroupsFor: async () => ['/g'] };
    const service = createRcaService({ logs: broken, cloud: scenarioPorts(s).cloud, store, clock: manualClock(s.nowMs) });
    const report = await service.analyze(s.incident, { topology: [] });
    expect(report.gaps).toEqual(['logs of /g: AccessDenied']);
  });
});

describe('Use case: createRcaService().analyzeAndRecord', () => {
  it('stores the report, adds an rca timeline entry and escalates on critical patterns', async () => {
    const { s, store, service } = setup('db-failover', 1);
    const incident: Incident = { ...s.incident, severity: 'SEV-3' };
    await store.collection<Incident>('incidents').put(incident);
    const { report, incident: after } = await service.analyzeAndRecord(incident.id, { anomalies: s.anomalies, topology: [...s.topology] });
    expect(report.escalation?.severity).toBe('SEV-2');
    expect(after.severity).toBe('SEV-2');
    const rca = after.timeline.find((e) => e.kind === 'rca');
    expect(rca?.message).toBe(report.summary);
    expect(rca?.data?.impactStartMs).toBe(report.windows.anchorMs);
    expect(after.timeline.some((e) => e.kind === 'severity')).toBe(true);
    expect((await service.latestReport(incident.id))?.report.causes[0]?.kind).toBe('dependency-failure');
  });

  it('fails with NotFoundError for an unknown incident', async () => {
    const { service } = setup('oom', 1);
    await expect(service.analyzeAndRecord('nope')).rejects.toThrow('incident nope not found');
  });

  it('uses the configured topology when the caller gives none', async () => {
    const s = buildScenario('access-denied', 1, { ratePerMinute: 20 });
    const { logs, cloud } = scenarioPorts(s);
    const service = createRcaService({ logs, cloud, store: memoryStore(), clock: manualClock(s.nowMs) }, { rca: { topology: () => [...s.topology] } });
    const report = await service.analyze(s.incident, { anomalies: s.anomalies });
    expect(report.changes.some((c) => c.change.resourceArn === SHOP.checkoutRole || c.change.resourceArn === SHOP.ordersRole)).toBe(true);
  });
});
