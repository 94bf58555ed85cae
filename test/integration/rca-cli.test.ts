import { describe, expect, it } from 'vitest';
import { openIncident } from '../../src/core/incidents/lifecycle.js';
import type { Incident } from '../../src/core/incidents/incident.js';
import { cliHarness } from './cli-harness.js';

const cli = cliHarness({
  setup: async (t) => {
    const p = t.platform;
    // A bad configuration push on the orders function, then a SEV-2 incident on it, then resolution.
    await p.sandbox.inject([{ type: 'state', resource: 'orders-processor', set: { Timeout: 3 }, eventName: 'UpdateFunctionConfiguration', principal: 'alice' }], 'test');
    await t.clock.advance(5 * 60_000);
    const fn = p.sandbox.resolve('orders-processor');
    await p.store.collection<Incident>('incidents').create(openIncident({ id: 'inc-cli-1', title: 'orders degraded', severity: 'SEV-2', groupKey: 'service=orders', service: 'orders', resourceArns: [fn.arn], alertIds: [], labels: {}, at: new Date(t.clock.now() - 60_000).toISOString() }));
    await p.bus.publish('incident.opened', { incidentId: 'inc-cli-1' }, 'incident.opened:inc-cli-1');
    await p.bus.drain();
    await p.alerting.resolve('inc-cli-1', 'otto');
    await p.bus.drain();
  },
});
const aiops = (...args: string[]) => cli.aiops(...args);

describe('CLI: aiops rca / postmortem', () => {
  it('prints the formatted RCA report with the configuration change as the top cause', async () => {
    const r = await aiops('rca', 'inc-cli-1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('RCA for inc-cli-1');
    expect(r.stdout).toMatch(/1\. .*configuration/);
    expect(r.stdout).toContain('UpdateFunctionConfiguration');
    expect((await aiops('rca', 'nope')).code).toBe(3);
  });

  it('lists post-mortems, drafts idempotently and exports action items as a gh script', async () => {
    const list = await aiops('postmortem', 'list');
    expect(list.stdout).toContain('pm-inc-cli-1');
    const draft = await aiops('postmortem', 'draft', 'inc-cli-1');
    expect(draft.stdout).toContain('pm-inc-cli-1  draft');
    const script = await aiops('postmortem', 'export', 'pm-inc-cli-1', '--script', '--repo', 'matcarv/aiops');
    expect(script.code).toBe(0);
    expect(script.stdout).toContain('gh issue create');
    expect(script.stdout).toContain('matcarv/aiops');
    const payloads = JSON.parse((await aiops('postmortem', 'export', 'pm-inc-cli-1')).stdout) as { labels: string[] }[];
    expect(payloads[0]!.labels).toContain('incident-action-item');
    expect((await aiops('postmortem', 'export', 'pm-inc-cli-1', '--markdown')).stdout).toContain('## Root cause');
    expect((await aiops('postmortem', 'export', 'pm-inc-cli-1', '--script', '--repo', 'nope')).code).toBe(2);
  });
});
