import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeHarness } from '../../../test/integration/route-harness.js';
import { MaintenanceWindowSchema } from '../../core/alerts/stages/maintenance.js';
import { maintenanceWindowsView, resolveSince } from './alerting.js';

const example = readFileSync(new URL('../../../config/alerting.example.yaml', import.meta.url), 'utf8');
const alarm = JSON.parse(readFileSync(new URL('../../../test/fixtures/events/cloudwatchAlarm.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

const h = routeHarness({ features: [] });

describe('Routes: alerting management', () => {
  it('creates a silence from a duration, lists it, and expires it (kept for audit)', async () => {
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/silences',
      payload: { matchers: ['service="web"'], comment: 'deploy' },
      headers: h.as('operator'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('endsAt');
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/v1/silences',
      payload: { matchers: ['service="web"'], duration: '2h', comment: 'planned deploy' },
      headers: h.as('operator'),
    });
    expect(r.statusCode).toBe(201);
    const s = r.json();
    expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(2 * 3_600_000);
    expect(s.createdBy).toBe(h.principal('operator'));
    const expired = await h.app.inject({ method: 'DELETE', url: `/api/v1/silences/${s.id}`, headers: h.as('operator') });
    expect(expired.json()).toMatchObject({ status: 'expired', expiredBy: h.principal('operator') });
    expect((await h.app.inject({ url: '/api/v1/silences' })).json().items.map((x: { id: string }) => x.id)).toContain(s.id);
  });

  it("lists the live config's maintenance windows with whether they are open and when they next open", async () => {
    const r = await h.app.inject({ url: '/api/v1/maintenance-windows' });
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([]);
    const w = MaintenanceWindowSchema.parse({
      name: 'sunday-db',
      cron: '0 2 * * 0',
      duration: '2h',
      timezone: 'UTC',
      matchers: ['service="orders"', 'env=~"prod|stag"'],
      allowSeverity: 'SEV-1',
    });
    expect(maintenanceWindowsView([w], Date.parse('2026-11-22T03:00:00.000Z'))).toEqual([
      {
        name: 'sunday-db',
        cron: '0 2 * * 0',
        timezone: 'UTC',
        durationMs: 7_200_000,
        matchers: ['service="orders"', 'env=~"prod|stag"'],
        allowSeverity: 'SEV-1',
        openNow: true,
        nextOpening: '2026-11-29T02:00:00.000Z',
      },
    ]);
  });

  it('hot-reloads the alerting config file on request, keeping the live config when it is invalid', async () => {
    const path = join(h.t.dataDir, 'alerting.yaml');
    writeFileSync(path, 'autoResolve: true\ngrouping:\n  groupWait: soon\n');
    const bad = await h.app.inject({ method: 'POST', url: '/api/v1/alerting/config/reload', payload: {}, headers: h.as('operator') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'grouping.groupWait', kept: true });
    expect(h.t.platform.alerting.config.grouping.groupWait).toBe(30_000);

    writeFileSync(path, example);
    const ok = await h.app.inject({ method: 'POST', url: '/api/v1/alerting/config/reload', payload: {}, headers: h.as('operator') });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, source: 'file', path });
    expect(h.t.platform.alerting.config.inhibitRules.length).toBeGreaterThan(0);
    expect((await h.app.inject({ url: '/api/v1/alerting/config' })).json()).toMatchObject({ path, last: { ok: true } });

    const inline = await h.app.inject({
      method: 'POST',
      url: '/api/v1/alerting/config/reload',
      payload: { yaml: 'route:\n  receiver: nobody\n' },
      headers: h.as('operator'),
    });
    expect(inline.json()).toMatchObject({ field: 'route', reason: expect.stringContaining('"nobody"') });
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/alerting/config/reload', payload: {} })).statusCode).toBe(401);
    // Back to the platform's own config for the other tests.
    writeFileSync(path, 'autoResolve: true\n');
    await h.app.inject({ method: 'POST', url: '/api/v1/alerting/config/reload', payload: {}, headers: h.as('operator') });
  });

  it('checks a routing config and names the failing path', async () => {
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/config/check', payload: { yaml: example } })).json()).toMatchObject({
      ok: true,
    });
    const bad = await h.app.inject({ method: 'POST', url: '/api/v1/config/check', payload: { yaml: 'route:\n  receiver: nowhere\n' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('nowhere');
  });

  it('replays stored signals through a proposed config and reports the difference', async () => {
    await h.app.inject({ method: 'POST', url: '/api/v1/signals', payload: alarm, headers: h.as('operator') });
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/v1/replay',
      payload: { since: '3650d', yaml: example },
      headers: h.as('operator'),
    });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.current.signals).toBe(1);
    expect(body.proposed.signals).toBe(1);
    expect(body.diff).toHaveProperty('notifications');
  });

  it('records feedback per rule', async () => {
    const [incident] = (await h.app.inject({ url: '/api/v1/incidents' })).json().items as { id: string }[];
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: { targetKind: 'incident', targetId: incident!.id, verdict: 'noisy' },
      headers: h.as('operator'),
    });
    expect(r.statusCode).toBe(201);
    const rows = (await h.app.inject({ url: '/api/v1/feedback' })).json().items as { rule: string; noisy: number }[];
    expect(rows.some((x) => x.noisy === 1)).toBe(true);
  });

  it('parses since as a duration or ISO time, naming the field otherwise', () => {
    expect(resolveSince('7d', Date.parse('2026-11-23T00:00:00.000Z'))).toBe('2026-11-16T00:00:00.000Z');
    expect(resolveSince('2026-11-01T00:00:00.000Z', 0)).toBe('2026-11-01T00:00:00.000Z');
    expect(() => resolveSince('last week', 0)).toThrow(/since/);
  });
});
