import { describe, expect, it } from 'vitest';
import { sampleInventory } from '../../core/compliance/inventory/sampleInventory.js';
import type { Signal } from '../../core/events/signal.js';
import { type ConfigCompliancePort, createConfigComplianceSync } from './configComplianceSync.js';
import { FakeCloud } from './testing/fakeCloud.js';
import { ManualClock } from './testing/manualClock.js';
import { createMemoryStore } from './testing/memoryStore.js';

const sg = sampleInventory().find((r) => r.type === 'AWS::EC2::SecurityGroup')!;

function fakeConfig(results: { rule: string; id: string; type: string; compliance: 'COMPLIANT' | 'NON_COMPLIANT' }[]): ConfigCompliancePort {
  const rules = [...new Set(results.map((r) => r.rule))];
  return {
    async describeConfigRules(input) {
      // two pages of rules, to exercise paging
      return input.NextToken ? { ConfigRules: rules.slice(1).map((ConfigRuleName) => ({ ConfigRuleName, Source: { SourceIdentifier: 'INCOMING_SSH_DISABLED' } })) } : { ConfigRules: rules.slice(0, 1).map((ConfigRuleName) => ({ ConfigRuleName, Source: { SourceIdentifier: 'INCOMING_SSH_DISABLED' } })), ...(rules.length > 1 ? { NextToken: 'p2' } : {}) };
    },
    async getComplianceDetailsByConfigRule(input) {
      return {
        EvaluationResults: results
          .filter((r) => r.rule === input.ConfigRuleName)
          .map((r) => ({ EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: r.rule, ResourceType: r.type, ResourceId: r.id } }, ComplianceType: r.compliance, ResultRecordedTime: '2026-11-23T00:00:00.000Z', Annotation: 'port 22 open' })),
      };
    },
  };
}

describe('Function: createConfigComplianceSync', () => {
  it('opens findings for non-compliant resources (with a Signal) and resolves them when compliant', async () => {
    const store = createMemoryStore();
    const clock = new ManualClock(Date.parse('2026-11-23T00:05:00.000Z'));
    const signals: Signal[] = [];
    const cloud = new FakeCloud(sampleInventory());
    const emit = async (s: Signal) => void signals.push(s);
    const bad = [{ rule: 'restricted-ssh', id: sg.id, type: 'AWS::EC2::SecurityGroup', compliance: 'NON_COMPLIANT' as const }, { rule: 'other-rule', id: 'vol-x', type: 'AWS::EC2::Volume', compliance: 'COMPLIANT' as const }];
    const first = await createConfigComplianceSync({ config: fakeConfig(bad), store, clock, cloud, emit }).importCompliance();
    expect(first).toEqual({ rules: 2, nonCompliant: 1, opened: 1, resolved: 0 });
    const [f] = await store.collection('findings').find({ where: { status: 'open' } });
    expect(f).toMatchObject({ origin: 'config', resourceArn: sg.arn, severity: 'HIGH', checkId: 'config:restricted-ssh' });
    expect(signals[0]).toMatchObject({ source: 'config', kind: 'compliance', state: 'firing', resourceArn: sg.arn });

    await createConfigComplianceSync({ config: fakeConfig(bad), store, clock, cloud, emit }).importCompliance();
    expect(signals).toHaveLength(1);

    const fixed = await createConfigComplianceSync({ config: fakeConfig([{ ...bad[0]!, compliance: 'COMPLIANT' }]), store, clock, cloud, emit }).importCompliance();
    expect(fixed.resolved).toBe(1);
    expect(signals.at(-1)).toMatchObject({ state: 'resolved' });
    expect(await store.collection('findings').count({ status: 'resolved' })).toBe(1);
  });
});
