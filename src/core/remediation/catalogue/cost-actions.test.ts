import { describe, expect, it } from 'vitest';
import type { RunbookContext } from '../runbook.js';
import { findRunbook } from './index.js';
import { FINAL_SNAPSHOT_TAG } from './AIOps-DeleteUnattachedVolume.js';
import { CATALOGUE_FIXTURES, FIXTURE_NOW } from './support/fixtures.js';

function entry(id: string) {
  const r = findRunbook(id);
  if (!r) throw new Error(id);
  return r;
}

function ctx(id: string, state: Record<string, unknown> = {}, environment = 'dev', tags: Record<string, string> = {}): RunbookContext {
  const base = CATALOGUE_FIXTURES[id]!;
  return { resource: { ...base, tags: { ...base.tags, ...tags }, state: { ...base.state, ...state } }, environment, diagnostics: { now: FIXTURE_NOW } };
}

describe('Runbook: AIOps-DeleteUnattachedVolume', () => {
  const r = entry('AIOps-DeleteUnattachedVolume');
  it('takes a tagged final snapshot before deleting, and is irreversible with approval always', () => {
    expect(r).toMatchObject({ reversible: false, approval: 'always' });
    expect(r.rollback).toBeUndefined();
    expect(r.plan(ctx(r.id)).map((c) => [c.call, c.params])).toEqual([
      ['ec2:CreateSnapshot', { VolumeId: 'vol-0orphan', Description: 'aiops: final snapshot of vol-0orphan before deletion', TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: FINAL_SNAPSHOT_TAG, Value: 'vol-0orphan' }] }] }],
      ['ec2:DeleteVolume', { VolumeId: 'vol-0orphan' }],
    ]);
    expect(r.rollbackPlan).toContain('ec2:CreateVolume');
  });
  it.each([
    [{}, 'dev', true],
    [{}, 'production', false],
    [{ State: 'in-use' }, 'dev', false],
    [{ Attachments: [{ InstanceId: 'i-1', State: 'attached' }] }, 'dev', false],
    [{ State: 'deleted' }, 'dev', false],
    [{ Attachments: 'none' }, 'dev', false],
  ])('volume with %j in %s: eligible=%s', (state, env, expected) => {
    expect(r.eligible(ctx(r.id, state, env)).eligible).toBe(expected);
  });
});

describe('Runbook: AIOps-ChangeInstanceType', () => {
  const r = entry('AIOps-ChangeInstanceType');
  it('stops, moves to the same size of the successor family, starts; rollback restores the previous type', () => {
    expect(r).toMatchObject({ reversible: true, approval: 'always' });
    expect(r.plan(ctx(r.id)).map((c) => [c.call, c.params])).toEqual([
      ['ec2:StopInstances', { InstanceIds: ['i-0oldgen0001'] }],
      ['ec2:ModifyInstanceAttribute', { InstanceId: 'i-0oldgen0001', InstanceType: { Value: 'm5.xlarge' } }],
      ['ec2:StartInstances', { InstanceIds: ['i-0oldgen0001'] }],
    ]);
    // After the change the resource reads m5.xlarge; `before` says what it was.
    const back = r.rollback!(ctx(r.id, { InstanceType: 'm5.xlarge' }), { InstanceType: 'm4.xlarge' });
    expect(back.map((c) => c.call)).toEqual(['ec2:StopInstances', 'ec2:ModifyInstanceAttribute', 'ec2:StartInstances']);
    expect(back[1]!.params).toEqual({ InstanceId: 'i-0oldgen0001', InstanceType: { Value: 'm4.xlarge' } });
  });
  it.each([
    [{}, 'dev', {}, true],
    [{ InstanceType: 't2.micro' }, 'dev', {}, true],
    [{}, 'prod', {}, false],
    [{ InstanceType: 'm5.xlarge' }, 'dev', {}, false],
    [{ State: { Name: 'stopped' } }, 'dev', {}, false],
    [{ RootDeviceType: 'instance-store' }, 'dev', {}, false],
    [{}, 'dev', { 'aws:autoscaling:groupName': 'web-asg' }, false],
  ])('instance with %j in %s, tags %j: eligible=%s', (state, env, tags, expected) => {
    expect(r.eligible(ctx(r.id, state, env, tags)).eligible).toBe(expected);
  });
  it('validates that the instance passes its status checks after the change', () => {
    expect(r.validate).toMatchObject({ stat: 'Maximum', below: 1, datapoints: 2 });
    expect(r.validate!.metric(ctx(r.id).resource)).toEqual({ namespace: 'AWS/EC2', metricName: 'StatusCheckFailed', dimensions: { InstanceId: 'i-0oldgen0001' } });
  });
});

