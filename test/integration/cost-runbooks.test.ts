import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SUPPORTED_CALLS } from '../../src/adapters/sandbox/sandbox-cloud.js';
import { findScenario } from '../../src/adapters/sandbox/scenarios/index.js';
import { recommendationId } from '../../src/app/cost/service.js';
import type { CostRecommendationDoc } from '../../src/app/features/cost.js';
import { toCostResource } from '../../src/app/features/cost-sandbox.js';
import { DEFAULT_COST_CONFIG } from '../../src/core/cost/config.js';
import { evaluateRule } from '../../src/core/cost/evaluate.js';
import { dailyMetrics } from '../../src/core/cost/fixtures.js';
import { bundledPriceSource } from '../../src/core/cost/prices/snapshot.js';
import { COST_RULES } from '../../src/core/cost/rules/index.js';
import { CATALOGUE_FIXTURES } from '../../src/core/remediation/catalogue/support/fixtures.js';
import { AUDIT_FIELDS, verifyAuditChain } from '../../src/core/remediation/audit.js';
import { findRunbook } from '../../src/core/remediation/catalogue/index.js';
import type { Execution } from '../../src/core/remediation/execution.js';
import type { Approval } from '../../src/ports/approvals.js';
import { recommendationFor } from './cost-helpers.js';
import { advanceUntil, startTestPlatform, type TestPlatform } from './helpers.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ features: ['cost'] });
});
afterAll(async () => t?.cleanup());

const recFor = (name: string, ruleId: string): Promise<CostRecommendationDoc> => recommendationFor(t, name, ruleId);

/**
 * The FinOps flow for one recommendation: dry run (nothing changes), approval of the
 * recommendation (starts the runbook), the execution waits for a human, a human approves, the
 * calls run on the sandbox, every call is audited with the cost trigger.
 */
async function approveThroughTheFlow(rec: CostRecommendationDoc, runbookId: string): Promise<Execution> {
  const p = t.platform;
  const executions = p.store.collection<Execution>('executions');
  const stateBefore = structuredClone((await p.sandbox.cloud.describe(rec.resourceArn))!.state);

  const dry = await p.features.cost.dryRun(rec.id, 'finops-lead');
  await advanceUntil(t, async () => (await executions.get(dry.id))?.endedAt !== undefined, 10);
  const dryDone = (await executions.get(dry.id))!;
  expect(dryDone.reason ?? '').toContain('dry-run: would call');
  expect((await p.sandbox.cloud.describe(rec.resourceArn))!.state).toEqual(stateBefore);

  const { execution, recommendation } = await p.features.cost.approve(rec.id, 'finops-lead');
  expect(recommendation.status).toBe('approved');
  expect(execution).toMatchObject({ runbookId, trigger: `cost:${rec.id}`, operator: 'finops-lead', dryRun: false, targetResource: rec.resourceArn });
  expect((await p.features.cost.approve(rec.id, 'finops-lead')).execution.id).toBe(execution.id);

  await advanceUntil(t, async () => (await executions.get(execution.id))?.status === 'WAITING_APPROVAL', 10);
  // The approval gate holds the action: nothing changed yet.
  expect((await p.sandbox.cloud.describe(rec.resourceArn))!.state).toEqual(stateBefore);
  const [approval] = await p.store.collection<Approval>('approvals').find({ where: { executionId: execution.id } });
  expect(approval).toMatchObject({ status: 'pending', runbookId });
  await p.remediation.decide(approval!.id, 'approve', 'approver-1', 'FinOps: approved right-sizing');
  await advanceUntil(t, async () => (await executions.get(execution.id))?.endedAt !== undefined, 30);
  const done = (await executions.get(execution.id))!;
  expect(done).toMatchObject({ status: 'SUCCEEDED', outcome: 'SUCCESS', operator: 'approver-1' });
  expect(done.statesVisited).toEqual(expect.arrayContaining(['RequestApproval', 'IsApproved', 'Execute', 'MarkSuccess', 'Record']));

  const audit = await p.store.audit.list({ executionId: execution.id });
  expect(audit).toHaveLength((done.plan as unknown[]).length + 1);
  const runbook = findRunbook(runbookId)!;
  for (const rec2 of audit) {
    expect(rec2).toMatchObject({ runbook: runbookId, targetResource: rec.resourceArn, trigger: `cost:${rec.id}`, outcome: 'SUCCESS', rollbackPlan: runbook.rollbackPlan });
    for (const f of AUDIT_FIELDS) expect(rec2[f], `${rec2.action}: ${f}`).toBeTruthy();
  }
  expect(verifyAuditChain(await p.store.audit.scan()).ok).toBe(true);
  return done;
}

const actions = async (execId: string) => (await t.platform.store.audit.list({ executionId: execId })).map((a) => a.action.split(' ')[0]);

