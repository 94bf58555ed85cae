import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../src/ports/approvals.js';
import type { Alert } from '../../src/core/alerts/alert.js';
import type { Signal } from '../../src/core/events/signal.js';
import { AUDIT_FIELDS, verifyAuditChain } from '../../src/core/remediation/audit.js';
import type { Execution } from '../../src/core/remediation/execution.js';
import type { ReportDoc } from '../../src/app/cost/types.js';
import type { CostRecommendationDoc } from '../../src/app/features/cost.js';
import { recommendationFor } from './cost-helpers.js';
import { advanceUntil, startTestPlatform, type TestPlatform } from './helpers.js';

const HOUR = 3_600_000;
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ features: ['cost'] });
});
afterAll(async () => t?.cleanup());

const recFor = (name: string, ruleId: string): Promise<CostRecommendationDoc> => recommendationFor(t, name, ruleId);

/** Runs the execution to its end, approving the approval it asks for as `principal`. */
async function approveAndFinish(execId: string, principal: string): Promise<Execution> {
  const p = t.platform;
  const executions = p.store.collection<Execution>('executions');
  await advanceUntil(t, async () => (await executions.get(execId))?.status === 'WAITING_APPROVAL', 10);
  const [approval] = await p.store.collection<Approval>('approvals').find({ where: { executionId: execId } });
  expect(approval).toMatchObject({ status: 'pending' });
  // Nothing has changed yet: the approval gate holds the action.
  expect((await p.store.audit.list({ executionId: execId })).filter((a) => a.outcome === 'SUCCESS')).toEqual([]);
  await p.remediation.decide(approval!.id, 'approve', principal, 'FinOps: approved right-sizing');
  await advanceUntil(t, async () => (await executions.get(execId))?.endedAt !== undefined, 20);
  return (await executions.get(execId))!;
}