describe('Runbook: AIOps-RightSizeLambdaMemory', () => {
  const r = entry('AIOps-RightSizeLambdaMemory');
  it('sets the memory the cost rule priced (peak + 30 %, 64 MB steps) and rolls back to the previous size', () => {
    expect(r).toMatchObject({ reversible: true, approval: 'always' });
    expect(r.plan(ctx(r.id))[0]).toMatchObject({ call: 'lambda:UpdateFunctionConfiguration', params: { FunctionName: 'thumbnails', MemorySize: 320 } });
    expect(r.rollback!(ctx(r.id, { MemorySize: 320 }), { MemorySize: 3008 })[0]!.params).toEqual({ FunctionName: 'thumbnails', MemorySize: 3008 });
  });
  it.each([
    [{}, 'dev', true],
    [{}, 'production', false],
    [{ MaxMemoryUsed: undefined }, 'dev', false],
    [{ MaxMemoryUsed: 0 }, 'dev', false],
    [{ MaxMemoryUsed: 1000, MemorySize: 1024 }, 'dev', false],
    [{ MemorySize: 128, MaxMemoryUsed: 60 }, 'dev', false],
    [{ State: 'Pending' }, 'dev', false],
  ])('function with %j in %s: eligible=%s', (state, env, expected) => {
    expect(r.eligible(ctx(r.id, state, env)).eligible).toBe(expected);
  });
});

describe('Runbook: AIOps-DeleteOldSnapshot', () => {
  const r = entry('AIOps-DeleteOldSnapshot');
  it('deletes the one snapshot, irreversibly, with approval always and the Recycle Bin in its rollback plan', () => {
    expect(r).toMatchObject({ reversible: false, approval: 'always' });
    expect(r.plan(ctx(r.id))).toEqual([expect.objectContaining({ call: 'ec2:DeleteSnapshot', params: { SnapshotId: 'snap-0old' } })]);
    expect(r.rollbackPlan).toContain('ec2:RestoreSnapshotFromRecycleBin');
  });
  it.each([
    [{}, 'dev', true],
    [{ RecycleBinProtected: true }, 'dev', true],
    [{}, 'prod', false],
    // 30 days before FIXTURE_NOW exactly is not past retention; a minute more is.
    [{ StartTime: '2026-10-23T12:00:00.000Z' }, 'dev', false],
    [{ StartTime: '2026-10-23T11:59:00.000Z' }, 'dev', true],
    [{ State: 'pending' }, 'dev', false],
    [{ AmiIds: ['ami-1'] }, 'dev', false],
    [{ StartTime: 'yesterday' }, 'dev', false],
  ])('snapshot with %j in %s: eligible=%s', (state, env, expected) => {
    expect(r.eligible(ctx(r.id, state, env)).eligible).toBe(expected);
  });
  it('says whether the Recycle Bin can still restore it', () => {
    expect(r.eligible(ctx(r.id, { RecycleBinProtected: true })).reason).toContain('Recycle Bin');
    expect(r.eligible(ctx(r.id)).reason).toContain('no Recycle Bin rule');
  });
});
