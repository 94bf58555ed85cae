import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../adapters/local/clocks.js';
import { Sandbox } from '../../adapters/sandbox/sandbox.js';
import { findScenario } from '../../adapters/sandbox/scenarios/index.js';
import { CATALOGUE } from '../../core/remediation/catalogue/index.js';
import { stateField } from './rehearsal.js';
import { rehearseSsmDocument, rehearseSsmOnSandboxCopy } from './ssm-rehearsal.js';

const WITH_DOCUMENT = CATALOGUE.filter((r) => r.ssmDocument !== undefined || r.pattern === 'ssm');

/** A bare sandbox on a manual clock, advanced until the scenario's alarm or event has fired. */
async function faultedSandbox(scenarioId: string) {
  const s = findScenario(scenarioId);
  const clock = new ManualClock('2026-11-23T10:00:00.000Z');
  const sandbox = new Sandbox({ clock });
  await sandbox.inject(s.faults, 'ssm-rehearsal');
  const firing = () => s.expected.alarm === undefined || sandbox.alarms().some((a) => a.def.name === s.expected.alarm && a.state === 'ALARM');
  for (let m = 0; m < 30 && !firing(); m++) {
    await clock.advance(60_000);
    await sandbox.tick();
  }
  expect(firing()).toBe(true);
  const advance = async (ms: number) => {
    await clock.advance(ms);
    await sandbox.tick();
  };
  const alarmState = (name: string) => sandbox.alarms().find((a) => a.def.name === name)?.state;
  return { s, clock, sandbox, advance, alarmState };
}

describe('Function: rehearseSsmDocument', () => {
  it('covers every entry that has an SSM document', () => {
    expect(WITH_DOCUMENT.map((r) => r.id).sort()).toEqual(
      ['AIOps-InvalidateCFCache', 'AIOps-PurgeSQSDLQ', 'AIOps-RDSFailover', 'AIOps-RebootEC2Instance', 'AIOps-RestartECSService', 'AIOps-RotateLambdaAlias', 'AIOps-ScaleOutEC2ASG'].sort(),
    );
  });

  it.each(WITH_DOCUMENT.map((r) => [r.id, r.sandboxScenario] as const))('%s runs to success on the sandbox for %s', async (runbookId, scenarioId) => {
    const { s, clock, sandbox, advance, alarmState } = await faultedSandbox(scenarioId);
    const target = sandbox.resolve(s.expected.targetState.resource);
    const { run, plan } = await rehearseSsmDocument({
      runbookId,
      target: target.arn,
      cloud: sandbox.cloud,
      alarmState,
      advance,
      ...(s.expected.alarm ? { alarmName: s.expected.alarm } : {}),
      environment: 'staging',
      now: new Date(clock.now()).toISOString(),
    });
    expect(run.failureReason).toBeUndefined();
    expect(run).toMatchObject({ status: 'Success', endedAt: 'ValidateRemediation' });
    // The document makes the entry's state-changing calls, with the same parameters.
    const writes = plan.filter((c) => !/^[a-z0-9-]+:(Describe|Get|List)/.test(c.call));
    expect(run.calls.map((c) => c.call)).toEqual(writes.map((c) => c.call));
    for (const [i, w] of writes.entries()) expect(run.calls[i]?.params).toMatchObject(w.params);
    // …and leaves the sandbox where the scenario expects it (the RDS document only confirms).
    if (writes.length > 0) expect(stateField(sandbox.resolve(s.expected.targetState.resource).state, s.expected.targetState.field)).toEqual(s.expected.targetState.equals);
    // Diagnostics and the RemediationExecuted metric are captured, not sent.
    expect(run.recorded.some((c) => c.call === 's3:PutObject')).toBe(true);
    // Documents that validate on the alarm waited (on virtual time) until it was back to OK.
    const validation = run.steps.find((x) => x.name === 'ValidateRemediation');
    if (validation?.call?.call === 'cloudwatch:DescribeAlarms') expect(alarmState(s.expected.alarm!)).toBe('OK');
  });

  it('refuses an entry without a document and a target the entry is not eligible on', async () => {
    const { clock, sandbox, advance, alarmState } = await faultedSandbox('ec2-cpu-spike');
    const base = { cloud: sandbox.cloud, alarmState, advance, environment: 'staging', now: new Date(clock.now()).toISOString() };
    await expect(rehearseSsmDocument({ ...base, runbookId: 'AIOps-BlockS3PublicAccess', target: sandbox.resolve('matcarv-assets-staging').arn })).rejects.toThrow(/no SSM document/);
    await expect(rehearseSsmDocument({ ...base, runbookId: 'AIOps-RestartECSService', target: sandbox.resolve('checkout').arn })).rejects.toThrow(/not eligible/);
  });

  it('rehearses on a copy of the live sandbox, leaving the live account unchanged', async () => {
    const { s, sandbox } = await faultedSandbox('ecs-tasks-zero');
    const r = await rehearseSsmOnSandboxCopy(sandbox, 'AIOps-RestartECSService', 'checkout', { alarmName: s.expected.alarm! });
    expect(r.run.status).toBe('Success');
    expect(r.after.runningCount).toBe(4);
    expect(sandbox.resolve('checkout').state.runningCount).toBe(0);
  });
});
