import { describe, expect, it } from 'vitest';
import { openIncident } from '../incidents/lifecycle.js';
import { buildRcaReport, rcaWindows } from './report.js';

const T = Date.parse('2026-11-23T12:00:00Z');
const MIN = 60_000;
const incident = openIncident({ id: 'inc-1', title: 't', severity: 'SEV-3', groupKey: 'g', resourceArns: ['fn'], alertIds: [], labels: {}, at: new Date(T).toISOString() });

describe('Function: rcaWindows', () => {
  it('anchors on the first anomaly of an affected resource before the incident opened', () => {
    const w = rcaWindows(incident, T + 60 * MIN, [{ resourceArn: 'fn', metric: 'Errors', time: T - 10 * MIN }, { resourceArn: 'other', metric: 'Errors', time: T - 30 * MIN }]);
    expect(w.anchorMs).toBe(T - 10 * MIN);
    expect(w.incident).toEqual({ startMs: T - 25 * MIN, endMs: T + 15 * MIN });
    expect(w.baseline).toEqual({ startMs: T - 85 * MIN, endMs: T - 25 * MIN });
  });
  it('ends the incident window at now or at resolution', () => {
    expect(rcaWindows(incident, T + 2 * MIN).incident.endMs).toBe(T + 2 * MIN);
    expect(rcaWindows({ ...incident, resolvedAt: new Date(T + 5 * MIN).toISOString() }, T + 60 * MIN).incident.endMs).toBe(T + 5 * MIN);
  });
});

describe('Function: buildRcaReport', () => {
  it('finds a new critical template, escalates and explains', () => {
    const logs = [];
    for (let i = 0; i < 60; i++) logs.push({ timestamp: T - 60 * MIN + i * MIN, logGroup: '/g', message: `INFO GET /orders/${i} 200 in ${i}ms` });
    for (let i = 0; i < 20; i++) logs.push({ timestamp: T - 5 * MIN + i * 10_000, logGroup: '/g', message: `ERROR java.lang.OutOfMemoryError: Java heap space (pid ${i})` });
    const r = buildRcaReport({ incident, nowMs: T + 10 * MIN, logs, logGroupResources: { '/g': 'fn' } });
    expect(r.templates[0]).toMatchObject({ isNew: true, incident: 20 });
    expect(r.escalation?.severity).toBe('SEV-2');
    expect(r.causes[0]?.kind).toBe('resource-exhaustion');
    expect(r.summary).toContain('escalate SEV-3 → SEV-2');
    expect(r.logGroups).toEqual(['/g']);
  });
  it('says so when there is no evidence', () => {
    const r = buildRcaReport({ incident, nowMs: T + 10 * MIN, logs: [] });
    expect(r.causes).toEqual([]);
    expect(r.summary).toContain('No probable cause found');
  });
});

describe('Function: formatRcaReport', () => {
  it('prints causes with evidence, templates and gaps for the CLI', async () => {
    const { formatRcaReport } = await import('./format.js');
    const logs = [];
    for (let i = 0; i < 20; i++) logs.push({ timestamp: T - 5 * MIN + i * 10_000, logGroup: '/g', message: `ERROR connect ECONNREFUSED 10.0.0.${i}:5432` });
    const text = formatRcaReport({ ...buildRcaReport({ incident, nowMs: T + 10 * MIN, logs }), gaps: ['changes on fn: AccessDenied'] });
    expect(text).toContain('1. Dependency failure');
    expect(text).toContain('NEW      20  ERROR connect ECONNREFUSED <IP>  [connection-refused]');
    expect(text).toContain('ESCALATE to SEV-2');
    expect(text).toContain('  - changes on fn: AccessDenied');
  });
});