const AUTOMATABLE_RULES = COST_RULES.filter((r) => r.runbookId !== undefined);

describe('Registry: every automatable cost rule has its runbook', () => {
  it('covers the nine automatable rules (elb-idle and nat-gateway-idle are manual only)', () => {
    expect(AUTOMATABLE_RULES).toHaveLength(9);
  });

  // A new rule naming a runbook the catalogue lacks would answer 409 on approval: this fails first.
  it.each(AUTOMATABLE_RULES.map((r) => [r.id, r.runbookId!] as const))('%s → %s is in the catalogue, FinOps-approved, on the rule’s resource type, with calls the sandbox supports', (ruleId, runbookId) => {
    const rule = COST_RULES.find((r) => r.id === ruleId)!;
    const runbook = findRunbook(runbookId);
    expect(runbook, `${runbookId} missing from src/core/remediation/catalogue`).toBeDefined();
    expect(runbook).toMatchObject({ approval: 'always', targetResourceType: rule.resourceType, trigger: { rule: `cost-recommendation:${ruleId}` } });
    const resource = CATALOGUE_FIXTURES[runbookId]!;
    const ctx = { resource, environment: 'dev', diagnostics: { now: '2026-11-22T12:00:00.000Z' } };
    for (const c of [...runbook!.plan(ctx), ...(runbook!.rollback?.(ctx, resource.state) ?? [])]) expect(SANDBOX_SUPPORTED_CALLS, `${runbookId}: ${c.call}`).toContain(c.call);
    expect(() => findScenario(runbook!.sandboxScenario)).not.toThrow();
  });
});

/**
 * Stores the recommendation the real rule makes for a sandbox resource from the given daily
 * metrics, as analyze() would (same id and document shape). Used where the sandbox's generated
 * history cannot show the waste without simulating a week: rds-idle needs 7 complete days
 * without a connection.
 */
async function storeRecommendation(name: string, ruleId: string, metrics: Record<string, number>): Promise<CostRecommendationDoc> {
  const rule = COST_RULES.find((r) => r.id === ruleId)!;
  const resource = toCostResource(t.platform.sandbox.resolve(name));
  const now = t.clock.now();
  const v = evaluateRule(rule, { resource, metrics: dailyMetrics(now, 14, metrics) }, { now, config: DEFAULT_COST_CONFIG, prices: bundledPriceSource() });
  if (v.kind !== 'recommendation') throw new Error(`${ruleId} on ${name}: ${v.kind} (${'reason' in v ? v.reason : ''})`);
  const at = new Date(now).toISOString();
  const doc: CostRecommendationDoc = { id: recommendationId(ruleId, resource.arn), status: 'open', ruleId, resourceArn: resource.arn, resourceType: resource.type, title: v.title, monthlySavingsUsd: v.monthlySavingsUsd, createdAt: at, updatedAt: at, lastSeenAt: at, recommendation: v };
  await t.platform.store.collection<CostRecommendationDoc>('recommendations').put(doc);
  return doc;
}

