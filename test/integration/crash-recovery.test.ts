import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { ManualClock } from '../../src/adapters/local/clocks.js';
import { findScenario } from '../../src/adapters/sandbox/scenarios/index.js';
import type { Execution } from '../../src/core/remediation/execution.js';
import { verifyAuditChain } from '../../src/core/remediation/audit.js';
import { advanceUntil, startTestPlatform, type TestPlatform } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function counts(t: TestPlatform) {
  const s = t.platform.store;
  return {
    signals: await s.collection('signals').count(),
    alerts: await s.collection('alerts').count(),
    incidents: await s.collection('incidents').count(),
    audit: (await s.audit.scan()).length,
  };
}

describe('Crash recovery', () => {
  it('loses nothing when the process dies mid-execution, and the execution resumes to completion', async () => {
    const first = await startTestPlatform({ features: [] });
    cleanups.push(async () => rmSync(first.dataDir, { recursive: true, force: true }));
    await first.platform.sandbox.inject(findScenario('ec2-cpu-spike').faults, 'test');
    const executions = first.platform.store.collection<Execution>('executions');
    // Run until the scale-out has happened and the execution is waiting to validate it.
    await advanceUntil(first, async () => (await executions.find()).some((e) => e.statesVisited.includes('ValidateRemediation')), 25);
    const before = await counts(first);
    expect(before.signals).toBeGreaterThan(0);
    expect(before.audit).toBeGreaterThan(0);
    const [inflight] = await executions.find();
    expect(inflight!.status).toBe('RUNNING');

    // "SIGKILL": the first process is abandoned where it stands — its clock never moves again,
    // nothing is flushed or stopped. A new process opens the same data directory.
    const clock = new ManualClock(first.clock.now());
    const second = await startTestPlatform({ dataDir: first.dataDir, clock, features: [] });
    cleanups.push(() => second.cleanup());
    const after = await counts(second);
    expect(after.signals).toBeGreaterThanOrEqual(before.signals);
    expect(after.alerts).toBeGreaterThanOrEqual(before.alerts);
    expect(after.incidents).toBe(before.incidents);
    expect(after.audit).toBeGreaterThanOrEqual(before.audit);
    // The sandbox world survived too: the scale-out is still there.
    expect(second.platform.sandbox.resolve('web-asg').state.DesiredCapacity).toBe(5);

    const again = second.platform.store.collection<Execution>('executions');
    await advanceUntil(second, async () => (await again.get(inflight!.id))?.endedAt !== undefined, 15);
    const done = (await again.get(inflight!.id))!;
    expect(done.outcome).toBe('SUCCESS');
    // Memoised steps are not repeated: exactly one scale-out call is audited.
    const calls = (await second.platform.store.audit.list({ executionId: done.id })).filter((a) => a.action.startsWith('autoscaling:SetDesiredCapacity'));
    expect(calls).toHaveLength(1);
    expect(second.platform.sandbox.resolve('web-asg').state.DesiredCapacity).toBe(5);
    expect(verifyAuditChain(await second.platform.store.audit.scan()).ok).toBe(true);
  });

  it('marks an execution failed with a reason when its state machine cannot continue after a restart', async () => {
    const first = await startTestPlatform({ features: [] });
    cleanups.push(async () => rmSync(first.dataDir, { recursive: true, force: true }));
    const exec: Execution = {
      id: 'exec-orphan', idempotencyKey: 'k', runbookId: 'AIOps-DoesNotExist', targetResource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-gone', environment: 'staging',
      status: 'RUNNING', dryRun: false, trigger: 'test', operator: 'automated', statesVisited: ['CollectDiagnostics'], startedAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z', version: 1,
    };
    await first.platform.store.collection<Execution>('executions').put(exec);
    const second = await startTestPlatform({ dataDir: first.dataDir, clock: new ManualClock(first.clock.now()), features: [] });
    cleanups.push(() => second.cleanup());
    await second.platform.orchestrator.settle();
    const after = (await second.platform.store.collection<Execution>('executions').get('exec-orphan'))!;
    expect(after.status).toBe('FAILED');
    expect(after.reason).toMatch(/runbook AIOps-DoesNotExist not found/);
    const audit = await second.platform.store.audit.list({ executionId: 'exec-orphan' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'FAILURE', runbook: 'AIOps-DoesNotExist' });
  });
});
