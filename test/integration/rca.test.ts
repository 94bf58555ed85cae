import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/adapters/sandbox/scenarios/index.js';
import type { Incident } from '../../src/core/incidents/incident.js';
import { POSTMORTEM_SECTIONS } from '../../src/core/rca/postmortem/template.js';
import type { PostmortemDoc, RcaReportDoc } from '../../src/app/rca/index.js';
import { advanceUntil, startTestPlatform, type TestPlatform } from './helpers.js';

let t: TestPlatform | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('Scenario: RCA and post-mortem on the ec2-cpu-spike incident', () => {
  it('attaches an explained RCA report on opening and drafts a post-mortem with every template section on resolution', async () => {
    dir = mkdtempSync(join(tmpdir(), 'aiops-rca-'));
    // The sandbox's CPU spike is SEV-3 in staging: draft post-mortems for SEV-3 too.
    writeFileSync(join(dir, 'rca.json'), JSON.stringify({ postmortems: { requiredFor: ['SEV-1', 'SEV-2', 'SEV-3'] } }));
    t = await startTestPlatform({ dataDir: dir, features: ['rca'] });
    const p = t.platform;
    await p.sandbox.inject(
      [
        ...findScenario('ec2-cpu-spike').faults,
        // The web tier rejects work while saturated (a `logs` primitive RCA should mine and rank).
        { type: 'logs', resource: 'web-asg', template: 'java.util.concurrent.RejectedExecutionException: Thread pool saturated, rejecting request {id}', level: 'ERROR', ratePerMinute: 12, durationMinutes: 60 },
        // An unrelated deploy of a downstream service: a correlated change that must not win.
        { type: 'state', resource: 'checkout', set: { TaskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/checkout:43' }, eventName: 'UpdateService', principal: 'deploy-bot' },
      ],
      'test',
    );
    const incidents = p.store.collection<Incident>('incidents');
    const reports = p.store.collection<RcaReportDoc>('reports');
    await advanceUntil(t, async () => (await reports.count()) > 0, 25);

    const [incident] = await incidents.find();
    const doc = await p.features.rca.latestReport(incident!.id);
    expect(doc).toBeDefined();
    const report = doc!.report;
    expect(report.incidentId).toBe(incident!.id);
    // Capacity first, explained by the CPU alarm and the saturation/timeouts in the web logs.
    expect(report.causes[0]).toMatchObject({ kind: 'capacity' });
    expect(report.causes[0]!.confidence).toBeGreaterThan(0.5);
    expect(report.causes[0]!.evidence.length).toBeGreaterThan(0);
    expect(report.causes[0]!.evidence.every((e) => e.summary.length > 0 && e.link.length > 0)).toBe(true);
    expect(report.templates.some((tpl) => /Thread pool saturated/.test(tpl.template))).toBe(true);
    expect(report.changes.some((c) => c.change.eventName === 'UpdateService')).toBe(true);
    expect(report.gaps).toEqual([]);

    const withRca = (await incidents.get(incident!.id))!;
    const entry = withRca.timeline.find((e) => e.kind === 'rca');
    expect(entry).toMatchObject({ actor: 'automated', message: report.summary });
    expect((entry!.data as { reportId: string }).reportId).toBe(doc!.id);

    // Resolution (runbook → alarm clears → alert resolves) drafts the post-mortem.
    await advanceUntil(t, async () => (await incidents.get(incident!.id))!.status === 'resolved', 30);
    const postmortems = p.store.collection<PostmortemDoc>('postmortems');
    await advanceUntil(t, async () => (await postmortems.count()) > 0, 3);
    const pm = (await p.features.rca.list({ incidentId: incident!.id }))[0]!;
    expect(pm).toMatchObject({ id: `pm-${incident!.id}`, status: 'draft', severity: 'SEV-3' });
    for (const section of POSTMORTEM_SECTIONS) expect(pm.markdown).toContain(`## ${section}`);
    expect(pm.markdown).toMatch(/capacity/i);
    expect(pm.markdown).toContain('AIOps-ScaleOutEC2ASG');
    expect((await incidents.get(incident!.id))!.phase).toBe('Post-Mortem');

    // Idempotent: later updates never redraft or duplicate.
    await p.bus.publish('incident.updated', { incidentId: incident!.id }, 'again');
    await p.bus.drain();
    expect(await postmortems.count()).toBe(1);
  });
});
