import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionCall, ActionResult, Cloud, ResourceRecord } from '../../../ports/cloud.js';
import { findRunbook } from '../catalogue/index.js';
import { CATALOGUE_FIXTURES, FIXTURE_NOW } from '../catalogue/support/fixtures.js';
import type { RunbookContext } from '../runbook.js';
import { evaluateChoice } from './branch.js';
import { parseIsoDuration, runSsmDocument } from './interpreter.js';
import { documentParameters } from './parameters.js';
import { LOCAL_SCRIPT_HANDLERS } from './scripts.js';
import type { SsmDocument } from './schema.js';
import { parseSsmDocument } from './schema.js';
import { coerceOutput, selectPath } from './selector.js';

const DIR = fileURLToPath(new URL('../../../../scripts/ssm/', import.meta.url));
const load = (id: string) => parseSsmDocument(readFileSync(`${DIR}${id}.yaml`, 'utf8'));
const ALARM_ARN = 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:prod-web-cpu-critical';

/** A tiny in-memory account: a few write calls mutate state the way AWS would. */
class FakeCloud implements Cloud {
  readonly resources = new Map<string, ResourceRecord>();
  readonly executed: ActionCall[] = [];
  failuresLeft = 0;
  constructor(records: ResourceRecord[]) {
    for (const r of records) this.resources.set(r.arn, structuredClone(r));
  }
  async listResources() {
    return [...this.resources.values()];
  }
  async describe(arn: string) {
    return this.resources.get(arn);
  }
  async recentChanges() {
    return [];
  }
  async execute(a: ActionCall): Promise<ActionResult> {
    this.executed.push(a);
    const r = this.resources.get(a.target);
    if (!r) return { ok: false, call: a.call, target: a.target, error: 'no such resource' };
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      return { ok: false, call: a.call, target: a.target, error: 'Throttling' };
    }
    const before = structuredClone(r.state);
    const s = r.state;
    const p = a.params;
    const after: Record<string, unknown> = {};
    switch (a.call) {
      case 'autoscaling:SetDesiredCapacity': s.DesiredCapacity = p.DesiredCapacity; break;
      case 'ecs:UpdateService': s.runningCount = p.desiredCount; break;
      case 'sqs:StartMessageMoveTask': s.ApproximateNumberOfMessages = 0; after.TaskHandle = 'task-1'; break;
      case 'lambda:UpdateAlias': s.FunctionVersion = p.FunctionVersion; break;
      case 'cloudfront:CreateInvalidation': after.Invalidation = { Id: 'I1', Status: 'InProgress' }; break;
      case 'ec2:StopInstances': s.State = { Name: 'stopped' }; break;
      case 'ec2:StartInstances': s.State = { Name: 'running' }; s.InstanceStatus = { Status: 'ok' }; break;
      default: return { ok: false, call: a.call, target: a.target, error: `unsupported ${a.call}` };
    }
    return { ok: true, call: a.call, target: a.target, before, after };
  }
}

function alarm(state: string): ResourceRecord {
  return { arn: ALARM_ARN, type: 'AWS::CloudWatch::Alarm', id: 'prod-web-cpu-critical', name: 'prod-web-cpu-critical', region: 'us-east-1', account: '111122223333', tags: {}, state: { AlarmName: 'prod-web-cpu-critical', StateValue: state } };
}

function ctxFor(id: string): RunbookContext {
  const resource = CATALOGUE_FIXTURES[id];
  if (!resource) throw new Error(id);
  return { resource, environment: 'dev', diagnostics: { now: FIXTURE_NOW } };
}

async function rehearse(id: string, cloud: FakeCloud, extra: { sleep?: (ms: number) => Promise<void> } = {}) {
  const entry = findRunbook(id);
  if (!entry) throw new Error(id);
  const ctx = ctxFor(id);
  const plan = entry.plan(ctx);
  const parameters = documentParameters(id, ctx, plan, {
    automationAssumeRole: 'arn:aws:iam::111122223333:role/AIOpsSSMAutomationRole',
    diagnosticsBucket: 'aiops-diagnostics-dev',
    alarmName: 'prod-web-cpu-critical',
    notificationTopicArn: 'arn:aws:sns:us-east-1:111122223333:oncall',
  });
  const run = await runSsmDocument(load(id), { cloud, target: ctx.resource.arn, parameters, executionId: 'exec-1', ...extra });
  return { run, plan, ctx };
}

