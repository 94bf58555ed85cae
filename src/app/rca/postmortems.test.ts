import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { advance } from '../../core/incidents/lifecycle.js';
import type { Incident } from '../../core/incidents/incident.js';
import { buildScenario } from '../../core/rca/loggen/scenarios.js';
import { POSTMORTEM_SECTIONS, POSTMORTEM_TEMPLATE } from '../../core/rca/postmortem/template.js';
import type { Execution } from '../../core/remediation/execution.js';
import { createRcaService } from './index.js';
import { manualClock, memoryStore, scenarioPorts } from './testing/fakes.js';

const HOUR = 3_600_000;

async function resolvedIncident(severity: Incident['severity'] = 'SEV-2') {
  const s = buildScenario('bad-deploy', 1, { ratePerMinute: 10 });
  const { logs, cloud } = scenarioPorts(s);
  const store = memoryStore();
  const clock = manualClock(s.nowMs);
  const service = createRcaService({ logs, cloud, store, clock });
  const opened: Incident = { ...s.incident, severity };
  await store.collection<Incident>('incidents').put(opened);
  const { incident: analyzed } = await service.analyzeAndRecord(opened.id, { anomalies: s.anomalies, topology: [...s.topology] });
  const at = (ms: number): string => new Date(ms).toISOString();
  const t0 = Date.parse(opened.openedAt);
  let inc = advance(analyzed, 'Acknowledgment', at(t0 + 20 * 60_000), 'jane');
  inc = advance(inc, 'Resolution', at(t0 + 50 * 60_000), 'automated');
  await store.collection<Incident>('incidents').put(inc);
  const exec: Execution = { id: 'ex-1', idempotencyKey: 'k', runbookId: 'AIOps-RollbackLambdaAlias', incidentId: inc.id, targetResource: inc.resourceArns[0] as string, environment: 'prod', status: 'SUCCEEDED', outcome: 'SUCCESS', dryRun: false, trigger: 'alert', operator: 'jane', statesVisited: [], startedAt: at(t0 + 30 * 60_000), endedAt: at(t0 + 35 * 60_000), updatedAt: at(t0 + 35 * 60_000), version: 1 };
  await store.collection<Execution>('executions').put(exec);
  await store.audit.append({ executionId: 'ex-1', timestamp: at(t0 + 35 * 60_000), trigger: 'alert', runbook: 'AIOps-RollbackLambdaAlias', targetResource: exec.targetResource, action: 'lambda:UpdateAlias', outcome: 'SUCCESS', operator: 'jane', rollbackPlan: 'point alias back' });
  clock.set(t0 + 60 * 60_000);
  return { s, store, clock, service, inc, exec };
}

