import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../alert.js';
import { parseMatcher, matchAll, alertLabelSet } from '../matchers.js';
import { isFlapping } from './flap.js';
import { computeInhibitions, InhibitRuleSchema } from './inhibit.js';
import { findMaintenanceWindow, MaintenanceWindowSchema, windowOpen } from './maintenance.js';
import { findSilence, silenceStatus, type Silence } from './silence.js';
import { nextRetryDelay } from './retry.js';

const alert = (over: Partial<Alert>): Alert => ({ id: 'a1', fingerprint: 'a1', status: 'firing', severity: 'SEV-3', source: 'cloudwatch-alarm', kind: 'metric-alarm', title: 't', resourceArn: 'arn:r1', rule: 'prod-web-cpu-warning', labels: { service: 'web', environment: 'prod' }, count: 1, firstSeen: 'x', lastSeen: 'x', startsAt: '2026-11-23T14:00:00.000Z', lastSignalId: 's', updatedAt: 'n', ...over });

describe('Function: parseMatcher', () => {
  it.each([
    ['service="checkout"', { service: 'checkout' }, true],
    ['service!="checkout"', { service: 'checkout' }, false],
    ['severity=~"SEV-[12]"', { severity: 'SEV-2' }, true],
    ['severity=~"SEV-[12]"', { severity: 'SEV-12' }, false],
    ['service!~"web|api"', { service: 'db' }, true],
    ['team=""', {}, true],
  ])('%s on %j → %s', (text, labels, expected) => {
    expect(matchAll([parseMatcher(text)], labels)).toBe(expected);
  });
  it('rejects malformed matchers and regexes with the reason', () => {
    expect(() => parseMatcher('service')).toThrow(/not a matcher/);
    expect(() => parseMatcher('a=~"("')).toThrow(/invalid regex/);
  });
  it('exposes severity, alertname and resource to matchers', () => {
    expect(alertLabelSet(alert({}))).toMatchObject({ severity: 'SEV-3', alertname: 'prod-web-cpu-warning', resource: 'arn:r1' });
  });
});

describe('Function: findSilence', () => {
  const s: Silence = { id: 'sil-1', matchers: ['service=~"we.*"'], startsAt: '2026-11-23T13:00:00.000Z', endsAt: '2026-11-23T15:00:00.000Z', createdBy: 'alice', comment: 'deploy', status: 'active', createdAt: 'x', updatedAt: 'x' };
  it('mutes matching alerts only between start and end', () => {
    expect(findSilence(alert({}), [s], '2026-11-23T14:00:00.000Z')?.id).toBe('sil-1');
    expect(findSilence(alert({}), [s], '2026-11-23T15:00:00.000Z')).toBeUndefined();
    expect(findSilence(alert({ labels: { service: 'db' } }), [s], '2026-11-23T14:00:00.000Z')).toBeUndefined();
    expect(silenceStatus(s, '2026-11-23T12:00:00.000Z')).toBe('pending');
    expect(silenceStatus(s, '2026-11-23T16:00:00.000Z')).toBe('expired');
  });
});

describe('Function: findMaintenanceWindow', () => {
  const w = MaintenanceWindowSchema.parse({ name: 'sunday-db', cron: '0 2 * * 0', duration: '2h', timezone: 'Europe/Lisbon', matchers: ['service="orders"'], allowSeverity: 'SEV-1' });
  it('is open from the cron time for the duration, in its time zone', () => {
    // 2026-11-22 is a Sunday; Lisbon is UTC+0 in November.
    expect(windowOpen(w, '2026-11-22T02:30:00.000Z')).toBe(true);
    expect(windowOpen(w, '2026-11-22T04:00:00.000Z')).toBe(false);
    expect(windowOpen(w, '2026-11-23T02:30:00.000Z')).toBe(false);
  });
  it('answers like a fresh cron computation at any time and in any order (the interval memo is exact)', () => {
    const base = Date.parse('2026-11-15T00:00:00.000Z');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 21 * 24 * 60 }), { minLength: 1, maxLength: 60 }), (minutes) => {
        const memoised = MaintenanceWindowSchema.parse({ name: 'm', cron: '30 1 * * 0,3', duration: '90m', timezone: 'Europe/Lisbon' });
        for (const m of minutes) {
          const at = new Date(base + m * 60_000).toISOString();
          const fresh = MaintenanceWindowSchema.parse({ name: 'f', cron: '30 1 * * 0,3', duration: '90m', timezone: 'Europe/Lisbon' });
          expect(windowOpen(memoised, at)).toBe(windowOpen(fresh, at));
        }
      }),
      { numRuns: 50 },
    );
  });
  it('mutes matching alerts but lets the configured severity through', () => {
    const at = '2026-11-22T03:00:00.000Z';
    expect(findMaintenanceWindow(alert({ labels: { service: 'orders' } }), [w], at)?.name).toBe('sunday-db');
    expect(findMaintenanceWindow(alert({ labels: { service: 'orders' }, severity: 'SEV-1' }), [w], at)).toBeUndefined();
  });
  it('rejects an invalid cron, naming the field', () => {
    const r = MaintenanceWindowSchema.safeParse({ name: 'x', cron: 'every sunday', duration: '1h' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['cron']);
  });
});

