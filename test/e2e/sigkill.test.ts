import { afterAll, describe, expect, it } from 'vitest';
import { apiGet, apiPost, startServer, waitFor, type RunningServer } from './server-process.js';

interface Exec {
  id: string;
  status: string;
  outcome?: string;
  statesVisited: string[];
}

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
});

describe('A real SIGKILL in the middle of the scenario', () => {
  it('loses no accepted signal, alert, incident or audit record, and the execution completes after restart', async () => {
    const first = await startServer({ speed: 60 });
    servers.push(first);
    await apiPost(first, '/sandbox/scenarios/ec2-cpu-spike/inject');
    // Wait for the runbook to be mid-flight, then kill the process without warning.
    const running = await waitFor('a running execution', async () => (await apiGet<{ items: Exec[] }>(first, '/executions')).items.find((e) => e.status === 'RUNNING'), 90_000, 50);
    const before = {
      incidents: (await apiGet<{ items: unknown[] }>(first, '/incidents')).items.length,
      alerts: (await apiGet<{ items: unknown[] }>(first, '/alerts?limit=1000')).items.length,
      audit: (await apiGet<{ items: unknown[] }>(first, '/audit?limit=5000')).items.length,
    };
    await first.stop('SIGKILL');

    const second = await startServer({ dataDir: first.dataDir, speed: 60 });
    servers.push(second);
    expect(second.output()).toMatch(/Recovered:|Console and API:/);
    const after = {
      incidents: (await apiGet<{ items: unknown[] }>(second, '/incidents')).items.length,
      alerts: (await apiGet<{ items: unknown[] }>(second, '/alerts?limit=1000')).items.length,
      audit: (await apiGet<{ items: unknown[] }>(second, '/audit?limit=5000')).items.length,
    };
    expect(after.incidents).toBeGreaterThanOrEqual(before.incidents);
    expect(after.alerts).toBeGreaterThanOrEqual(before.alerts);
    expect(after.audit).toBeGreaterThanOrEqual(before.audit);

    const done = await waitFor('the execution to finish', async () => {
      const e = await apiGet<Exec & { reason?: string }>(second, `/executions/${running.id}`);
      return e.status === 'RUNNING' ? undefined : e;
    }, 90_000);
    // Resumed to completion: the sandbox's scale-out survived the kill, so validation passes.
    expect(done).toMatchObject({ status: 'SUCCEEDED', outcome: 'SUCCESS' });
    const verify = await apiGet<{ ok: boolean }>(second, '/audit/verify');
    expect(verify.ok).toBe(true);
  });
});