describe('Use case: post-mortems', () => {
  it('keeps docs/post-mortems/_template.md and the embedded template identical', () => {
    expect(readFileSync(new URL('../../../docs/post-mortems/_template.md', import.meta.url), 'utf8')).toBe(POSTMORTEM_TEMPLATE);
  });

  it('drafts a post-mortem for a resolved SEV-2 with every template section, in order, marked draft', async () => {
    const { service, inc } = await resolvedIncident();
    const pm = await service.onIncidentResolved(inc);
    expect(pm?.status).toBe('draft');
    const md = pm?.markdown ?? '';
    const positions = POSTMORTEM_SECTIONS.map((h) => md.indexOf(`\n## ${h}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md).toContain('**DRAFT**');
    expect(md).toContain('_(draft)_');
    expect(md).not.toContain('{{');
    expect(md).toContain('Faulty deployment');
    expect(md).toContain('AIOps-RollbackLambdaAlias');
    expect(md).toMatch(/MTTD \(impact start → detection\): \d+ min/);
    expect(md).toMatch(/change: Update(Alias|Service)/);
    expect(pm?.dueAt).toBe(new Date(Date.parse(inc.resolvedAt as string) + 48 * HOUR).toISOString());
    expect(pm?.actionItems.some((a) => a.source === 'cause:deployment')).toBe(true);
    expect(pm?.actionItems.some((a) => a.source === 'mtta')).toBe(true);
  });

  it('moves the stored incident into its Post-Mortem phase', async () => {
    const { service, inc, store } = await resolvedIncident();
    await service.onIncidentResolved(inc);
    const stored = await store.collection<Incident>('incidents').get(inc.id);
    expect(stored?.phase).toBe('Post-Mortem');
    expect(stored?.timeline[stored.timeline.length - 1]?.message).toContain('Post-mortem draft pm-');
  });

  it('is idempotent and never overwrites an edited draft', async () => {
    const { service, inc } = await resolvedIncident();
    const first = await service.onIncidentResolved(inc);
    await service.edit(first?.id as string, { markdown: '# edited' }, 'jane');
    const again = await service.onIncidentResolved(inc);
    expect(again?.markdown).toBe('# edited');
    expect(await service.list()).toHaveLength(1);
  });

  it.each([
    ['SEV-3', undefined, false],
    ['SEV-1', undefined, true],
    ['SEV-3', ['SEV-1', 'SEV-2', 'SEV-3'], true],
  ] as const)('for %s with requiredFor=%j creates a post-mortem: %s', async (severity, requiredFor, created) => {
    const { s, store, clock, inc } = await resolvedIncident(severity);
    const service = createRcaService({ ...scenarioPorts(s), store, clock }, requiredFor ? { postmortems: { requiredFor } } : {});
    expect(Boolean(await service.onIncidentResolved(inc))).toBe(created);
  });

  it('does not draft for an open incident', async () => {
    const { s, service } = await resolvedIncident();
    expect(await service.onIncidentResolved(s.incident)).toBeUndefined();
  });

  it('freezes a published post-mortem and rejects empty edits', async () => {
    const { service, inc } = await resolvedIncident();
    const pm = await service.onIncidentResolved(inc);
    const id = pm?.id as string;
    await expect(service.edit(id, { markdown: ' ' }, 'jane')).rejects.toThrow('markdown: must not be empty');
    const published = await service.publish(id, 'jane');
    expect(published.status).toBe('published');
    expect(published.markdown).toContain('**PUBLISHED**');
    await expect(service.edit(id, { markdown: 'x' }, 'jane')).rejects.toThrow('published');
  });

  it('computes reminders against the 48 h deadline, once each', async () => {
    const { service, inc, clock } = await resolvedIncident();
    const pm = await service.onIncidentResolved(inc);
    expect(await service.reminders()).toEqual([]);
    clock.set(Date.parse(pm?.dueAt as string) - 3 * HOUR);
    const due = await service.reminders();
    expect(due).toHaveLength(1);
    expect(due[0]?.status.state).toBe('due-soon');
    await service.markReminded(pm?.id as string, due[0]?.at as string);
    expect(await service.reminders()).toEqual([]);
    clock.set(Date.parse(pm?.dueAt as string) + 25 * HOUR);
    const overdue = await service.reminders();
    expect(overdue.map((r) => r.status.state)).toEqual(['overdue']);
    expect(overdue[0]?.message).toContain('overdue');
  });

  it('exports action items as gh issue payloads labelled incident-action-item, without network', async () => {
    const { service, inc } = await resolvedIncident();
    const pm = await service.onIncidentResolved(inc);
    const { payloads, script } = await service.exportActionItems(pm?.id as string, 'matcarv/shop');
    expect(payloads.length).toBe(pm?.actionItems.length);
    expect(payloads.every((p) => p.labels.includes('incident-action-item') && p.labels.includes('sev-2') && p.body.includes(inc.id))).toBe(true);
    expect(script.split('\n').filter((l) => l.startsWith("gh issue create --repo 'matcarv/shop'"))).toHaveLength(payloads.length);
    expect(JSON.parse(JSON.stringify(payloads))).toEqual(payloads);
  });

  it('reports MTTA/MTTD/MTTR per service and severity', async () => {
    const { service } = await resolvedIncident();
    const rows = await service.responseReport({ bucket: 'all' });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.mtta?.meanMs).toBe(20 * 60_000);
    expect(rows[0]?.mttr?.meanMs).toBe(50 * 60_000);
    expect(rows[0]?.mttd?.count).toBe(1);
  });

  it('renders a draft directly from given records', async () => {
    const { service, inc, exec } = await resolvedIncident();
    const md = service.draftPostmortem(inc, { audit: [], executions: [exec] });
    expect(md).toContain('No RCA report was recorded');
    expect(md).toContain('| AIOps-RollbackLambdaAlias |');
  });
});
