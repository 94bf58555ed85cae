import { describe, expect, it } from 'vitest';
import { routeHarness } from '../../../test/integration/route-harness.js';
import { COST_RULES } from '../../core/cost/rules/index.js';

const h = routeHarness({ features: ['cost'] });

const call = (method: 'GET' | 'POST', url: string, role?: 'viewer' | 'operator' | 'approver', payload?: unknown) =>
  h.call(method, url, role, payload);

type Rec = { id: string; ruleId: string; status: string; resourceArn: string; monthlySavingsUsd: number };
const recs = async (query = ''): Promise<Rec[]> => (await call('GET', `/cost/recommendations${query}`)).json().items;

describe('Route: /cost/recommendations', () => {
  it('lists recommendations by savings, with filters', async () => {
    const all = await recs();
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.map((r) => r.monthlySavingsUsd)).toEqual([...all.map((r) => r.monthlySavingsUsd)].sort((a, b) => b - a));
    expect((await recs('?ruleId=eip-unassociated')).map((r) => r.ruleId)).toEqual(['eip-unassociated']);
    expect((await recs('?resourceType=AWS::EC2::Volume')).map((r) => r.ruleId).sort()).toEqual(['ebs-gp2-to-gp3', 'ebs-underused']);
    expect((await recs('?minSavingsUsd=40')).every((r) => r.monthlySavingsUsd >= 40)).toBe(true);
    expect((await recs('?limit=2')).length).toBe(2);
  });

  it.each([
    ['?status=bogus', 'querystring.status'],
    ['?minSavingsUsd=-1', 'querystring.minSavingsUsd'],
  ])('rejects %s naming the field', async (q, field) => {
    const r = await call('GET', `/cost/recommendations${q}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().field).toBe(field);
  });

  it('dismisses with a reason (operator), and the dismissal survives re-analysis', async () => {
    const [snap] = await recs('?ruleId=ebs-snapshot-old');
    expect((await call('POST', `/cost/recommendations/${snap!.id}/dismiss`, 'viewer', { reason: 'x' })).statusCode).toBe(403);
    const noReason = await call('POST', `/cost/recommendations/${snap!.id}/dismiss`, 'operator', { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('body.reason');
    const ok = await call('POST', `/cost/recommendations/${snap!.id}/dismiss`, 'operator', { reason: 'baseline image' });
    expect(ok.json()).toMatchObject({ status: 'dismissed', dismissal: { reason: 'baseline image', principal: h.principal('operator') } });
    expect((await call('POST', '/cost/analyze', 'viewer')).statusCode).toBe(403);
    // Every sandbox resource of a type some cost rule covers is analysed.
    const covered = new Set(COST_RULES.map((r) => r.resourceType));
    const expected = h.t.platform.sandbox.resources().filter((r) => covered.has(r.type)).length;
    expect((await call('POST', '/cost/analyze', 'operator')).json()).toMatchObject({ resources: expected, errors: [] });
    expect((await recs('?status=dismissed')).map((r) => r.id)).toEqual([snap!.id]);
  });

  it('approves only with the approver role and starts a runbook that waits for approval', async () => {
    const [eip] = await recs('?ruleId=eip-unassociated');
    expect((await call('POST', `/cost/recommendations/${eip!.id}/approve`, 'operator')).statusCode).toBe(403);
    const dry = await call('POST', `/cost/recommendations/${eip!.id}/dry-run`, 'operator');
    expect(dry.statusCode).toBe(202);
    expect(dry.json()).toMatchObject({ dryRun: true, runbookId: 'AIOps-ReleaseElasticIp' });
    const r = await call('POST', `/cost/recommendations/${eip!.id}/approve`, 'approver');
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({
      recommendation: { status: 'approved' },
      execution: { runbookId: 'AIOps-ReleaseElasticIp', dryRun: false, trigger: `cost:${eip!.id}`, operator: h.principal('approver') },
    });
    expect((await call('POST', '/cost/recommendations/nope/approve', 'approver')).statusCode).toBe(404);
  });

  it('starts AIOps-ChangeInstanceType for a previous-generation recommendation (it used to be 409)', async () => {
    const [prevGen] = await recs('?ruleId=ec2-previous-generation');
    const r = await call('POST', `/cost/recommendations/${prevGen!.id}/approve`, 'approver');
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({
      recommendation: { status: 'approved' },
      execution: { runbookId: 'AIOps-ChangeInstanceType', dryRun: false, trigger: `cost:${prevGen!.id}` },
    });
  });

  it('answers 409 for a recommendation whose runbook is not in the catalogue, and leaves it open', async () => {
    // Every rule's runbook is in the catalogue; a stored recommendation naming a missing one (an older release's) still answers 409.
    const [lambda] = await recs('?ruleId=lambda-oversized-memory');
    const store = h.t.platform.store.collection<{ id: string; recommendation: { remediation: { runbookId: string } } }>('recommendations');
    await store.update(lambda!.id, (cur) => ({
      ...cur,
      recommendation: { ...cur.recommendation, remediation: { ...cur.recommendation.remediation, runbookId: 'AIOps-NotInCatalogue' } },
    }));
    const r = await call('POST', `/cost/recommendations/${lambda!.id}/approve`, 'approver');
    expect(r.statusCode).toBe(409);
    expect(r.body).toContain('AIOps-NotInCatalogue is not in the remediation catalogue');
    expect((await recs('?ruleId=lambda-oversized-memory')).find((x) => x.id === lambda!.id)!.status).toBe('open');
  });
});

describe('Route: /cost/report and /cost/spend', () => {
  it('is 404 before the first report, then serves it as JSON, Markdown and HTML', async () => {
    expect((await call('GET', '/cost/report')).statusCode).toBe(404);
    expect((await call('POST', '/cost/report', 'operator')).statusCode).toBe(200);
    const json = await call('GET', '/cost/report');
    expect(json.json()).toMatchObject({ kind: 'cost-daily', date: '2026-11-23', period: { start: '2026-11-16', end: '2026-11-22' } });
    const md = await call('GET', '/cost/report?format=markdown');
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('2026-11-23');
    const html = await call('GET', '/cost/report?format=html');
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<');
    expect((await call('GET', '/cost/report?format=pdf')).statusCode).toBe(400);
  });

  it('gives daily spend by service with anomalies, and marks a planted spike', async () => {
    const before = (await call('GET', '/cost/spend?days=14')).json();
    expect(before.dates).toHaveLength(14);
    expect(before.dates.at(-1)).toBe('2026-11-22');
    expect(before.series.length).toBe(10);
    for (const s of before.series) expect(s.usd).toHaveLength(14);
    const spike = await call('POST', '/cost/spend-spike', 'operator', { service: 'AWS Lambda', factor: 4, date: '2026-11-20' });
    expect(spike.statusCode).toBe(201);
    const after = (await call('GET', '/cost/spend?days=14')).json();
    expect(after.anomalies.map((a: { service: string; date: string }) => [a.service, a.date])).toContainEqual(['AWS Lambda', '2026-11-20']);
    expect((await call('POST', '/cost/spend-spike', 'operator', { service: 'Nope' })).json()).toMatchObject({ field: 'service' });
    expect((await call('GET', '/cost/spend?days=0')).statusCode).toBe(400);
  });

  it.each([
    // Account-level tags of the generated accounts: platform runs prod and staging, data runs dev.
    ['tag:team', ['platform', 'data']],
    ['tag:environment', ['prod', 'staging', 'dev']],
    // The fleet's resource-level service tag, with the spend no resource tag covers.
    ['tag:service', ['web', 'orders', 'batch', 'checkout', 'ops', 'media', '(untagged)']],
  ])('groups spend by %s', async (groupBy, keys) => {
    const r = await call('GET', `/cost/spend?days=14&groupBy=${groupBy}`);
    expect(r.statusCode).toBe(200);
    const body = r.json() as { groupBy: string; series: { key: string; usd: number[] }[] };
    expect(body.groupBy).toBe(groupBy);
    expect(body.series.map((s) => s.key).sort()).toEqual([...keys].sort());
    // Grouping moves money between groups, never creates or loses it.
    const byService = (await call('GET', '/cost/spend?days=14')).json() as { series: { usd: number[] }[] };
    const total = (series: { usd: number[] }[]) => Math.round(series.reduce((a, s) => a + s.usd.reduce((x, y) => x + y, 0), 0));
    expect(Math.abs(total(body.series) - total(byService.series))).toBeLessThanOrEqual(1);
  });

  it('refuses a tag that is not a configured cost-allocation tag, naming groupBy', async () => {
    const r = await call('GET', '/cost/spend?groupBy=tag:owner');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: 'groupBy' });
    expect((await call('GET', '/cost/spend?groupBy=region')).statusCode).toBe(400);
  });
});
