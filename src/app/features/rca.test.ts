import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../core/alerts/alert.js';
import { ValidationError } from '../../core/shared/errors.js';
import type { Notification, Notifier } from '../../ports/notifier.js';
import type { RcaReportDoc } from '../rca/index.js';
import { alertsAsAnomalies, loadRcaConfig, withProbableCauses } from './rca.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('Function: loadRcaConfig', () => {
  it('defaults to SEV-1/SEV-2 post-mortems and an hourly reminder', () => {
    dir = mkdtempSync(join(tmpdir(), 'rca-cfg-'));
    expect(loadRcaConfig(dir)).toEqual({ postmortems: { requiredFor: ['SEV-1', 'SEV-2'] }, reminderCron: '0 * * * *', enrichNotifications: true, logRatePerMinute: 60 });
  });
  it('reads <dataDir>/rca.json, and an override wins', () => {
    dir = mkdtempSync(join(tmpdir(), 'rca-cfg-'));
    writeFileSync(join(dir, 'rca.json'), JSON.stringify({ postmortems: { requiredFor: ['SEV-3'] }, logRatePerMinute: 20 }));
    expect(loadRcaConfig(dir)).toMatchObject({ postmortems: { requiredFor: ['SEV-3'] }, logRatePerMinute: 20 });
    expect(loadRcaConfig(dir, { logRatePerMinute: 5 })).toMatchObject({ logRatePerMinute: 5 });
  });
  it('fails closed naming the field', () => {
    dir = mkdtempSync(join(tmpdir(), 'rca-cfg-'));
    writeFileSync(join(dir, 'rca.json'), JSON.stringify({ postmortems: { requiredFor: ['SEV-9'] } }));
    expect(() => loadRcaConfig(dir!)).toThrow(ValidationError);
    try {
      loadRcaConfig(dir);
    } catch (e) {
      expect((e as ValidationError).field).toBe('rca.postmortems.requiredFor.0');
    }
  });
});

const alert = (over: Partial<Alert>): Alert => ({ id: 'a1', fingerprint: 'a1', status: 'firing', severity: 'SEV-3', source: 'cloudwatch-alarm', kind: 'metric', title: 't', resourceArn: 'arn:r', labels: {}, count: 1, firstSeen: '2026-11-23T10:00:00Z', lastSeen: '2026-11-23T10:00:00Z', startsAt: '2026-11-23T10:00:00Z', lastSignalId: 's', updatedAt: '2026-11-23T10:00:00Z', ...over }) as Alert;

describe('Function: alertsAsAnomalies', () => {
  it.each([
    [{ metric: 'AWS/EC2 CPUUtilization', value: 95, threshold: 90, level: 'critical' as const }, { metric: 'AWS/EC2 CPUUtilization', direction: 'up', score: 0.9 }],
    [{ metric: 'AWS/RDS DatabaseConnections', value: 0, threshold: 1 }, { metric: 'AWS/RDS DatabaseConnections', direction: 'down', score: 0.7 }],
  ])('reads a metric alert as an anomaly at its start (%o)', (over, expected) => {
    expect(alertsAsAnomalies([alert(over)])).toEqual([{ id: 'alert-a1', resourceArn: 'arn:r', time: '2026-11-23T10:00:00Z', ...expected }]);
  });
  it('skips alerts without a metric (events, findings)', () => {
    expect(alertsAsAnomalies([alert({})])).toEqual([]);
  });
});

describe('Function: withProbableCauses', () => {
  const doc = { id: 'rca-1', report: { causes: [{ rank: 1, kind: 'capacity', title: 'Insufficient capacity (web-asg)', confidence: 0.91 }] } } as unknown as RcaReportDoc;
  const recorder = () => {
    const sent: Notification[] = [];
    const n: Notifier = { kind: 'outbox', notify: async (x) => (sent.push(x), { ok: true }) };
    return { sent, n };
  };
  const base: Notification = { key: 'k', receiver: 'oncall', action: 'trigger', title: 'T', summary: '1 firing alert', incidentId: 'inc-1' };
  it('adds the top causes to incident notifications once a report exists', async () => {
    const { sent, n } = recorder();
    await withProbableCauses(n, async () => doc).notify(base);
    expect(sent[0]!.summary).toBe('1 firing alert\nProbable causes: 1. Insufficient capacity (web-asg) (capacity, 91%)');
    expect(sent[0]!.details).toMatchObject({ probableCauses: ['1. Insufficient capacity (web-asg) (capacity, 91%)'], rcaReportId: 'rca-1' });
  });
  it.each([
    ['no report yet', base, async () => undefined],
    ['an approval', { ...base, action: 'approval' as const }, async () => doc],
    ['no incident', { ...base, incidentId: undefined }, async () => doc],
    ['a failing report lookup', base, async () => Promise.reject(new Error('db'))],
  ])('passes the notification through unchanged for %s', async (_, n0, latest) => {
    const { sent, n } = recorder();
    await withProbableCauses(n, latest).notify(n0);
    expect(sent[0]).toEqual(n0);
  });
});
