import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import type { RunbookContext } from '../runbook.js';
import { findRunbook } from './index.js';
import { CATALOGUE_FIXTURES, FIXTURE_NOW } from './support/fixtures.js';

function entry(id: string) {
  const r = findRunbook(id);
  if (!r) throw new Error(id);
  return r;
}

function ctx(id: string, state: Record<string, unknown> = {}, environment = 'dev'): RunbookContext {
  const base = CATALOGUE_FIXTURES[id];
  if (!base) throw new Error(id);
  return { resource: { ...base, state: { ...base.state, ...state } }, environment, diagnostics: { now: FIXTURE_NOW } };
}

describe('Runbook: AIOps-ScaleOutEC2ASG', () => {
  const r = entry('AIOps-ScaleOutEC2ASG');
  it.each([
    [4, 10, 5],
    [1, 10, 2],
    [8, 10, 10],
    [9, 10, 10],
    [10, 100, 13],
  ])('sets desired %i (max %i) to %i', (desired, max, expected) => {
    const plan = r.plan(ctx(r.id, { DesiredCapacity: desired, MaxSize: max }));
    expect(plan).toEqual([
      expect.objectContaining({ call: 'autoscaling:SetDesiredCapacity', params: { AutoScalingGroupName: 'web-asg', DesiredCapacity: expected, HonorCooldown: false } }),
    ]);
  });
  it('is not eligible at MaxSize', () => {
    expect(r.eligible(ctx(r.id, { DesiredCapacity: 10, MaxSize: 10 })).eligible).toBe(false);
  });
  it('rolls back to the previous desired capacity', () => {
    const c = ctx(r.id, { DesiredCapacity: 5 });
    expect(r.rollback?.(c, { DesiredCapacity: 4 })[0]?.params).toMatchObject({ DesiredCapacity: 4 });
  });
  it('validates CPU Average below 70 within 10 minutes over 2 datapoints', () => {
    expect(r.validate).toMatchObject({ stat: 'Average', below: 70, withinMinutes: 10, datapoints: 2 });
    expect(r.validate?.metric(ctx(r.id).resource)).toEqual({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'web-asg' } });
  });
});