const DOCS = ['AIOps-ScaleOutEC2ASG', 'AIOps-RestartECSService', 'AIOps-PurgeSQSDLQ', 'AIOps-RotateLambdaAlias', 'AIOps-RDSFailover', 'AIOps-InvalidateCFCache', 'AIOps-RebootEC2Instance'];

describe('Function: runSsmDocument (rehearsal of every document)', () => {
  it.each(DOCS)('%s runs end to end on its fixture and makes the same state-changing calls as the catalogue plan', async (id) => {
    const cloud = new FakeCloud([CATALOGUE_FIXTURES[id] as ResourceRecord, alarm('OK')]);
    const { run, plan, ctx } = await rehearse(id, cloud);
    expect(run.failureReason).toBeUndefined();
    expect(run).toMatchObject({ status: 'Success', endedAt: 'ValidateRemediation' });
    expect(run.steps[0]?.name).toBe('CollectDiagnostics');
    const writes = plan.filter((c) => !/^[a-z0-9-]+:(Describe|Get|List)/.test(c.call));
    expect(run.calls.map((c) => c.call)).toEqual(writes.map((c) => c.call));
    for (const c of run.calls) expect(c.target).toBe(ctx.resource.arn);
    for (const [i, w] of writes.entries()) expect(run.calls[i]?.params).toMatchObject(w.params);
    const put = run.recorded.find((c) => c.call === 's3:PutObject');
    expect(put?.params.Key).toBe(`diagnostics/${id}/exec-1.json`);
    expect(() => JSON.parse(String(put?.params.Body))).not.toThrow();
    expect(run.recorded.find((c) => c.call === 'cloudwatch:PutMetricData')?.params).toMatchObject({ Namespace: 'AIOps/Automation', MetricData: [expect.objectContaining({ MetricName: 'RemediationExecuted' })] });
  });

  it('ends gracefully at NotEligible without changing anything when preconditions fail', async () => {
    const asg = structuredClone(CATALOGUE_FIXTURES['AIOps-ScaleOutEC2ASG'] as ResourceRecord);
    const cloud = new FakeCloud([asg, alarm('OK')]);
    const run = await runSsmDocument(load('AIOps-ScaleOutEC2ASG'), {
      cloud, target: asg.arn,
      parameters: { AutomationAssumeRole: 'arn:aws:iam::111122223333:role/R', DiagnosticsBucket: 'b', AlarmName: 'prod-web-cpu-critical', AutoScalingGroupName: 'web-asg', DesiredCapacity: 4 },
    });
    expect(run).toMatchObject({ status: 'Success', endedAt: 'NotEligible', calls: [] });
    expect(cloud.executed).toEqual([]);
  });

  it('retries a failing call up to maxAttempts and aborts after the third failure', async () => {
    const ok = new FakeCloud([CATALOGUE_FIXTURES['AIOps-ScaleOutEC2ASG'] as ResourceRecord, alarm('OK')]);
    ok.failuresLeft = 2;
    const good = await rehearse('AIOps-ScaleOutEC2ASG', ok);
    expect(good.run.status).toBe('Success');
    expect(good.run.steps.find((s) => s.name === 'ScaleOut')?.attempts).toBe(3);

    const bad = new FakeCloud([CATALOGUE_FIXTURES['AIOps-ScaleOutEC2ASG'] as ResourceRecord, alarm('OK')]);
    bad.failuresLeft = 3;
    const failed = await rehearse('AIOps-ScaleOutEC2ASG', bad);
    expect(failed.run).toMatchObject({ status: 'Failed', endedAt: 'ScaleOut', failureReason: 'ScaleOut: Throttling' });
    expect(failed.run.steps.map((s) => s.name)).not.toContain('EmitRemediationExecuted');
  });

  it('times out a validation whose alarm stays in ALARM, on virtual time only', async () => {
    const slept: number[] = [];
    const cloud = new FakeCloud([CATALOGUE_FIXTURES['AIOps-ScaleOutEC2ASG'] as ResourceRecord, alarm('ALARM')]);
    const { run } = await rehearse('AIOps-ScaleOutEC2ASG', cloud, { sleep: async (ms) => void slept.push(ms) });
    expect(run).toMatchObject({ status: 'Failed', endedAt: 'ValidateRemediation' });
    expect(run.steps.at(-1)).toMatchObject({ status: 'TimedOut', attempts: 3 });
    expect(run.virtualElapsedMs).toBe(slept.reduce((a, b) => a + b, 0));
    expect(run.virtualElapsedMs).toBeGreaterThanOrEqual(3 * 290_000);
  });

  it('never sets a capacity above MaxSize or below the current one, whatever target it is given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 25 }), async (desired, max, target) => {
        const asg = structuredClone(CATALOGUE_FIXTURES['AIOps-ScaleOutEC2ASG'] as ResourceRecord);
        asg.state = { ...asg.state, DesiredCapacity: desired, MaxSize: max };
        const cloud = new FakeCloud([asg, alarm('OK')]);
        const run = await runSsmDocument(load('AIOps-ScaleOutEC2ASG'), {
          cloud, target: asg.arn,
          parameters: { AutomationAssumeRole: 'arn:aws:iam::111122223333:role/R', DiagnosticsBucket: 'b', AlarmName: 'prod-web-cpu-critical', AutoScalingGroupName: 'web-asg', DesiredCapacity: target },
        });
        expect(run.status).toBe('Success');
        for (const c of run.calls) {
          expect(c.params.DesiredCapacity).toBeLessThanOrEqual(max);
          expect(c.params.DesiredCapacity).toBeGreaterThan(desired);
        }
        expect(run.calls.length === 0).toBe(!(desired < target && target <= max));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses to start with a missing or disallowed parameter', async () => {
    const cloud = new FakeCloud([]);
    const run = await runSsmDocument(load('AIOps-RebootEC2Instance'), { cloud, target: 'arn:x', parameters: { AutomationAssumeRole: 'arn:aws:iam::111122223333:role/R', DiagnosticsBucket: 'b', InstanceId: 'nope' } });
    expect(run).toMatchObject({ status: 'Failed', failureReason: expect.stringContaining('InstanceId') });
  });
});