describe('Scenario: cost recommendations approved into their runbooks, manual clock', () => {
  it('moves legacy-batch from m4.xlarge to m5.xlarge (stop, modify, start) and validates its status checks', async () => {
    await t.platform.sandbox.inject(findScenario('cost-previous-generation').faults, 'test');
    const rec = await recFor('legacy-batch', 'ec2-previous-generation');
    expect(rec.monthlySavingsUsd).toBe(5.84);
    const done = await approveThroughTheFlow(rec, 'AIOps-ChangeInstanceType');
    expect(await actions(done.id)).toEqual(expect.arrayContaining(['ec2:StopInstances', 'ec2:ModifyInstanceAttribute', 'ec2:StartInstances']));
    expect(done.statesVisited).toContain('ValidateRemediation');
    expect(t.platform.sandbox.resolve('legacy-batch').state).toMatchObject({ InstanceType: 'm5.xlarge', State: { Name: 'running' } });
    expect(done.diagnostics?.['before']).toMatchObject({ InstanceType: 'm4.xlarge' });
  });

  it('lowers thumbnail-generator from 3008 MB to the priced 320 MB', async () => {
    await t.platform.sandbox.inject(findScenario('cost-oversized-lambda').faults, 'test');
    const rec = await recFor('thumbnail-generator', 'lambda-oversized-memory');
    expect(rec.recommendation.evidence).toMatchObject({ recommendedMb: 320 });
    await approveThroughTheFlow(rec, 'AIOps-RightSizeLambdaMemory');
    expect(t.platform.sandbox.resolve('thumbnail-generator').state.MemorySize).toBe(320);
  });

  it('snapshots orphaned-data, then deletes it; the next analysis no longer counts it', async () => {
    await t.platform.sandbox.inject(findScenario('cost-unattached-volume').faults, 'test');
    const rec = await recFor('orphaned-data', 'ebs-underused');
    expect(rec.monthlySavingsUsd).toBe(50);
    const done = await approveThroughTheFlow(rec, 'AIOps-DeleteUnattachedVolume');
    expect(await actions(done.id)).toEqual(['ec2:CreateSnapshot', 'ec2:DeleteVolume', expect.any(String)]);
    const vol = t.platform.sandbox.resolve('orphaned-data').state;
    expect(vol).toMatchObject({ State: 'deleted', Snapshots: [expect.objectContaining({ VolumeId: 'vol-0fedcba9876543210', State: 'completed' })] });
    const gp3 = await recFor('orphaned-data', 'ebs-gp2-to-gp3');
    await t.platform.features.cost.analyze();
    // The gone volume's other open recommendation resolves; the approved one keeps its record.
    expect((await t.platform.features.cost.getRecommendation(gp3.id)).status).toBe('resolved');
    expect((await t.platform.features.cost.getRecommendation(rec.id)).status).toBe('approved');
  });

  it('deletes the snapshot past retention (the Recycle Bin still covers it)', async () => {
    await t.platform.sandbox.inject(findScenario('cost-old-snapshot').faults, 'test');
    const rec = await recFor('web-1-root-2026-08', 'ebs-snapshot-old');
    expect(rec.monthlySavingsUsd).toBe(2.5);
    await approveThroughTheFlow(rec, 'AIOps-DeleteOldSnapshot');
    expect(t.platform.sandbox.resolve('web-1-root-2026-08').state.State).toBe('recycle-bin');
  });

  it('lowers the over-provisioned orders table to the priced 80 RCU / 18 WCU, counting the decrease', async () => {
    await t.platform.sandbox.inject(findScenario('cost-overprovisioned-table').faults, 'test');
    await t.platform.features.cost.analyze();
    const rec = await recFor('orders', 'dynamodb-overprovisioned');
    // (400 − 80) RCU × $0.00013 + (200 − 18) WCU × $0.00065, × 730 h (data/prices/aws-us-east-1.json).
    expect(rec.monthlySavingsUsd).toBe(116.73);
    expect(rec.recommendation.remediation?.plan[0]?.params).toMatchObject({ ProvisionedThroughput: { ReadCapacityUnits: 80, WriteCapacityUnits: 18 } });
    const done = await approveThroughTheFlow(rec, 'AIOps-RightSizeDynamoDbCapacity');
    expect(done.statesVisited).toContain('ValidateRemediation');
    expect(t.platform.sandbox.resolve('orders').state.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 80, WriteCapacityUnits: 18, NumberOfDecreasesToday: 1 });
    expect(done.diagnostics?.['before']).toMatchObject({ ProvisionedThroughput: { ReadCapacityUnits: 400, WriteCapacityUnits: 200 } });
  });

  it('stops the idle orders-db with a snapshot; the runbook says RDS restarts it after 7 days', async () => {
    await t.platform.sandbox.inject(findScenario('cost-idle-db-instance').faults, 'test');
    const rec = await storeRecommendation('orders-db', 'rds-idle', { DatabaseConnections: 0 });
    // db.r5.large Multi-AZ $0.50/h (approximate in the snapshot) × 730 h.
    expect(rec.monthlySavingsUsd).toBe(365);
    expect(rec.recommendation.savings.approximate).toBe(true);
    const done = await approveThroughTheFlow(rec, 'AIOps-StopIdleDbInstance');
    expect(await actions(done.id)).toEqual(['rds:StopDBInstance', expect.any(String)]);
    expect(t.platform.sandbox.resolve('orders-db').state).toMatchObject({ DBInstanceStatus: 'stopped', DBSnapshots: [expect.objectContaining({ DBSnapshotIdentifier: 'aiops-stop-orders-db' })] });
    expect(done.rollbackPlan).toContain('after 7 days');
  });

  it('leaves the resource untouched and records SKIPPED when the human rejects', async () => {
    const p = t.platform;
    const rec = await recFor('legacy-batch', 'ec2-low-utilization');
    const { execution } = await p.features.cost.approve(rec.id, 'finops-lead');
    const executions = p.store.collection<Execution>('executions');
    await advanceUntil(t, async () => (await executions.get(execution.id))?.status === 'WAITING_APPROVAL', 10);
    await p.remediation.decide(`apr-${execution.id}`, 'reject', 'approver-1', 'batch window next week');
    await advanceUntil(t, async () => (await executions.get(execution.id))?.endedAt !== undefined, 10);
    expect(await executions.get(execution.id)).toMatchObject({ status: 'SKIPPED', outcome: 'SKIPPED' });
    expect(p.sandbox.resolve('legacy-batch').state).toMatchObject({ State: { Name: 'running' } });
    expect((await p.store.audit.list({ executionId: execution.id })).map((a) => a.outcome)).toEqual(['SKIPPED']);
  });
});