describe('Runbook: AIOps-RevokeOpenSSH', () => {
  const r = entry('AIOps-RevokeOpenSSH');
  it('revokes only the world-open SSH ranges and keeps HTTPS and private ranges', () => {
    const [revoke] = r.plan(ctx(r.id));
    expect(revoke?.params.IpPermissions).toEqual([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
  });
  it.each([
    [[{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }], false],
    [[{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }], true],
    [[{ IpProtocol: 'tcp', FromPort: 0, ToPort: 1024, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }], true],
    [[{ IpProtocol: 'udp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }], false],
  ])('judges %j eligible=%s', (perms, expected) => {
    expect(r.eligible(ctx(r.id, { IpPermissions: perms })).eligible).toBe(expected);
  });
});

describe('Runbook: time-based eligibility', () => {
  it('disables an access key only past 90 days', () => {
    const r = entry('AIOps-DisableOldAccessKey');
    expect(r.eligible(ctx(r.id, { CreateDate: '2026-08-20T00:00:00Z' })).eligible).toBe(true);
    expect(r.eligible(ctx(r.id, { CreateDate: '2026-09-20T00:00:00Z' })).eligible).toBe(false);
  });
  it('deletes snapshots past 30 days, outside prod, only when the Recycle Bin can restore them', () => {
    const r = entry('AIOps-DeleteExpiredEBSSnapshots');
    expect(r.eligible(ctx(r.id)).eligible).toBe(true);
    expect(r.eligible(ctx(r.id, {}, 'prod')).eligible).toBe(false);
    expect(r.eligible(ctx(r.id, { RecycleBinProtected: false })).eligible).toBe(false);
    expect(r.eligible(ctx(r.id, { StartTime: '2026-11-01T00:00:00Z' })).eligible).toBe(false);
  });
  it('rotates non-prod keys only when the user has one key older than a week', () => {
    const r = entry('AIOps-RotateNonProdAccessKeys');
    expect(r.eligible(ctx(r.id)).eligible).toBe(true);
    expect(r.eligible(ctx(r.id, {}, 'prod')).eligible).toBe(false);
    expect(r.eligible(ctx(r.id, { AccessKeys: [{ AccessKeyId: 'A', Status: 'Active', CreateDate: '2026-11-20T00:00:00Z' }] })).eligible).toBe(false);
  });
});

describe('Runbook: scheduled maintenance', () => {
  it.each([
    ['AIOps-DeleteExpiredEBSSnapshots', '2026-11-23T02:00:00.000Z'],
    ['AIOps-GenerateCostAnomalyReport', '2026-11-23T03:00:00.000Z'],
    ['AIOps-RotateNonProdAccessKeys', '2026-11-29T01:00:00.000Z'],
    ['AIOps-RunAnomalyDetection', '2026-11-22T12:05:00.000Z'],
    ['AIOps-SyncSecurityHubFindings', '2026-11-22T12:15:00.000Z'],
  ])('%s next runs at %s after the fixture time', (id, next) => {
    const cron = new Cron(entry(id).schedule?.cron ?? '', { paused: true, timezone: 'UTC' });
    expect(cron.nextRun(new Date(FIXTURE_NOW))?.toISOString()).toBe(next);
  });
});

describe('Runbook: cost right-sizing actions', () => {
  it.each([
    [100, 3000, 128],
    [170, 3000, 128],
    [171, 3000, 250],
    [1000, 3000, 250],
    [2000, 6000, 250],
    [6000, 16000, 250],
  ])('changes a %i GiB gp2 volume to gp3 at %i IOPS and %i MiB/s', (size, iops, throughput) => {
    const r = entry('AIOps-ModifyVolumeToGp3');
    expect(r.plan(ctx(r.id, { Size: size }))).toEqual([expect.objectContaining({ call: 'ec2:ModifyVolume', params: { VolumeId: 'vol-0gp2', VolumeType: 'gp3', Iops: iops, Throughput: throughput } })]);
  });
  it('leaves a volume that is not gp2 alone and rolls back to the previous type', () => {
    const r = entry('AIOps-ModifyVolumeToGp3');
    expect(r.eligible(ctx(r.id, { VolumeType: 'gp3' })).eligible).toBe(false);
    expect(r.rollback?.(ctx(r.id), { VolumeType: 'gp2' })[0]?.params).toEqual({ VolumeId: 'vol-0gp2', VolumeType: 'gp2' });
  });
  it.each([
    [{}, 'dev', true],
    [{}, 'prod', false],
    [{ State: { Name: 'stopped' } }, 'dev', false],
    [{ RootDeviceType: 'instance-store' }, 'dev', false],
  ])('stops an idle instance with state %j in %s: eligible=%s', (state, env, expected) => {
    const r = entry('AIOps-StopIdleInstance');
    expect(r.eligible(ctx(r.id, state, env)).eligible).toBe(expected);
  });
  it('stops and, on rollback, starts the same instance', () => {
    const r = entry('AIOps-StopIdleInstance');
    expect(r.plan(ctx(r.id))[0]).toMatchObject({ call: 'ec2:StopInstances', params: { InstanceIds: ['i-0idle0001'] } });
    expect(r.rollback?.(ctx(r.id), {})[0]).toMatchObject({ call: 'ec2:StartInstances', params: { InstanceIds: ['i-0idle0001'] } });
  });
  it.each([
    [{}, 'staging', true],
    [{}, 'production', false],
    [{ AssociationId: 'eipassoc-1' }, 'dev', false],
    [{ NetworkInterfaceId: 'eni-1' }, 'dev', false],
    [{ Released: true }, 'dev', false],
  ])('releases an Elastic IP with state %j in %s: eligible=%s', (state, env, expected) => {
    const r = entry('AIOps-ReleaseElasticIp');
    expect(r.eligible(ctx(r.id, state, env)).eligible).toBe(expected);
  });
  it('is irreversible and always needs approval', () => {
    const r = entry('AIOps-ReleaseElasticIp');
    expect(r).toMatchObject({ reversible: false, approval: 'always' });
    expect(r.plan(ctx(r.id))).toEqual([expect.objectContaining({ call: 'ec2:ReleaseAddress', params: { AllocationId: 'eipalloc-0idle' } })]);
  });
});