const base = { maxAttempts: 1, timeoutSeconds: 300 };
function doc(mainSteps: Record<string, unknown>[]): SsmDocument {
  return parseSsmDocument(JSON.stringify({ schemaVersion: '0.3', parameters: { N: { type: 'Integer', default: 2 } }, mainSteps }));
}
const emptyCloud = new FakeCloud([]);

describe('Function: runSsmDocument (control flow)', () => {
  it('records aws:executeScript as skipped without a local handler, and runs it with one', async () => {
    const d = doc([
      { name: 'Compute', action: 'aws:executeScript', ...base, inputs: { Runtime: 'python3.11', Handler: 'double', Script: 'def double(e, c): return {"v": e["n"] * 2}', InputPayload: { n: '{{ N }}' } }, outputs: [{ Name: 'V', Selector: '$.Payload.v', Type: 'Integer' }] },
      { name: 'Check', action: 'aws:branch', ...base, inputs: { Choices: [{ Variable: '{{ Compute.V }}', NumericEquals: 4, NextStep: 'Done' }], Default: 'Other' } },
      { name: 'Other', action: 'aws:sleep', ...base, inputs: { Duration: 'PT1S' }, isEnd: true },
      { name: 'Done', action: 'aws:sleep', ...base, inputs: { Duration: 'PT2S' }, isEnd: true },
    ]);
    const skipped = await runSsmDocument(d, { cloud: emptyCloud, target: 'arn:x', parameters: {} });
    expect(skipped.steps[0]).toMatchObject({ status: 'Skipped', reason: expect.stringContaining('no handler registered for double') });
    expect(skipped).toMatchObject({ status: 'Failed', endedAt: 'Check', failureReason: expect.stringContaining('unresolved reference {{ Compute.V }}') });
    const ran = await runSsmDocument(d, { cloud: emptyCloud, target: 'arn:x', parameters: {}, scriptHandlers: { double: (e) => ({ v: Number(e.n) * 2 }) } });
    expect(ran).toMatchObject({ status: 'Success', endedAt: 'Done', virtualElapsedMs: 2000 });
  });

  it('follows onFailure Continue, step:X and nextStep', async () => {
    const d = doc([
      { name: 'A', action: 'aws:executeAwsApi', ...base, onFailure: 'Continue', inputs: { Service: 'ec2', Api: 'DeleteVolume', VolumeId: 'v' } },
      { name: 'B', action: 'aws:executeAwsApi', ...base, onFailure: 'step:D', inputs: { Service: 'ec2', Api: 'DeleteVolume', VolumeId: 'v' } },
      { name: 'C', action: 'aws:sleep', ...base, inputs: { Duration: 'PT1H' } },
      { name: 'D', action: 'aws:sleep', ...base, inputs: { Duration: 'PT1S' }, nextStep: 'F' },
      { name: 'E', action: 'aws:sleep', ...base, inputs: { Duration: 'PT1H' } },
      { name: 'F', action: 'aws:sleep', ...base, inputs: { Duration: 'PT1M' } },
    ]);
    const run = await runSsmDocument(d, { cloud: emptyCloud, target: 'arn:x', parameters: {} });
    expect(run.steps.map((s) => `${s.name}:${s.status}`)).toEqual(['A:Failed', 'B:Failed', 'D:Success', 'F:Success']);
    expect(run).toMatchObject({ status: 'Success', virtualElapsedMs: 61_000 });
  });

  it('goes on with the next step when no choice matches and there is no Default', async () => {
    const d = doc([
      { name: 'Check', action: 'aws:branch', ...base, inputs: { Choices: [{ Variable: '{{ N }}', NumericEquals: 9, NextStep: 'Far' }] } },
      { name: 'Near', action: 'aws:sleep', ...base, inputs: { Duration: 'PT1S' }, isEnd: true },
      { name: 'Far', action: 'aws:sleep', ...base, inputs: { Duration: 'PT1M' }, isEnd: true },
    ]);
    expect(await runSsmDocument(d, { cloud: emptyCloud, target: 'arn:x', parameters: {} })).toMatchObject({ status: 'Success', endedAt: 'Near' });
  });

  it('stops a nextStep loop', async () => {
    const d = doc([{ name: 'A', action: 'aws:sleep', ...base, inputs: { Duration: 'PT1S' }, nextStep: 'A' }]);
    const run = await runSsmDocument(d, { cloud: emptyCloud, target: 'arn:x', parameters: {}, maxStepExecutions: 10 });
    expect(run).toMatchObject({ status: 'Failed', failureReason: expect.stringContaining('loop') });
  });

  it('fails an unsupported action instead of pretending it ran', async () => {
    const d = doc([{ name: 'A', action: 'aws:runCommand', ...base, inputs: { DocumentName: 'AWS-RunShellScript' } }]);
    expect(await runSsmDocument(d, { cloud: emptyCloud, target: 'arn:x', parameters: {} })).toMatchObject({ status: 'Failed', failureReason: expect.stringContaining('not supported') });
  });
});

