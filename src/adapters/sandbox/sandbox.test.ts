import { describe, expect, it } from 'vitest';
import { ManualClock } from '../local/clocks.js';
import { Sandbox } from './sandbox.js';
import { SCENARIOS } from './scenarios/index.js';
import { FaultSpecSchema } from './faults/schema.js';

const ASG_CPU = { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'web-asg' } };

function setup(start = '2026-11-23T10:00:00.000Z') {
  const clock = new ManualClock(start);
  const sandbox = new Sandbox({ clock, seed: 7 });
  const events: Record<string, unknown>[] = [];
  sandbox.onRawEvent((e) => void events.push(e));
  clock.onTick(() => sandbox.tick().then(() => undefined));
  return { clock, sandbox, events };
}

describe('Class: Sandbox', () => {
  it('generates reproducible metrics for the same seed and minute', async () => {
    const a = setup();
    const b = setup();
    const q = [{ id: 'cpu', metric: ASG_CPU, stat: 'Average' as const, period: 60 }];
    const from = Date.parse('2026-11-23T09:00:00.000Z');
    const [sa] = await a.sandbox.metrics.getMetricData(q, from, a.clock.now());
    const [sb] = await b.sandbox.metrics.getMetricData(q, from, b.clock.now());
    expect(sa!.values.length).toBe(60);
    expect(sa!.values).toEqual(sb!.values);
    expect(Math.max(...sa!.values)).toBeLessThan(70);
  });

  it('fires the critical CPU alarm only after 10 minutes above 90 % and clears it when capacity rises', async () => {
    const { clock, sandbox, events } = setup();
    await sandbox.inject(SCENARIOS.find((s) => s.id === 'ec2-cpu-spike')!.faults);
    await clock.advance(9 * 60_000);
    expect(events.filter((e) => (e.detail as { alarmName: string }).alarmName.endsWith('critical'))).toHaveLength(0);
    await clock.advance(3 * 60_000);
    const alarm = events.find((e) => (e.detail as { alarmName: string }).alarmName === 'staging-web-cpu-utilization-critical');
    expect(alarm).toBeDefined();
    expect(alarm!['detail-type']).toBe('CloudWatch Alarm State Change');
    expect((alarm!.detail as { state: { value: string } }).state.value).toBe('ALARM');

    const asg = sandbox.resolve('web-asg');
    const res = await sandbox.cloud.execute({ call: 'autoscaling:SetDesiredCapacity', target: asg.arn, params: { DesiredCapacity: 5 } });
    expect(res).toMatchObject({ ok: true, before: { DesiredCapacity: 4 }, after: { DesiredCapacity: 5 } });
    await clock.advance(2 * 60_000);
    const [cpu] = await sandbox.metrics.getMetricData([{ id: 'c', metric: ASG_CPU, stat: 'Average', period: 60 }], clock.now() - 60_000, clock.now());
    expect(cpu!.values.at(-1)).toBeLessThan(90);
    const ok = events.filter((e) => (e.detail as { alarmName: string; state: { value: string } }).alarmName === 'staging-web-cpu-utilization-critical').map((e) => (e.detail as { state: { value: string } }).state.value);
    expect(ok).toEqual(['ALARM', 'OK']);
    expect((await sandbox.cloud.recentChanges(asg.arn, '2026-01-01'))[0]).toMatchObject({ eventName: 'SetDesiredCapacity', principal: 'aiops-remediation' });
  });

  it.each(['2026-11-23T03:00:00.000Z', '2026-11-22T15:00:00.000Z'])('trips the critical alarm whatever the time of day (start %s)', async (start) => {
    const { clock, sandbox, events } = setup(start);
    await sandbox.inject(SCENARIOS.find((s) => s.id === 'ec2-cpu-spike')!.faults);
    await clock.advance(12 * 60_000);
    expect(events.some((e) => (e.detail as { alarmName: string }).alarmName === 'staging-web-cpu-utilization-critical')).toBe(true);
  });

  it('rejects bad fault primitives naming the field', async () => {
    const { sandbox } = setup();
    await expect(sandbox.inject([{ type: 'metric', resource: 'web-asg', metric: 'Nope', pattern: 'step', magnitude: 1, durationMinutes: 5 }])).rejects.toThrow(/faults\.0\.metric/);
    await expect(sandbox.inject([{ type: 'metric', resource: 'ghost', metric: 'CPUUtilization', pattern: 'step', magnitude: 1, durationMinutes: 5 }])).rejects.toThrow(/faults\.0\.resource/);
    await expect(sandbox.inject([{ type: 'metric', resource: 'web-asg', metric: 'CPUUtilization', pattern: 'zigzag', magnitude: 1, durationMinutes: 5 } as never])).rejects.toThrow(/faults\.0\.pattern/);
  });

  it('refuses unknown actions and out-of-bounds capacity (fails closed)', async () => {
    const { sandbox } = setup();
    const asg = sandbox.resolve('web-asg');
    expect(await sandbox.cloud.execute({ call: 'ec2:TerminateInstances', target: asg.arn, params: {} })).toMatchObject({ ok: false });
    expect(await sandbox.cloud.execute({ call: 'autoscaling:SetDesiredCapacity', target: asg.arn, params: { DesiredCapacity: 99 } })).toMatchObject({ ok: false });
  });

  it('emits raw events and state changes from fault primitives, and restores from a snapshot', async () => {
    const { clock, sandbox, events } = setup();
    await sandbox.inject([
      { type: 'event', event: 'guardduty', resource: 'deploy-bot', details: { severity: 8.5 } },
      { type: 'state', resource: 'checkout', set: { runningCount: 0 }, startInMinutes: 2 },
    ]);
    expect(events[0]).toMatchObject({ 'detail-type': 'GuardDuty Finding', detail: { severity: 8.5 } });
    await clock.advance(3 * 60_000);
    expect(sandbox.resolve('checkout').state.runningCount).toBe(0);
    const restored = new Sandbox({ clock, restore: sandbox.snapshot() });
    expect(restored.resolve('checkout').state.runningCount).toBe(0);
    expect(restored.timeline().length).toBe(sandbox.timeline().length);
  });
});

describe('Registry: scenarios', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s has valid faults on existing resources', async (_id, s) => {
    for (const f of s.faults) expect(FaultSpecSchema.safeParse(f).success).toBe(true);
    // Scheduled maintenance needs no fault: the schedule is the trigger.
    if (s.faults.length === 0) return expect(s.expected.rule).toMatch(/^schedule:/);
    const clock = new ManualClock();
    await expect(new Sandbox({ clock }).inject(s.faults)).resolves.toHaveLength(s.faults.length);
  });
});
