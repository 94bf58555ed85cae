import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/adapters/sandbox/scenarios/index.js';
import type { CostRecommendationDoc } from '../../src/app/features/cost.js';
import { startTestPlatform, type TestPlatform } from './helpers.js';

const HOUR = 3_600_000;
let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ features: ['cost'] });
});
afterAll(async () => t?.cleanup());

const idleRecs = async (): Promise<CostRecommendationDoc[]> => t.platform.features.cost.listRecommendations({ ruleId: 'ec2-low-utilization' });

describe('Scenario: cost-idle-instance on the sandbox, manual clock', () => {
  it('finds legacy-batch idle on every one of the last 14 days at start, and only legacy-batch', async () => {
    const recs = await idleRecs();
    expect(recs.map((r) => r.resourceArn)).toEqual([t.platform.sandbox.resolve('legacy-batch').arn]);
  });

  it('still finds it idle a day into the scenario, with the monthly saving from the bundled price table', async () => {
    const p = t.platform;
    await p.sandbox.inject(findScenario('cost-idle-instance').faults, 'test');
    // 10:00 → 01:00 the next day: 2026-11-23 (the scenario's first day) is now a complete day.
    await t.clock.advance(15 * HOUR, HOUR);
    await p.features.cost.analyze();
    const [rec] = await idleRecs();
    expect(rec).toBeDefined();
    // m4.xlarge $0.20/h (data/prices/aws-us-east-1.json) × 730 h; stopping removes the whole instance cost.
    expect(rec!.monthlySavingsUsd).toBe(146);
    expect(rec!.recommendation.savings.prices).toEqual([expect.objectContaining({ key: 'ec2.instance/m4.xlarge', usd: 0.2 })]);
    const ev = rec!.recommendation.evidence as { lowDays: string[]; daysWithData: number; maxCpuPct: number };
    expect(ev.daysWithData).toBe(14);
    expect(ev.lowDays).toHaveLength(14);
    expect(ev.lowDays).toContain('2026-11-23');
    expect(ev.maxCpuPct).toBeLessThanOrEqual(10);
    expect(rec!.recommendation).toMatchObject({ confidence: 'high', automatable: true, remediation: { runbookId: 'AIOps-StopIdleInstance', reversible: true } });
  });
});