describe('Constant: LOCAL_SCRIPT_HANDLERS', () => {
  it('has a TypeScript twin for every Python handler of the documents', () => {
    for (const id of DOCS) {
      for (const st of load(id).mainSteps.filter((x) => x.action === 'aws:executeScript')) {
        const handler = String(st.inputs.Handler);
        expect(String(st.inputs.Script)).toContain(`def ${handler}(events, context):`);
        expect(LOCAL_SCRIPT_HANDLERS[handler], `${id} ${handler}`).toBeTypeOf('function');
      }
    }
  });
  it.each<[string, Record<string, unknown>, boolean]>([
    ['scale_out_eligible', { CurrentDesired: 4, DesiredCapacity: 5, MaxSize: 10 }, true],
    ['scale_out_eligible', { CurrentDesired: 5, DesiredCapacity: 5, MaxSize: 10 }, false],
    ['scale_out_eligible', { CurrentDesired: 4, DesiredCapacity: 11, MaxSize: 10 }, false],
    ['ecs_restart_eligible', { Status: 'ACTIVE', DesiredCount: 3, RunningCount: 0 }, true],
    ['ecs_restart_eligible', { Status: 'DRAINING', DesiredCount: 3, RunningCount: 0 }, false],
    ['ecs_restart_eligible', { Status: 'ACTIVE', DesiredCount: 0, RunningCount: 0 }, false],
    ['ecs_restart_eligible', { Status: 'ACTIVE', DesiredCount: 3, RunningCount: 3 }, false],
    ['alias_rollback_eligible', { FunctionVersion: '8', TargetVersion: '7' }, true],
    ['alias_rollback_eligible', { FunctionVersion: '7', TargetVersion: '7' }, false],
  ])('%s(%j) → Eligible %s', (h, e, expected) => {
    expect(LOCAL_SCRIPT_HANDLERS[h]?.(e)).toMatchObject({ Eligible: expected });
  });
});

