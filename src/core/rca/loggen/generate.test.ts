import { describe, expect, it } from 'vitest';
import { mineWindows, parseLogEvents, rankTemplates } from '../logs/index.js';
import { FAULT_CAUSES, FAULT_KINDS, type FaultKind } from './faults.js';
import { formatFor, generateLogs, logGroupFor } from './generate.js';

const LAMBDA = 'arn:aws:lambda:eu-west-1:123456789012:function:checkout';
const ECS = 'arn:aws:ecs:eu-west-1:123456789012:service/prod/orders-api';
const RDS = 'arn:aws:rds:eu-west-1:123456789012:db:orders-db';
const EC2 = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc';
const HOUR = 3_600_000;

describe('Function: generateLogs', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateLogs({ service: 'checkout', resourceArn: LAMBDA, fromMs: 0, toMs: 600_000, seed: 1 });
    const b = generateLogs({ service: 'checkout', resourceArn: LAMBDA, fromMs: 0, toMs: 600_000, seed: 1 });
    const c = generateLogs({ service: 'checkout', resourceArn: LAMBDA, fromMs: 0, toMs: 600_000, seed: 2 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('stays inside the window, in time order, at about the requested rate', () => {
    const logs = generateLogs({ service: 's', resourceArn: EC2, fromMs: 1000, toMs: 1000 + HOUR, seed: 5, ratePerMinute: 60 });
    expect(logs.every((e, i) => e.timestamp >= 1000 && e.timestamp < 1000 + HOUR && (i === 0 || e.timestamp >= (logs[i - 1]?.timestamp ?? 0)))).toBe(true);
    expect(logs.length).toBeGreaterThan(3000);
    expect(logs.length).toBeLessThan(4500);
  });

  it.each([
    [LAMBDA, 'json', '/aws/lambda/checkout'],
    [ECS, 'java', '/ecs/orders-api'],
    [RDS, 'postgres', '/aws/rds/instance/orders-db/postgresql'],
    [EC2, 'plain', '/aiops/ec2/i-0abc'],
  ])('writes %s logs as %s into %s', (arn, format, group) => {
    expect(formatFor(arn)).toBe(format);
    expect(logGroupFor(arn)).toBe(group);
    const logs = generateLogs({ service: 's', resourceArn: arn, fromMs: 0, toMs: 60_000, seed: 1 });
    expect(logs.every((e) => e.logGroup === group)).toBe(true);
    if (format === 'json') expect(() => JSON.parse(logs.find((e) => e.message.startsWith('{'))?.message ?? '')).not.toThrow();
  });

  it('emits stack traces as separate lines for ECS (folded back by the parser)', () => {
    const logs = generateLogs({ service: 'orders', resourceArn: ECS, fromMs: 0, toMs: HOUR, seed: 2, faults: [{ kind: 'bad-deploy', startMs: 0, endMs: HOUR }] });
    expect(logs.some((e) => e.message.startsWith('\tat '))).toBe(true);
    const parsed = parseLogEvents(logs);
    expect(parsed.length).toBeLessThan(logs.length);
    expect(parsed.some((e) => e.text.includes('java.lang.NullPointerException') && (e.stack?.length ?? 0) > 0)).toBe(true);
  });

  const EXPECTED: Record<FaultKind, RegExp> = {
    'cpu-saturation': /timed out|Thread pool saturated|Slow request/,
    'bad-deploy': /TypeError|NullPointerException/,
    'db-failover': /ECONNREFUSED|refused|Connection is not available/,
    throttling: /Throttling|throttled|ProvisionedThroughputExceeded/,
    oom: /OutOfMemoryError|heap out of memory|GC overhead|signal: killed/,
    'bad-config': /ConfigurationError|ParameterNotFound|invalid configuration/,
    'access-denied': /AccessDenied/,
    'disk-full': /No space left|ENOSPC|Disk usage/,
    'dependency-latency': /payments-api/,
  };

  it.each(FAULT_KINDS.map((k) => [k]))('makes the %s fault show up as the top new template', (kind) => {
    const logs = generateLogs({ service: 'checkout', resourceArn: LAMBDA, fromMs: 0, toMs: 2 * HOUR, seed: 11, faults: [{ kind, startMs: HOUR, endMs: 2 * HOUR }] });
    const mined = mineWindows(parseLogEvents(logs), { startMs: 0, endMs: HOUR }, { startMs: HOUR, endMs: 2 * HOUR });
    const top = rankTemplates(mined.templates, { baselineMs: HOUR, incidentMs: HOUR })[0];
    expect(top?.template).toMatch(EXPECTED[kind]);
    expect(FAULT_CAUSES[kind]).toBeTruthy();
  });

  it('ignores unknown fault kinds', () => {
    const a = generateLogs({ service: 's', resourceArn: EC2, fromMs: 0, toMs: 60_000, seed: 1 });
    const b = generateLogs({ service: 's', resourceArn: EC2, fromMs: 0, toMs: 60_000, seed: 1, faults: [{ kind: 'meteor', startMs: 0, endMs: 60_000 }] });
    expect(b).toEqual(a);
  });
});
