import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionCall } from '../../../ports/cloud.js';
import type { Execution, ExecutionOutcome } from '../execution.js';
import type { ApprovalRule } from '../runbook.js';
import { evaluateSafety } from './evaluate.js';
import type { SafetyInput } from './types.js';

const T0 = Date.parse('2026-11-23T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const ARN = 'arn:aws:autoscaling:us-east-1:111122223333:autoScalingGroup:u:autoScalingGroupName/web';

function exec(p: Partial<Execution> & { startedAt: string }): Execution {
  return {
    id: p.id ?? `e-${p.startedAt}-${p.targetResource ?? ARN}`,
    idempotencyKey: 'k',
    runbookId: p.runbookId ?? 'AIOps-ScaleOutEC2ASG',
    targetResource: p.targetResource ?? ARN,
    environment: 'dev',
    status: p.status ?? 'SUCCEEDED',
    outcome: p.outcome ?? 'SUCCESS',
    dryRun: p.dryRun ?? false,
    trigger: 't',
    operator: 'automated',
    statesVisited: [],
    startedAt: p.startedAt,
    endedAt: p.endedAt ?? p.startedAt,
    updatedAt: p.startedAt,
    version: 1,
  };
}

function input(p: Partial<SafetyInput> = {}): SafetyInput {
  return {
    runbook: { id: 'AIOps-ScaleOutEC2ASG', reversible: true, approval: 'none-outside-prod', cooldownMinutes: 30, maxPerHour: 6, blastRadius: { maxResources: 1 } },
    targetResource: ARN,
    environment: 'dev',
    plan: [{ call: 'autoscaling:SetDesiredCapacity', target: ARN, params: { DesiredCapacity: 5 } }],
    recentExecutions: [],
    now: iso(T0),
    killSwitch: { global: false, environments: [] },
    budgetFreeze: false,
    ...p,
  };
}

describe('Function: evaluateSafety', () => {
  it('allows a reversible action outside prod with no history', () => {
    expect(evaluateSafety(input())).toEqual({ allowed: true, needsApproval: false, reasons: [] });
  });

  it.each<[string, Partial<SafetyInput>, string, boolean]>([
    ['global kill switch', { killSwitch: { global: true, environments: [] } }, 'kill-switch', false],
    ['environment kill switch', { killSwitch: { global: false, environments: ['dev'] } }, 'kill-switch', false],
    ['empty plan', { plan: [] }, 'blast-radius', false],
    ['a second resource', { plan: [{ call: 'x:Y', target: ARN, params: {} }, { call: 'x:Y', target: 'arn:other', params: {} }] }, 'blast-radius', false],
    ['another resource', { plan: [{ call: 'x:Y', target: 'arn:other', params: {} }] }, 'blast-radius', false],
    ['prod without approval', { environment: 'prod' }, 'approval', true],
    ['prod with a pending approval', { environment: 'prod', approval: { decision: 'pending' } }, 'approval', true],
    ['prod with an expired approval', { environment: 'prod', approval: { decision: 'expired' } }, 'approval', true],
    ['prod with a rejected approval', { environment: 'prod', approval: { decision: 'rejected', principal: 'alice' } }, 'approval', true],
    ['an irreversible action', { runbook: { ...input().runbook, reversible: false, approval: 'none' } }, 'approval', true],
    ['an always-approve runbook', { runbook: { ...input().runbook, approval: 'always' } }, 'approval', true],
    ['an error-budget freeze', { budgetFreeze: true }, 'approval', true],
    ['a cool-down', { recentExecutions: [exec({ startedAt: iso(T0 - 10 * 60_000) })] }, 'cooldown', false],
  ])('refuses %s', (_name, p, rule, needsApproval) => {
    const d = evaluateSafety(input(p));
    expect(d.allowed).toBe(false);
    expect(d.rule).toBe(rule);
    expect(d.needsApproval).toBe(needsApproval);
    expect(d.reasons.length).toBeGreaterThan(0);
  });

  it.each<[string, Partial<SafetyInput>]>([
    ['prod with an approval', { environment: 'prod', approval: { decision: 'approved', principal: 'alice' } }],
    ['an irreversible action once approved', { runbook: { ...input().runbook, reversible: false, approval: 'always' }, approval: { decision: 'approved', principal: 'bob' } }],
    ['a read-only task during a freeze', { budgetFreeze: true, runbook: { ...input().runbook, reversible: 'n/a', approval: 'none' } }],
    ['a read-only task in prod', { environment: 'prod', runbook: { ...input().runbook, reversible: 'n/a', approval: 'none' } }],
    ['after the cool-down', { recentExecutions: [exec({ startedAt: iso(T0 - 31 * 60_000) })] }],
    ['when the only recent run was skipped', { recentExecutions: [exec({ startedAt: iso(T0 - 60_000), status: 'SKIPPED', outcome: 'SKIPPED' })] }],
    ['when the only recent run was a dry run', { recentExecutions: [exec({ startedAt: iso(T0 - 60_000), dryRun: true })] }],
    ['when the history holds the execution being judged', { executionId: 'self', recentExecutions: [exec({ id: 'self', startedAt: iso(T0) })] }],
  ])('allows %s', (_name, p) => {
    expect(evaluateSafety(input(p)).allowed).toBe(true);
  });

  it('refuses a seventh run of a runbook in one hour across resources', () => {
    const hist = Array.from({ length: 6 }, (_, i) => exec({ startedAt: iso(T0 - (i + 1) * 5 * 60_000), targetResource: `arn:r${i}` }));
    expect(evaluateSafety(input({ recentExecutions: hist }))).toMatchObject({ allowed: false, rule: 'rate-limit' });
    expect(evaluateSafety(input({ recentExecutions: hist.slice(1) })).allowed).toBe(true);
  });

  it('opens the circuit after three consecutive failures, escalates, and half-opens after the reset period', () => {
    const fails = [1, 2, 3].map((i) => exec({ startedAt: iso(T0 - i * 60 * 60_000 / 4), targetResource: `arn:f${i}`, outcome: 'FAILURE', status: 'FAILED' }));
    expect(evaluateSafety(input({ recentExecutions: fails, targetResource: ARN }))).toMatchObject({ allowed: false, rule: 'circuit-breaker', escalate: true });
    expect(evaluateSafety(input({ recentExecutions: fails.slice(0, 2) })).allowed).toBe(true);
    const later = iso(T0 + 61 * 60_000);
    expect(evaluateSafety(input({ recentExecutions: fails, now: later })).allowed).toBe(true);
    const withSuccess = [exec({ startedAt: iso(T0 - 60_000), targetResource: 'arn:ok', outcome: 'SUCCESS' }), ...fails];
    expect(evaluateSafety(input({ recentExecutions: withSuccess, runbook: { ...input().runbook, maxPerHour: 100 } })).allowed).toBe(true);
  });

  it('fails closed on an unreadable time and on a throwing rule', () => {
    expect(evaluateSafety(input({ now: 'yesterday' }))).toMatchObject({ allowed: false, rule: 'input' });
    const d = evaluateSafety(input(), [{ id: 'boom', evaluate: () => { throw new Error('bad'); } }]);
    expect(d).toMatchObject({ allowed: false, rule: 'boom' });
  });
});

// ---------- property tests ----------

const ARNS = ['arn:a', 'arn:b', 'arn:c'];
const approvalRuleArb = fc.constantFrom<ApprovalRule>('none', 'none-outside-prod', 'always');
const runbookArb = fc.record({
  id: fc.constantFrom('AIOps-A', 'AIOps-B'),
  reversible: fc.constantFrom<true | false | 'n/a'>(true, false, 'n/a'),
  approval: approvalRuleArb,
  cooldownMinutes: fc.integer({ min: 1, max: 120 }),
  maxPerHour: fc.integer({ min: 1, max: 10 }),
  blastRadius: fc.constant({ maxResources: 1 as const }),
});
const callArb: fc.Arbitrary<ActionCall> = fc.record({ call: fc.constant('svc:Do'), target: fc.constantFrom(...ARNS), params: fc.constant({}) });
const outcomeArb = fc.constantFrom<ExecutionOutcome>('SUCCESS', 'FAILURE', 'SKIPPED');
const execArb = fc
  .record({ runbookId: fc.constantFrom('AIOps-A', 'AIOps-B'), targetResource: fc.constantFrom(...ARNS), minsAgo: fc.integer({ min: 0, max: 180 }), outcome: outcomeArb, dryRun: fc.boolean() })
  .map((e) => exec({ runbookId: e.runbookId, targetResource: e.targetResource, startedAt: iso(T0 - e.minsAgo * 60_000), outcome: e.outcome, status: e.outcome === 'SKIPPED' ? 'SKIPPED' : e.outcome === 'FAILURE' ? 'FAILED' : 'SUCCEEDED', dryRun: e.dryRun, id: `e${e.minsAgo}-${e.targetResource}-${e.runbookId}` }));
const inputArb: fc.Arbitrary<SafetyInput> = fc.record({
  runbook: runbookArb,
  targetResource: fc.constantFrom(...ARNS),
  environment: fc.constantFrom('dev', 'staging', 'prod'),
  plan: fc.array(callArb, { maxLength: 3 }),
  recentExecutions: fc.array(execArb, { maxLength: 25 }),
  now: fc.constant(iso(T0)),
  killSwitch: fc.record({ global: fc.boolean(), environments: fc.subarray(['dev', 'staging', 'prod']) }),
  budgetFreeze: fc.boolean(),
  approval: fc.option(fc.record({ decision: fc.constantFrom('approved', 'rejected', 'pending', 'expired') as fc.Arbitrary<'approved' | 'rejected' | 'pending' | 'expired'>, principal: fc.constant('alice') }), { nil: undefined }),
});

describe('Property: evaluateSafety', () => {
  it('never allows an irreversible action, an always-approve runbook or a prod change without a granted approval', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const d = evaluateSafety(i);
        const mustApprove = i.runbook.reversible === false || i.runbook.approval === 'always' || (i.environment === 'prod' && i.runbook.approval !== 'none');
        if (mustApprove) expect(d.needsApproval).toBe(true);
        if (d.allowed && d.needsApproval) expect(i.approval?.decision).toBe('approved');
        if (mustApprove && i.approval?.decision !== 'approved') expect(d.allowed).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('only allows plans that target exactly the one execution resource', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        if (evaluateSafety(i).allowed) expect(new Set(i.plan.map((c) => c.target))).toEqual(new Set([i.targetResource]));
      }),
      { numRuns: 500 },
    );
  });

  it('never allows anything while a kill switch covers the environment', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        if (i.killSwitch.global || i.killSwitch.environments.includes(i.environment)) expect(evaluateSafety(i).allowed).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('holds rate limits and cool-downs over any stream of requests', () => {
    const request = fc.record({ target: fc.constantFrom(...ARNS), gapMinutes: fc.integer({ min: 0, max: 20 }) });
    fc.assert(
      fc.property(runbookArb, fc.array(request, { minLength: 1, maxLength: 60 }), (rb, requests) => {
        const runbook = { ...rb, reversible: true as const, approval: 'none' as const };
        const done: Execution[] = [];
        let t = T0;
        for (const r of requests) {
          t += r.gapMinutes * 60_000;
          const d = evaluateSafety(input({ runbook, targetResource: r.target, plan: [{ call: 'svc:Do', target: r.target, params: {} }], recentExecutions: done, now: iso(t) }));
          if (d.allowed) done.push(exec({ id: `x${done.length}`, runbookId: runbook.id, targetResource: r.target, startedAt: iso(t) }));
        }
        for (const e of done) {
          const start = Date.parse(e.startedAt);
          const inHour = done.filter((o) => Date.parse(o.startedAt) >= start && Date.parse(o.startedAt) < start + 60 * 60_000);
          expect(inHour.length).toBeLessThanOrEqual(runbook.maxPerHour);
          const sameTarget = done.filter((o) => o !== e && o.targetResource === e.targetResource && Math.abs(Date.parse(o.startedAt) - start) < runbook.cooldownMinutes * 60_000);
          expect(sameTarget).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('opens the circuit breaker after N consecutive failures of a runbook and escalates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 8 }), (threshold, failures) => {
        const hist = Array.from({ length: failures }, (_, k) => exec({ id: `f${k}`, startedAt: iso(T0 - (k + 1) * 60_000), targetResource: `arn:x${k}`, outcome: 'FAILURE', status: 'FAILED' }));
        const d = evaluateSafety(input({ recentExecutions: hist, circuitBreakerThreshold: threshold, runbook: { ...input().runbook, maxPerHour: 100 } }));
        if (failures >= threshold) expect(d).toMatchObject({ allowed: false, rule: 'circuit-breaker', escalate: true });
        else expect(d.allowed).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