describe('Scenario: cost intelligence on the sandbox, manual clock', () => {
  it('finds each planted waste of the sandbox fleet with the expected monthly savings', async () => {
    // orphaned-data: unattached 500 GiB gp2 at $0.10/GB-month; as gp3 it would cost 500 × $0.08 + (250 − 125) MiB/s × $0.04.
    expect((await recFor('orphaned-data', 'ebs-underused')).monthlySavingsUsd).toBe(50);
    expect((await recFor('orphaned-data', 'ebs-gp2-to-gp3')).monthlySavingsUsd).toBe(5);
    // old-bastion-ip: public IPv4 $0.005/h × 730 h.
    expect((await recFor('old-bastion-ip', 'eip-unassociated')).monthlySavingsUsd).toBe(3.65);
    // legacy-batch: m4.xlarge $0.20/h → m5.xlarge $0.192/h, × 730 h.
    expect((await recFor('legacy-batch', 'ec2-previous-generation')).monthlySavingsUsd).toBe(5.84);
    // thumbnail-generator: 3008 MB configured, 210 MB used at peak → 320 MB (210 × 1.3 rounded up to 64 MB).
    const lambda = await recFor('thumbnail-generator', 'lambda-oversized-memory');
    const ev = lambda.recommendation.evidence as Record<string, number>;
    expect(ev).toMatchObject({ configuredMb: 3008, maxUsedMb: 210, recommendedMb: 320 });
    const gbSeconds = ((3008 - 320) / 1024) * (ev['meanDurationMs']! / 1000) * ev['monthlyInvocations']!;
    expect(Math.abs(lambda.monthlySavingsUsd - gbSeconds * 0.0000166667)).toBeLessThan(0.5);
    expect(lambda.recommendation.automatable).toBe(true);
  });

  it('calls legacy-batch idle (CPU and network in + out under the Trusted Advisor line) and no busy web instance', async () => {
    const lowUtil = await t.platform.features.cost.listRecommendations({ ruleId: 'ec2-low-utilization' });
    expect(lowUtil.map((r) => r.resourceArn)).toEqual([t.platform.sandbox.resolve('legacy-batch').arn]);
    // m4.xlarge $0.20/h × 730 h: stopping it saves the whole instance.
    expect(lowUtil[0]!.monthlySavingsUsd).toBe(146);
  });

  it('keeps a dismissed recommendation dismissed across re-analysis', async () => {
    const cost = t.platform.features.cost;
    const snap = await recFor('web-1-root-2026-08', 'ebs-snapshot-old');
    await cost.dismiss(snap.id, 'kept for the audit trail', 'finops-lead');
    await cost.analyze();
    expect((await cost.getRecommendation(snap.id)).status).toBe('dismissed');
    expect((await cost.getRecommendation(snap.id)).dismissal).toMatchObject({ reason: 'kept for the audit trail', principal: 'finops-lead' });
  });

  it('runs the daily report at 03:00 UTC, stores it, posts it with the Slack payload, and turns a spend spike into a Signal and an alert', async () => {
    const p = t.platform;
    const spike = await p.features.cost.injectSpendSpike({}, 'test');
    expect(spike).toMatchObject({ service: 'Amazon Elastic Compute Cloud - Compute', date: '2026-11-22', factor: 3 });
    const reports = p.store.collection<ReportDoc>('reports');
    // 10:00 → 02:00 the next day in hourly steps; nothing is reported before 03:00.
    await t.clock.advance(16 * HOUR, HOUR);
    expect(await reports.count()).toBe(0);
    await advanceUntil(t, async () => (await reports.count()) > 0, 90);
    expect(new Date(t.clock.now()).toISOString() >= '2026-11-24T03:00:00.000Z').toBe(true);
    const doc = (await reports.get('cost-daily-2026-11-24'))!;
    expect(doc.report.period).toEqual({ start: '2026-11-17', end: '2026-11-23' });
    expect(doc.markdown).toContain('2026-11-24');
    expect(doc.report.anomalies.map((a) => [a.service, a.date])).toContainEqual(['Amazon Elastic Compute Cloud - Compute', '2026-11-22']);
    expect(doc.report.recommendations.count).toBeGreaterThanOrEqual(5);

    const notes = await p.store.collection<{ id: string; notification: { action: string; details: { slack: { blocks: unknown[] } } } }>('notifications').find();
    const posted = notes.find((n) => n.id === 'n-cost-daily-2026-11-24');
    expect(posted?.notification.action).toBe('info');
    expect(posted?.notification.details.slack.blocks.length).toBeGreaterThan(2);

    await advanceUntil(t, async () => (await p.store.collection<Alert>('alerts').find()).some((a) => a.source === 'cost'), 10);
    const signals = await p.store.collection<Signal>('signals').find({ where: { source: 'cost' } });
    expect(signals.find((s) => s.labels['date'] === '2026-11-22')).toMatchObject({ kind: 'cost-anomaly', metric: 'AWS/CostExplorer UnblendedCost', labels: { service: 'Amazon Elastic Compute Cloud - Compute' } });
    const alert = (await p.store.collection<Alert>('alerts').find()).find((a) => a.source === 'cost')!;
    expect(alert.resourceArn).toContain(':service/amazon-elastic-compute-cloud-compute');
  });

  it('turns an approved recommendation into an approval request, then the action on the sandbox and an audit record', async () => {
    const p = t.platform;
    const cost = p.features.cost;
    const eip = await recFor('old-bastion-ip', 'eip-unassociated');

    // Dry run first: the exact call, nothing changed, no approval needed.
    const dry = await cost.dryRun(eip.id, 'finops-lead');
    await advanceUntil(t, async () => (await p.store.collection<Execution>('executions').get(dry.id))?.endedAt !== undefined, 10);
    expect(p.sandbox.resolve('old-bastion-ip').state.Released).toBeUndefined();

    const { execution, recommendation } = await cost.approve(eip.id, 'finops-lead');
    expect(recommendation.status).toBe('approved');
    expect(execution).toMatchObject({ runbookId: 'AIOps-ReleaseElasticIp', trigger: `cost:${eip.id}`, operator: 'finops-lead', dryRun: false, targetResource: eip.resourceArn });
    // Approving again is idempotent: the same execution.
    expect((await cost.approve(eip.id, 'finops-lead')).execution.id).toBe(execution.id);

    const done = await approveAndFinish(execution.id, 'approver-1');
    expect(done).toMatchObject({ status: 'SUCCEEDED', outcome: 'SUCCESS' });
    expect(p.sandbox.resolve('old-bastion-ip').state.Released).toBe(true);
    const audit = await p.store.audit.list({ executionId: execution.id });
    const action = audit.find((a) => a.action.startsWith('ec2:ReleaseAddress'));
    expect(action).toMatchObject({ runbook: 'AIOps-ReleaseElasticIp', targetResource: eip.resourceArn, trigger: `cost:${eip.id}`, outcome: 'SUCCESS' });
    for (const f of AUDIT_FIELDS) expect(action![f], f).toBeTruthy();
    expect(verifyAuditChain(await p.store.audit.scan()).ok).toBe(true);
  });

  it('changes the orphaned gp2 volume to gp3 after approval', async () => {
    const p = t.platform;
    const gp3 = await recFor('orphaned-data', 'ebs-gp2-to-gp3');
    const { execution } = await p.features.cost.approve(gp3.id, 'finops-lead');
    expect((await approveAndFinish(execution.id, 'approver-1')).status).toBe('SUCCEEDED');
    expect(p.sandbox.resolve('orphaned-data').state.VolumeType).toBe('gp3');
    // The next analysis sees a gp3 volume: the approved recommendation keeps its record, the rule no longer flags it.
    const summary = await p.features.cost.analyze();
    expect(summary.errors).toEqual([]);
  });

  it('refuses to approve a recommendation whose runbook is not in the catalogue', async () => {
    // Every rule's runbook is in the catalogue (cost-runbooks.test.ts); a stored recommendation naming a missing one still fails closed.
    const prevGen = await recFor('legacy-batch', 'ec2-previous-generation');
    const recs = t.platform.store.collection<CostRecommendationDoc>('recommendations');
    await recs.update(prevGen.id, (cur) => ({ ...cur, recommendation: { ...cur.recommendation, remediation: { ...cur.recommendation.remediation!, runbookId: 'AIOps-NotInCatalogue' } } }));
    await expect(t.platform.features.cost.approve(prevGen.id, 'finops-lead')).rejects.toThrow(/AIOps-NotInCatalogue is not in the remediation catalogue/);
    expect((await t.platform.features.cost.getRecommendation(prevGen.id)).status).toBe('open');
  });
});
