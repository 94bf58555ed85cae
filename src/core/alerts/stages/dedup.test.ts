import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Signal } from '../../events/signal.js';
import type { Alert } from '../alert.js';
import { applySignal, fingerprint } from './dedup.js';

const base: Signal = { id: 's0', sourceId: 's0', source: 'cloudwatch-alarm', kind: 'metric-alarm', resourceArn: 'arn:aws:lambda:us-east-1:1:function:f', metric: 'AWS/Lambda Errors', rule: 'prod-f-errors-critical', state: 'firing', title: 't', labels: { alarmName: 'a' }, time: '2026-11-23T14:00:00.000Z' };
const sig = (i: number, state: 'firing' | 'resolved', minute: number): Signal => ({ ...base, id: `s${i}`, sourceId: `s${i}`, state, time: new Date(Date.parse(base.time) + minute * 60_000).toISOString() });

function fold(signals: Signal[]): Alert | undefined {
  let a: Alert | undefined;
  for (const s of signals) a = applySignal(a, { signal: s, severity: 'SEV-3', labels: s.labels, now: 'n' }).alert;
  return a;
}
const essence = (a: Alert | undefined) => a && { status: a.status, count: a.count, firstSeen: a.firstSeen, lastSeen: a.lastSeen, severity: a.severity, lastSignalId: a.lastSignalId };

describe('Function: fingerprint', () => {
  it('ignores occurrence labels and label order but not the resource or rule', () => {
    expect(fingerprint({ ...base, labels: { a: '1', b: '2', alarmState: 'ALARM' } })).toBe(fingerprint({ ...base, labels: { b: '2', a: '1', alarmState: 'OK' } }));
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, resourceArn: 'arn:other' }));
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, rule: 'other' }));
  });
});

describe('Function: applySignal', () => {
  it('opens, counts, resolves and re-fires an alert episode', () => {
    let r = applySignal(undefined, { signal: sig(1, 'firing', 0), severity: 'SEV-3', labels: {}, now: 'n' });
    expect(r.transition).toBe('opened');
    r = applySignal(r.alert, { signal: sig(2, 'firing', 1), severity: 'SEV-2', labels: {}, now: 'n' });
    expect(r).toMatchObject({ transition: 'updated', alert: { count: 2, severity: 'SEV-2' } });
    r = applySignal(r.alert, { signal: sig(3, 'resolved', 5), severity: 'SEV-4', labels: {}, now: 'n' });
    expect(r).toMatchObject({ transition: 'resolved', alert: { status: 'resolved', endsAt: sig(3, 'resolved', 5).time } });
    r = applySignal(r.alert, { signal: sig(4, 'firing', 9), severity: 'SEV-4', labels: {}, now: 'n' });
    expect(r).toMatchObject({ transition: 'refired', alert: { status: 'firing', startsAt: sig(4, 'firing', 9).time, severity: 'SEV-4', count: 3 } });
    expect(r.alert?.endsAt).toBeUndefined();
  });

  it('ignores a late signal older than the current state (stale) but still counts it', () => {
    const a = fold([sig(1, 'firing', 0), sig(2, 'resolved', 5)]);
    const r = applySignal(a, { signal: sig(3, 'firing', 3), severity: 'SEV-3', labels: {}, now: 'n' });
    expect(r).toMatchObject({ transition: 'stale', alert: { status: 'resolved', count: 2 } });
  });

  it('never makes an alert from an info signal', () => {
    expect(applySignal(undefined, { signal: { ...base, state: 'info' }, severity: 'SEV-4', labels: {}, now: 'n' })).toEqual({ alert: undefined, transition: 'ignored' });
  });

  const signalSet = fc.uniqueArray(fc.record({ minute: fc.integer({ min: 0, max: 30 }), firing: fc.boolean() }), { minLength: 1, maxLength: 12, selector: (x) => x.minute }).map((xs) => xs.map((x, i) => sig(i, x.firing ? 'firing' : 'resolved', x.minute)));

  it('is idempotent: applying a signal again changes nothing (property)', () => {
    fc.assert(
      fc.property(signalSet, fc.nat(), (signals, k) => {
        const once = fold(signals);
        const again = fold([...signals, signals[k % signals.length] as Signal]);
        expect(again).toEqual(once);
      }),
    );
  });

  it('is order-independent within a group window (property)', () => {
    fc.assert(
      fc.property(
        signalSet.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }))),
        ([signals, shuffled]) => {
          const a = essence(fold(signals));
          const b = essence(fold(shuffled));
          expect({ ...b, severity: undefined }).toEqual({ ...a, severity: undefined });
          if (signals.every((s) => s.state === 'firing')) expect(b?.severity).toBe(a?.severity);
        },
      ),
    );
  });
});