describe('Function: computeInhibitions', () => {
  const rule = InhibitRuleSchema.parse({ sourceMatchers: ['severity="SEV-1"'], targetMatchers: ['severity=~"SEV-[34]"'], equal: ['service'] });
  it('mutes symptoms of the same service while the cause fires', () => {
    const cause = alert({ id: 'c', severity: 'SEV-1' });
    const symptom = alert({ id: 's', severity: 'SEV-3' });
    const elsewhere = alert({ id: 'e', severity: 'SEV-4', labels: { service: 'db' } });
    expect([...computeInhibitions([cause, symptom, elsewhere], [rule])]).toEqual([['s', 'c']]);
    expect(computeInhibitions([{ ...cause, status: 'resolved' }, symptom], [rule]).size).toBe(0);
  });

  it('never hides an inhibiting alert (property)', () => {
    const sev = fc.constantFrom('SEV-1', 'SEV-2', 'SEV-3', 'SEV-4') as fc.Arbitrary<Alert['severity']>;
    const anyRule = fc.record({ s: fc.constantFrom('SEV-1', 'SEV-2', 'SEV-3'), t: fc.constantFrom('SEV-[1234]', 'SEV-[34]', 'SEV-2'), eq: fc.boolean() }).map((r) => InhibitRuleSchema.parse({ sourceMatchers: [`severity="${r.s}"`], targetMatchers: [`severity=~"${r.t}"`], equal: r.eq ? ['service'] : [] }));
    fc.assert(
      fc.property(fc.array(fc.record({ sev, svc: fc.constantFrom('a', 'b'), firing: fc.boolean() }), { maxLength: 12 }), fc.array(anyRule, { minLength: 1, maxLength: 3 }), (specs, rules) => {
        const alerts = specs.map((x, i) => alert({ id: `a${i}`, severity: x.sev, status: x.firing ? 'firing' : 'resolved', labels: { service: x.svc } }));
        const inh = computeInhibitions(alerts, rules);
        for (const by of inh.values()) expect(inh.has(by)).toBe(false);
        for (const [target, by] of inh) {
          expect(alerts.find((a) => a.id === by)?.status).toBe('firing');
          expect(target).not.toBe(by);
        }
      }),
    );
  });
});

describe('Function: isFlapping', () => {
  it('flags an alert that toggled at least the threshold within the window', () => {
    const changes = ['2026-11-23T14:00:00.000Z', '2026-11-23T14:03:00.000Z', '2026-11-23T14:06:00.000Z', '2026-11-23T14:09:00.000Z'];
    expect(isFlapping({ stateChanges: changes }, { threshold: 4, window: 30 * 60_000 }, '2026-11-23T14:10:00.000Z')).toBe(true);
    expect(isFlapping({ stateChanges: changes }, { threshold: 4, window: 30 * 60_000 }, '2026-11-23T14:35:00.000Z')).toBe(false);
  });
});

describe('Function: nextRetryDelay', () => {
  const policy = { maxAttempts: 4, baseDelay: 1000, maxDelay: 5000, seed: 7 };
  it('backs off exponentially with deterministic jitter and gives up after maxAttempts', () => {
    const d = [1, 2, 3].map((a) => nextRetryDelay(policy, a, 'k') as number);
    expect(d[0]).toBeGreaterThanOrEqual(500);
    expect(d[0]).toBeLessThanOrEqual(1000);
    expect(d[2]).toBeLessThanOrEqual(4000);
    expect(d[2]).toBeGreaterThanOrEqual(2000);
    expect(nextRetryDelay(policy, 1, 'k')).toBe(d[0]);
    expect(nextRetryDelay(policy, 4, 'k')).toBeUndefined();
  });
});
