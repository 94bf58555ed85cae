import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../adapters/local/clocks.js';
import type { FaultSpec } from '../../adapters/sandbox/faults/schema.js';
import { Sandbox } from '../../adapters/sandbox/sandbox.js';
import { faultKindOf, RcaSandboxLogs, sandboxFaultWindows } from './rca-sandbox-logs.js';
import { aliasEdges, resolveSandboxArn, sandboxTopology, SANDBOX_DEPENDENCIES } from './rca-topology.js';

const MIN = 60_000;
const base = { resource: 'x', startInMinutes: 0 };

describe('Function: faultKindOf', () => {
  it.each<[FaultSpec, string | undefined]>([
    [{ ...base, type: 'metric', metric: 'CPUUtilization', pattern: 'flatline', magnitude: 72, durationMinutes: 5 }, 'cpu-saturation'],
    [{ ...base, type: 'metric', metric: 'MemoryUtilization', pattern: 'step', magnitude: 40, durationMinutes: 5 }, 'oom'],
    [{ ...base, type: 'metric', metric: 'ReadThrottleEvents', pattern: 'step', magnitude: 40, durationMinutes: 5 }, 'throttling'],
    [{ ...base, type: 'metric', metric: 'FreeStorageSpace', pattern: 'ramp', magnitude: -1e9, durationMinutes: 5 }, 'disk-full'],
    [{ ...base, type: 'metric', metric: 'DatabaseConnections', pattern: 'dropout', magnitude: 0, durationMinutes: 5 }, 'db-failover'],
    [{ ...base, type: 'metric', metric: 'TargetResponseTime', pattern: 'step', magnitude: 2, durationMinutes: 5 }, 'dependency-latency'],
    [{ ...base, type: 'metric', metric: 'CPUUtilization', pattern: 'dropout', magnitude: 0, durationMinutes: 5 }, undefined],
    [{ ...base, type: 'metric', metric: 'Errors', pattern: 'step', magnitude: 5, durationMinutes: 5 }, undefined],
    [{ ...base, type: 'state', set: { a: 1 }, eventName: 'UpdateFunctionCode' }, 'bad-deploy'],
    [{ ...base, type: 'state', set: { a: 1 }, eventName: 'UpdateService' }, 'bad-deploy'],
    [{ ...base, type: 'state', set: { a: 1 }, eventName: 'PutParameter' }, 'bad-config'],
    [{ ...base, type: 'state', set: { a: 1 }, eventName: 'FailoverDBInstance' }, 'db-failover'],
    [{ ...base, type: 'state', set: { a: 1 }, eventName: 'DetachRolePolicy' }, 'access-denied'],
    [{ ...base, type: 'state', set: { a: 1 }, eventName: 'UpdateTable' }, 'throttling'],
    [{ ...base, type: 'state', set: { a: 1 } }, undefined],
    [{ ...base, type: 'logs', template: 'java.lang.OutOfMemoryError: Java heap space', level: 'FATAL', ratePerMinute: 1, durationMinutes: 5 }, 'oom'],
    [{ ...base, type: 'logs', template: 'connect ECONNREFUSED 10.0.0.1:5432', level: 'ERROR', ratePerMinute: 1, durationMinutes: 5 }, 'db-failover'],
    [{ ...base, type: 'logs', template: 'Thread pool saturated {n}', level: 'WARN', ratePerMinute: 1, durationMinutes: 5 }, 'cpu-saturation'],
    [{ ...base, type: 'logs', template: 'connect ECONNREFUSED', level: 'INFO', ratePerMinute: 1, durationMinutes: 5 }, undefined],
    [{ ...base, type: 'event', event: 'guardduty', details: {} }, undefined],
  ])('reads %o as %s', (fault, kind) => {
    expect(faultKindOf(fault)).toBe(kind);
  });
});

describe('Function: sandboxFaultWindows', () => {
  it('reconstructs windows from the timeline (delay, duration, revert, clear) and spreads a DB failover to dependants', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00.000Z');
    const sb = new Sandbox({ clock, seed: 7 });
    const t0 = clock.now();
    await sb.inject(
      [
        { type: 'metric', resource: 'web-asg', metric: 'CPUUtilization', pattern: 'flatline', magnitude: 72, startInMinutes: 2, durationMinutes: 30 },
        { type: 'state', resource: 'orders-db', set: { AvailabilityZone: 'us-east-1b' }, eventName: 'FailoverDBInstance', revertAfterMinutes: 10 },
        { type: 'logs', resource: 'checkout', template: 'TypeError: x is not a function', ratePerMinute: 5, durationMinutes: 60 },
        { type: 'event', event: 'guardduty', resource: 'web-1' },
      ],
      'test',
    );
    await clock.advance(5 * MIN);
    await sb.tick();
    sb.clearFaults();
    const topology = sandboxTopology(sb.resources());
    const w = sandboxFaultWindows(sb, topology);
    const by = (name: string) => w.filter((x) => x.resourceArn === sb.resolve(name).arn);
    expect(by('web-asg')).toMatchObject([{ kind: 'cpu-saturation', startMs: t0 + 2 * MIN, endMs: t0 + 5 * MIN }]);
    expect(by('orders-db')).toMatchObject([{ kind: 'db-failover', startMs: t0, endMs: t0 + 10 * MIN }]);
    expect(by('orders-processor')).toMatchObject([{ kind: 'db-failover', startMs: t0, endMs: t0 + 10 * MIN }]);
    expect(by('checkout')).toMatchObject([{ kind: 'bad-deploy', startMs: t0, endMs: t0 + 5 * MIN }]);
    expect(w).toHaveLength(4);
  });
});