describe('Function: evaluateChoice', () => {
  it.each<[Record<string, unknown>, boolean]>([
    [{ Variable: 3, NumericLesser: 5 }, true],
    [{ Variable: '3', NumericGreaterOrEquals: '3' }, true],
    [{ Variable: 'x', NumericEquals: 1 }, false],
    [{ Variable: 'ACTIVE', StringEquals: 'ACTIVE' }, true],
    [{ Variable: 'Active', EqualsIgnoreCase: 'ACTIVE' }, true],
    [{ Variable: 'arn:aws:x', StartsWith: 'arn:' }, true],
    [{ Variable: 'abc', Contains: 'z' }, false],
    [{ Variable: 'true', BooleanEquals: true }, true],
    [{ And: [{ Variable: 1, NumericEquals: 1 }, { Variable: 'a', StringEquals: 'b' }] }, false],
    [{ Or: [{ Variable: 1, NumericEquals: 2 }, { Variable: 'a', StringEquals: 'a' }] }, true],
    [{ Not: { Variable: '7', StringEquals: '7' } }, false],
  ])('%j → %s', (choice, expected) => {
    expect(evaluateChoice(choice)).toBe(expected);
  });
});

describe('Function: selectPath / coerceOutput / parseIsoDuration', () => {
  it.each<[string, unknown]>([
    ['$', { a: [{ b: 1 }] }],
    ['$.a[0].b', 1],
    ["$.a[0]['b']", 1],
    ['$.a[1].b', undefined],
    ['$.nope.x', undefined],
  ])('selects %s', (sel, expected) => {
    expect(selectPath({ a: [{ b: 1 }] }, sel)).toEqual(expected);
  });
  it.each<[unknown, string, unknown]>([
    ['42', 'Integer', 42],
    ['4.2', 'Integer', undefined],
    ['true', 'Boolean', true],
    [7, 'String', '7'],
    [{ a: 1 }, 'String', '{"a":1}'],
    [['a', 1], 'StringList', ['a', '1']],
  ])('coerces %j to %s', (v, t, expected) => {
    expect(coerceOutput(v, t)).toEqual(expected);
  });
  it.each<[string, number | undefined]>([
    ['PT1S', 1000],
    ['PT5M', 300_000],
    ['PT1H30M', 5_400_000],
    ['P1D', 86_400_000],
    ['5m', undefined],
  ])('parses %s', (d, ms) => {
    expect(parseIsoDuration(d)).toBe(ms);
  });
});
