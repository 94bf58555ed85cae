import { describe, expect, it } from 'vitest';
import { routeHarness } from '../../../test/integration/route-harness.js';

const h = routeHarness({
  features: ['compliance'],
  setup: async () => {
    // Every test reads findings: one scan up front keeps them independent of each other's order.
    await h.t.platform.features.compliance.scan();
  },
});

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, role: 'viewer' | 'operator' = 'operator', payload?: unknown) =>
  h.call(method, url, role, payload);

describe('Route: compliance', () => {
  it('POST /compliance/scan needs an operator and returns the scan report', async () => {
    expect((await call('POST', '/compliance/scan', 'viewer', {})).statusCode).toBe(403);
    const res = await call('POST', '/compliance/scan', 'operator', {});
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ kind: 'compliance-scan', partial: false, checks: 59 });
    expect(report.failed).toBeGreaterThan(0);
    expect(report.openBySeverity.HIGH).toBeGreaterThan(0);
  });

  it('POST /compliance/scan narrows to a framework and severity (any case)', async () => {
    const report = (await call('POST', '/compliance/scan', 'operator', { framework: 'CIS', severity: 'high' })).json();
    expect(report.selection).toEqual({ framework: 'cis', severity: 'HIGH' });
    expect(report.scores.map((s: { framework: string }) => s.framework)).toEqual(['cis']);
    expect((await call('POST', '/compliance/scan', 'operator', { framework: 'pci' })).statusCode).toBe(400);
  });

  it.each([
    ['severity=HIGH', (f: { severity: string }) => f.severity === 'HIGH'],
    ['severity=medium', (f: { severity: string }) => f.severity === 'MEDIUM'],
    ['check=ec2-sg-open-ssh', (f: { checkId: string }) => f.checkId === 'ec2-sg-open-ssh'],
    ['framework=cis', (f: { frameworks: { cis?: string[] } }) => (f.frameworks.cis?.length ?? 0) > 0],
    ['status=open', (f: { status: string }) => f.status === 'open'],
  ] as const)('GET /findings?%s filters', async (query, holds) => {
    const res = await call('GET', `/findings?${query}`, 'viewer');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as never[];
    expect(items.length).toBeGreaterThan(0);
    for (const f of items) expect((holds as (x: never) => boolean)(f)).toBe(true);
  });

  it('GET /findings/:id returns the finding with evidence and its remediation, 404 otherwise', async () => {
    const [ssh] = (await call('GET', '/findings?check=ec2-sg-open-ssh')).json().items;
    const res = await call('GET', `/findings/${ssh.id}`, 'viewer');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: ssh.id, remediation: 'AIOps-RevokeOpenSSH', resourceArn: expect.stringContaining('sg-0ssh') });
    expect(res.json().evidence).toBeTruthy();
    expect((await call('GET', '/findings/cf-nope', 'viewer')).statusCode).toBe(404);
  });

  it('suppresses with a reason and expiry (operator), rejects a missing reason, and lifts it', async () => {
    const [f] = (await call('GET', '/findings?check=s3-bucket-versioning')).json().items;
    expect((await call('POST', `/findings/${f.id}/suppress`, 'viewer', { reason: 'log bucket, objects are immutable' })).statusCode).toBe(
      403,
    );
    const bad = await call('POST', `/findings/${f.id}/suppress`, 'operator', { reason: '' });
    expect(bad.statusCode).toBe(400);
    const past = await call('POST', `/findings/${f.id}/suppress`, 'operator', {
      reason: 'accepted',
      until: new Date(h.t.clock.now() - 60_000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().field).toContain('until');
    const until = new Date(h.t.clock.now() + 30 * 86_400_000).toISOString();
    const ok = await call('POST', `/findings/${f.id}/suppress`, 'operator', { reason: 'log bucket, objects are immutable', until });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'suppressed',
      suppression: { reason: 'log bucket, objects are immutable', by: h.principal('operator'), until },
    });
    expect((await call('GET', '/findings?status=suppressed')).json().items.map((x: { id: string }) => x.id)).toContain(f.id);
    const lifted = await call('DELETE', `/findings/${f.id}/suppress`, 'operator');
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json().status).toBe('open');
  });

  it('GET /compliance/scores and /compliance/history', async () => {
    const scores = (await call('GET', '/compliance/scores', 'viewer')).json().items;
    expect(scores.map((s: { framework: string }) => s.framework).sort()).toEqual(['cis', 'fsbp']);
    const history = (await call('GET', '/compliance/history', 'viewer')).json().items;
    expect(history.length).toBeGreaterThan(0);
    expect(history[0].scores).toHaveProperty('cis');
  });

  it.each([
    ['json', 'application/json', (b: string) => Array.isArray(JSON.parse(b).findings ?? JSON.parse(b))],
    ['csv', 'text/csv', (b: string) => b.split('\n')[0]!.includes('checkId') || b.split('\n')[0]!.toLowerCase().includes('check')],
    ['asff', 'application/json', (b: string) => JSON.parse(b).Findings[0].SchemaVersion === '2018-10-08'],
    ['ocsf', 'application/json', (b: string) => JSON.stringify(JSON.parse(b)).includes('2003')],
    ['sarif', 'application/sarif+json', (b: string) => JSON.parse(b).version === '2.1.0'],
    ['html', 'text/html', (b: string) => b.toLowerCase().includes('<html')],
  ] as const)('GET /compliance/export?format=%s', async (format, type, valid) => {
    const res = await call('GET', `/compliance/export?format=${format}&status=open`, 'viewer');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    expect(valid(res.body)).toBe(true);
  });
});
