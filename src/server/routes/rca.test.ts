import { describe, expect, it } from 'vitest';
import { routeHarness } from '../../../test/integration/route-harness.js';
import { openIncident } from '../../core/incidents/lifecycle.js';
import type { Incident } from '../../core/incidents/incident.js';
import { POSTMORTEM_SECTIONS } from '../../core/rca/postmortem/template.js';

/** A SEV-2 incident on the orders function right after a bad deploy of it (a CloudTrail-like change). */
async function seedIncident(id: string): Promise<void> {
  const p = h.t.platform;
  await p.sandbox.inject(
    [
      {
        type: 'state',
        resource: 'orders-processor',
        set: { Aliases: { live: { FunctionVersion: '4', PreviousVersion: '3' } } },
        eventName: 'UpdateAlias',
        principal: 'deploy-bot',
      },
    ],
    'test',
  );
  await h.t.clock.advance(6 * 60_000);
  const fn = p.sandbox.resolve('orders-processor');
  const incident = openIncident({
    id,
    title: 'orders: errors on orders-processor',
    severity: 'SEV-2',
    groupKey: 'service=orders,env=staging',
    service: 'orders',
    environment: 'staging',
    resourceArns: [fn.arn],
    alertIds: [],
    labels: { service: 'orders' },
    at: new Date(h.t.clock.now() - 60_000).toISOString(),
  });
  await p.store.collection<Incident>('incidents').create(incident);
  await p.bus.publish('incident.opened', { incidentId: id }, `incident.opened:${id}`);
  await p.bus.drain();
}

const h = routeHarness({
  features: ['rca'],
  setup: async () => {
    await seedIncident('inc-api-1');
  },
});

describe('Routes: rca', () => {
  it('serves the latest RCA report of an incident, ranks the deploy first, and re-runs it for operators only', async () => {
    const r = await h.app.inject({ url: '/api/v1/incidents/inc-api-1/rca' });
    expect(r.statusCode).toBe(200);
    const doc = r.json() as { incidentId: string; report: { causes: { kind: string }[]; changes: { change: { eventName: string } }[] } };
    expect(doc.incidentId).toBe('inc-api-1');
    expect(doc.report.causes[0]!.kind).toBe('deployment');
    expect(doc.report.changes[0]!.change.eventName).toBe('UpdateAlias');
    expect((await h.app.inject({ url: '/api/v1/incidents/nope/rca' })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/incidents/inc-api-1/rca', headers: h.as('viewer') })).statusCode).toBe(403);
    const rerun = await h.app.inject({ method: 'POST', url: '/api/v1/incidents/inc-api-1/rca', headers: h.as('operator') });
    expect(rerun.statusCode).toBe(201);
    expect(rerun.json()).toMatchObject({ incidentId: 'inc-api-1', kind: 'rca' });
  });

  it('drafts a SEV-2 post-mortem on resolution, lists, edits, exports and publishes it', async () => {
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/v1/incidents/inc-api-1/resolve', headers: h.as('operator'), payload: {} }))
        .statusCode,
    ).toBe(200);
    await h.t.platform.bus.drain();
    const list = (await h.app.inject({ url: '/api/v1/postmortems' })).json() as {
      items: { id: string; status: string; markdown?: string }[];
    };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: 'pm-inc-api-1', status: 'draft' });
    expect(list.items[0]!.markdown).toBeUndefined();

    const pm = (await h.app.inject({ url: '/api/v1/postmortems/pm-inc-api-1' })).json() as { markdown: string };
    for (const s of POSTMORTEM_SECTIONS) expect(pm.markdown).toContain(`## ${s}`);

    expect(
      (await h.app.inject({ method: 'PUT', url: '/api/v1/postmortems/pm-inc-api-1', headers: h.as('viewer'), payload: { markdown: 'x' } }))
        .statusCode,
    ).toBe(403);
    const bad = await h.app.inject({ method: 'PUT', url: '/api/v1/postmortems/pm-inc-api-1', headers: h.as('operator'), payload: {} });
    expect(bad.statusCode).toBe(400);
    const edited = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/postmortems/pm-inc-api-1',
      headers: h.as('operator'),
      payload: { markdown: `${pm.markdown}\n\nReviewed by otto.` },
    });
    expect(edited.json()).toMatchObject({ editedBy: h.principal('operator') });

    const md = await h.app.inject({ url: '/api/v1/postmortems/pm-inc-api-1/export' });
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('Reviewed by otto.');
    const items = (await h.app.inject({ url: '/api/v1/postmortems/pm-inc-api-1/action-items?repo=matcarv/aiops' })).json() as {
      payloads: { labels: string[] }[];
      script: string;
    };
    expect(items.payloads.length).toBeGreaterThan(0);
    expect(items.payloads.every((p) => p.labels.includes('incident-action-item'))).toBe(true);
    expect(items.script).toContain('gh issue create');
    expect(items.script).toContain('matcarv/aiops');
    expect((await h.app.inject({ url: '/api/v1/postmortems/pm-inc-api-1/action-items?repo=bad repo' })).statusCode).toBe(400);

    const published = await h.app.inject({ method: 'POST', url: '/api/v1/postmortems/pm-inc-api-1/publish', headers: h.as('operator') });
    expect(published.json()).toMatchObject({ status: 'published', editedBy: h.principal('operator') });
    const frozen = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/postmortems/pm-inc-api-1',
      headers: h.as('operator'),
      payload: { markdown: 'changed' },
    });
    expect(frozen.statusCode).toBe(409);
    // Drafting again returns the existing one (never overwritten).
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/v1/postmortems',
      headers: h.as('operator'),
      payload: { incidentId: 'inc-api-1' },
    });
    expect(again.json()).toMatchObject({ id: 'pm-inc-api-1', status: 'published' });
  });

  it('reports MTTA/MTTD/MTTR per service and severity, and rejects bad query values naming the field', async () => {
    const r = await h.app.inject({ url: '/api/v1/reports/response?bucket=all' });
    const rows = (r.json() as { items: { service: string; severity: string; resolved: number }[] }).items;
    expect(rows.find((x) => x.service === 'orders' && x.severity === 'SEV-2')).toMatchObject({ resolved: 1 });
    const bad = await h.app.inject({ url: '/api/v1/reports/response?bucket=year' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('bucket');
  });

  it('refuses to draft a post-mortem for an open or unknown incident', async () => {
    const p = h.t.platform;
    await p.store
      .collection<Incident>('incidents')
      .create(
        openIncident({
          id: 'inc-open',
          title: 'open one',
          severity: 'SEV-4',
          groupKey: 'g',
          resourceArns: [],
          alertIds: [],
          labels: {},
          at: new Date(h.t.clock.now()).toISOString(),
        }),
      );
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/v1/postmortems', headers: h.as('operator'), payload: { incidentId: 'inc-open' } }))
        .statusCode,
    ).toBe(409);
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/v1/postmortems', headers: h.as('operator'), payload: { incidentId: 'nope' } }))
        .statusCode,
    ).toBe(404);
  });
});
