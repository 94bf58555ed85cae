import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIOS, findScenario } from '../../../src/adapters/sandbox/scenarios/index.js';
import type { ScenarioDescriptor } from '../../../src/adapters/sandbox/scenarios/scenario.js';
import { createRehearsalPlatform, rehearse, type RehearsalPlatform } from '../../../src/app/remediation/rehearsal.js';
import type { Alert } from '../../../src/core/alerts/alert.js';
import { findRunbook } from '../../../src/core/remediation/catalogue/index.js';
import { AUDIT_FIELDS, verifyAuditChain } from '../../../src/core/remediation/audit.js';
import type { Signal } from '../../../src/core/events/signal.js';
import type { Execution } from '../../../src/core/remediation/execution.js';

let t: RehearsalPlatform | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const PATH = ['CollectDiagnostics', 'EligibilityCheck', 'IsEligible'];
const ACT = ['Execute', 'WaitForEffect', 'ValidateRemediation', 'MarkSuccess', 'Record'];

async function start(s: ScenarioDescriptor) {
  t = await createRehearsalPlatform(s.clockStart ? { clockStart: s.clockStart } : {});
  return t;
}

describe('Scenario: every catalogue entry rehearsed end to end on a manual clock', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', async (_id, s) => {
    const { platform: p, clock } = await start(s);
    const runbook = findRunbook(s.expected.runbook)!;
    const r = await rehearse(p, clock, s);
    expect(r.failures).toEqual([]);
    const exec = r.execution!;

    // Detection: the expected alarm/rule arrived as a signal and an alert, on an incident of the expected severity.
    if (runbook.pattern !== 'scheduled') {
      const rule = s.expected.alarm ?? s.expected.rule;
      const signals = await p.store.collection<Signal>('signals').find();
      expect(signals.some((x) => x.rule === rule && x.state === 'firing')).toBe(true);
      const alert = (await p.store.collection<Alert>('alerts').find()).find((a) => a.rule === rule)!;
      expect(alert.incidentId).toBe(exec.incidentId);
      expect(r.incident!.severity).toBe(s.expected.severity);
      expect(exec.trigger).toMatch(/^alert:/);
      expect(r.mttdSeconds).toBeGreaterThanOrEqual(0);
    } else {
      expect(exec.incidentId).toBeUndefined();
      expect(exec.trigger).toMatch(/^schedule:/);
    }

    // Orchestrator path, with the approval step where the entry requires one.
    expect(exec.statesVisited).toEqual([...PATH, ...(s.expected.needsApproval ? ['RequestApproval', 'IsApproved'] : []), ...ACT]);
    expect(exec).toMatchObject({ status: 'SUCCEEDED', outcome: 'SUCCESS', runbookId: runbook.id, targetResource: p.sandbox.resolve(s.expected.targetState.resource).arn });
    if (s.expected.needsApproval) {
      expect(r.approval).toMatchObject({ status: 'approved', decidedBy: 'rehearsal-approver' });
      expect(exec.operator).toBe('rehearsal-approver');
    } else expect(exec.operator).toBe('automated');

    // Action on the sandbox: the target reached the expected state.
    expect(r.targetValue).toEqual(s.expected.targetState.equals);

    // Validation: entries with a validation rule confirmed it on the incident timeline.
    if (runbook.validate && r.incident) expect(r.incident.timeline.some((e) => e.kind === 'execution' && e.message.includes(`${runbook.id}: validated`))).toBe(true);

    // Audit: one record per call plus the outcome, each with all nine fields; the chain verifies.
    const audit = await p.store.audit.list({ executionId: exec.id });
    expect(audit).toHaveLength((exec.plan as unknown[]).length + 1);
    for (const rec of audit) for (const f of AUDIT_FIELDS) expect(rec[f], `${rec.action}: ${f}`).toBeTruthy();
    expect(audit.every((a) => a.outcome === 'SUCCESS' && a.runbook === runbook.id && a.rollbackPlan === runbook.rollbackPlan)).toBe(true);
    expect(verifyAuditChain(await p.store.audit.scan()).ok).toBe(true);

    // Resolution where it applies; otherwise the incident stays open for a human, with the action on its timeline.
    if (s.expected.resolves) {
      expect(r.end).toBe('resolved');
      expect(r.incident!.status).toBe('resolved');
      expect(r.mttrSeconds).toBeGreaterThan(0);
    } else {
      expect(r.end).toBe('remediated');
      if (r.incident) {
        expect(r.incident.status).not.toBe('resolved');
        expect(r.incident.timeline.some((e) => e.kind === 'execution' && e.message.includes(`${runbook.id}: SUCCESS`))).toBe(true);
      }
    }
  });

  it('records a rejected approval as SKIPPED, audited, and leaves the bucket public', async () => {
    const s = findScenario('s3-bucket-public');
    const { platform: p, clock } = await start(s);
    const r = await rehearse(p, clock, s, { approval: { decision: 'reject', principal: 'security-lead', comment: 'public on purpose for the launch' } });
    expect(r.failures).toEqual([]);
    expect(r.approval).toMatchObject({ status: 'rejected', decidedBy: 'security-lead', comment: 'public on purpose for the launch' });
    expect(r.execution).toMatchObject({ status: 'SKIPPED', outcome: 'SKIPPED', operator: 'security-lead' });
    expect(r.execution!.statesVisited).toEqual([...PATH, 'RequestApproval', 'IsApproved', 'MarkRejected', 'Record']);
    expect(r.targetValue).toBe(false);
    const audit = await p.store.audit.list({ executionId: r.execution!.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'SKIPPED', operator: 'security-lead', runbook: 'AIOps-BlockS3PublicAccess' });
    for (const f of AUDIT_FIELDS) expect(audit[0]![f], f).toBeTruthy();
  });

  it('lets an unanswered approval expire after 7 days and records SKIPPED without acting', async () => {
    const s = findScenario('sg-open-ssh');
    const { platform: p, clock } = await start(s);
    const r = await rehearse(p, clock, s, { approval: 'expire' });
    expect(r.failures).toEqual([]);
    expect(r.approval).toMatchObject({ status: 'expired', decidedBy: 'automated' });
    expect(Date.parse(r.approval!.decidedAt!) - Date.parse(r.approval!.requestedAt)).toBeGreaterThanOrEqual(7 * 86_400_000);
    expect(r.execution).toMatchObject({ status: 'SKIPPED', outcome: 'SKIPPED' });
    expect(p.sandbox.resolve('legacy-ssh').state.IpPermissions).toHaveLength(1);
    const audit = await p.store.audit.list({ executionId: r.execution!.id });
    expect(audit.map((a) => a.outcome)).toEqual(['SKIPPED']);
    // A decision after expiry is refused.
    await expect(p.remediation.decide(r.approval!.id, 'approve', 'late-approver')).rejects.toThrow(/already expired/);
  });

  it('starts one scheduled execution per target and occurrence, however often the occurrence is replayed', async () => {
    const { platform: p, clock } = await start(findScenario('anomaly-detection-schedule'));
    const at = new Date('2026-11-23T10:05:00.000Z');
    const first = await p.remediation.runScheduled('AIOps-RunAnomalyDetection', at);
    const again = await p.remediation.runScheduled('AIOps-RunAnomalyDetection', at);
    expect(first.map((e) => e.targetResource)).toEqual([p.sandbox.resolve('aiops-anomaly-detector').arn]);
    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
    // Only eligible targets: of the two IAM users, only deploy-bot has exactly one active key.
    const rotation = await p.remediation.runScheduled('AIOps-RotateNonProdAccessKeys', new Date('2026-11-29T01:00:00.000Z'));
    expect(rotation.map((e) => e.targetResource)).toEqual([p.sandbox.resolve('deploy-bot').arn]);
    await expect(p.remediation.runScheduled('AIOps-ScaleOutEC2ASG', at)).rejects.toThrow(/not a scheduled runbook/);
    await expect(p.remediation.runScheduled('AIOps-Nope', at)).rejects.toThrow(/unknown runbook/);
    // Let the started executions finish before the store closes.
    await clock.advance(3 * 60_000);
    await p.orchestrator.settle();
    expect((await p.store.collection<Execution>('executions').find()).every((e) => e.status === 'SUCCEEDED')).toBe(true);
  });
});