describe('Class: RcaSandboxLogs', () => {
  it('merges the sandbox lines with realistic generated lines, adds fault templates while a fault is active, and is deterministic', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00.000Z');
    const sb = new Sandbox({ clock, seed: 7 });
    await sb.inject([{ type: 'metric', resource: 'web-asg', metric: 'CPUUtilization', pattern: 'flatline', magnitude: 72, durationMinutes: 60 }], 'test');
    await clock.advance(30 * MIN);
    const logs = new RcaSandboxLogs(sb, { ratePerMinute: 30 });
    const group = (await logs.logGroupsFor(sb.resolve('web-asg').arn))[0]!;
    const q = { logGroup: group, startMs: clock.now() - 90 * MIN, endMs: clock.now() };
    const all = await logs.filterLogEvents(q);
    const own = await sb.logs.filterLogEvents(q);
    expect(all.length).toBeGreaterThan(own.length * 2);
    const isSorted = all.every((e, i) => i === 0 || all[i - 1]!.timestamp <= e.timestamp);
    expect(isSorted).toBe(true);
    const saturation = (from: number, to: number) => all.filter((e) => e.timestamp >= from && e.timestamp < to && /saturated|timed out|Slow request/.test(e.message)).length;
    expect(saturation(clock.now() - 30 * MIN, clock.now())).toBeGreaterThan(3 * saturation(clock.now() - 90 * MIN, clock.now() - 60 * MIN));
    expect(await logs.filterLogEvents(q)).toEqual(all);
    expect(await logs.filterLogEvents({ ...q, limit: 10 })).toHaveLength(10);
    expect(all.every((e) => e.timestamp >= q.startMs && e.timestamp < q.endMs)).toBe(true);
  });

  it('returns the same lines for any sub-window of a query (generation is chunked by hour)', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00.000Z');
    const sb = new Sandbox({ clock, seed: 3 });
    const logs = new RcaSandboxLogs(sb, { ratePerMinute: 10 });
    const group = '/ecs/checkout';
    const whole = await logs.filterLogEvents({ logGroup: group, startMs: clock.now() - 180 * MIN, endMs: clock.now() });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 170 }), fc.integer({ min: 1, max: 60 }), async (from, len) => {
        const startMs = clock.now() - 180 * MIN + from * MIN;
        const endMs = Math.min(clock.now(), startMs + len * MIN);
        const part = await logs.filterLogEvents({ logGroup: group, startMs, endMs });
        expect(part.map((e) => e.message)).toEqual(whole.filter((e) => e.timestamp >= startMs && e.timestamp < endMs).map((e) => e.message));
      }),
      { numRuns: 15 },
    );
  });
});

describe('Function: sandboxTopology / resolveSandboxArn / aliasEdges', () => {
  const sb = new Sandbox({ clock: new ManualClock(), seed: 1 });
  const resources = sb.resources();
  it('maps every dependency name of the table to a fleet ARN', () => {
    expect(sandboxTopology(resources)).toHaveLength(SANDBOX_DEPENDENCIES.length);
  });
  it('resolves exact and canonical wildcard ARNs, and nothing else', () => {
    const asg = sb.resolve('web-asg').arn;
    expect(resolveSandboxArn(resources, asg)?.name).toBe('web-asg');
    expect(resolveSandboxArn(resources, 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/web-asg')?.arn).toBe(asg);
    expect(resolveSandboxArn(resources, 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/other')).toBeUndefined();
    expect(resolveSandboxArn(resources, 'arn:aws:lambda:us-east-1:123456789012:function:none')).toBeUndefined();
  });
  it('gives an alias the dependencies of the resource it names', () => {
    const alias = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/web-asg';
    const edges = aliasEdges(resources, [alias], sandboxTopology(resources));
    expect(edges.map((e) => e.to)).toContain(sb.resolve('checkout-alb').arn);
    expect(edges.every((e) => e.from === alias)).toBe(true);
  });
});
