import { describe, expect, it } from 'vitest';
import type { Alert } from '../alerts/alert.js';
import { attachAlert, findIncidentFor, groupKeyFor, incidentIdFor, openIncidentFor } from './grouping.js';

const opts = { groupBy: ['service', 'environment'], correlationWindowMs: 15 * 60_000 };
const alert = (over: Partial<Alert>): Alert => ({ id: 'a1', fingerprint: 'a1', status: 'firing', severity: 'SEV-3', source: 'cloudwatch-alarm', kind: 'metric-alarm', title: 'CPU high', resourceArn: 'arn:r1', labels: { service: 'web', environment: 'prod' }, count: 1, firstSeen: '2026-11-23T14:00:00.000Z', lastSeen: '2026-11-23T14:00:00.000Z', startsAt: '2026-11-23T14:00:00.000Z', lastSignalId: 's', updatedAt: 'n', ...over });

describe('Function: groupKeyFor', () => {
  it('uses the group_by labels, or the resource when none is present', () => {
    expect(groupKeyFor(alert({}), opts.groupBy)).toBe('service=web,environment=prod');
    expect(groupKeyFor(alert({ labels: {} }), opts.groupBy)).toBe('resource=arn:r1');
    expect(groupKeyFor(alert({ labels: { environment: 'prod' } }), opts.groupBy)).toBe('environment=prod,resource=arn:r1');
  });
});

describe('Function: findIncidentFor', () => {
  const inc = openIncidentFor(alert({}), opts, '2026-11-23T14:00:00.000Z');
  it('joins by group, then by resource or service within the window', () => {
    expect(findIncidentFor(alert({ id: 'a2' }), [inc], opts)?.reason).toMatch(/same group/);
    const other = alert({ id: 'a3', labels: { alertname: 'x' }, lastSeen: '2026-11-23T14:10:00.000Z' });
    expect(findIncidentFor(other, [inc], opts)?.reason).toMatch(/same resource/);
    expect(findIncidentFor({ ...other, lastSeen: '2026-11-23T14:30:00.000Z' }, [inc], opts)).toBeUndefined();
    const sameSvc = alert({ id: 'a4', resourceArn: 'arn:r2', labels: { service: 'web', environment: 'prod', alertname: 'y' }, lastSeen: '2026-11-23T14:05:00.000Z' });
    expect(findIncidentFor(sameSvc, [inc], { ...opts, groupBy: ['alertname'] })?.reason).toMatch(/same service/);
  });
  it('never joins a resolved incident', () => {
    expect(findIncidentFor(alert({ id: 'a2' }), [{ ...inc, status: 'resolved' }], opts)).toBeUndefined();
  });
});

describe('Function: attachAlert', () => {
  it('adds the alert once, records why, and takes the worst severity', () => {
    const inc = openIncidentFor(alert({}), opts, '2026-11-23T14:00:00.000Z');
    expect(inc.id).toBe(incidentIdFor(alert({})));
    const a2 = alert({ id: 'a2', resourceArn: 'arn:r2', severity: 'SEV-1' });
    const once = attachAlert(inc, a2, '2026-11-23T14:01:00.000Z', 'same group');
    const twice = attachAlert(once, a2, '2026-11-23T14:02:00.000Z', 'same group');
    expect(twice.alertIds).toEqual(['a1', 'a2']);
    expect(twice.resourceArns).toEqual(['arn:r1', 'arn:r2']);
    expect(twice.severity).toBe('SEV-1');
    expect(twice.timeline.filter((t) => t.kind === 'alert')).toHaveLength(2);
  });
});
