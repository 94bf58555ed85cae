import { describe, expect, it } from 'vitest';
import type { RunbookContext } from '../runbook.js';
import { findRunbook } from './index.js';
import { FINAL_SNAPSHOT_TAG } from './AIOps-DeleteUnattachedVolume.js';
import { decreaseAllowed } from './AIOps-RightSizeDynamoDbCapacity.js';
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

describe('Runbook: AIOps-StopIdleDbInstance', () => {
  const r = entry('AIOps-StopIdleDbInstance');
  it('stops the instance with a snapshot, says RDS restarts it after 7 days, and rolls back with StartDBInstance', () => {
    expect(r).toMatchObject({ reversible: true, approval: 'always', targetResourceType: 'AWS::RDS::DBInstance' });
    expect(r.plan(ctx(r.id)).map((c) => [c.call, c.params])).toEqual([['rds:StopDBInstance', { DBInstanceIdentifier: 'reports-db', DBSnapshotIdentifier: 'aiops-stop-reports-db' }]]);
    expect(r.rollback!(ctx(r.id, { DBInstanceStatus: 'stopped' }), {}).map((c) => [c.call, c.params])).toEqual([['rds:StartDBInstance', { DBInstanceIdentifier: 'reports-db' }]]);
    expect(r.rollbackPlan).toContain('after 7 days');
    expect(r.action).toContain('after 7 days');
    expect(r.eligible(ctx(r.id)).reason).toContain('7 days');
  });
  it.each([
    [{}, 'dev', true],
    [{}, 'production', false],
    [{ DBInstanceStatus: 'stopped' }, 'dev', false],
    [{ DBInstanceStatus: 'backing-up' }, 'dev', false],
    [{ Engine: 'aurora-postgresql' }, 'dev', false],
    [{ DBClusterIdentifier: 'reports' }, 'dev', false],
    [{ ReadReplicaSourceDBInstanceIdentifier: 'primary-db' }, 'dev', false],
    [{ ReadReplicaDBInstanceIdentifiers: ['replica-1'] }, 'dev', false],
    [{ ReadReplicaDBInstanceIdentifiers: [] }, 'dev', true],
    [{ Engine: 'sqlserver-se', MultiAZ: true }, 'dev', false],
    [{ Engine: 'sqlserver-se', MultiAZ: false }, 'dev', true],
    [{ Engine: 'postgres', MultiAZ: true }, 'dev', true],
    [{ Engine: undefined }, 'dev', false],
  ])('DB instance with %j in %s: eligible=%s', (state, env, expected) => {
    expect(r.eligible(ctx(r.id, state, env)).eligible).toBe(expected);
  });
});

describe('Runbook: AIOps-RightSizeDynamoDbCapacity', () => {
  const r = entry('AIOps-RightSizeDynamoDbCapacity');
  const pt = (extra: Record<string, unknown>) => ({ ProvisionedThroughput: { ReadCapacityUnits: 400, WriteCapacityUnits: 200, NumberOfDecreasesToday: 0, ...extra } });
  it('sets the capacity the cost rule priced (peak at 70 %) and rolls back to the previous units', () => {
    expect(r).toMatchObject({ reversible: true, approval: 'always', targetResourceType: 'AWS::DynamoDB::Table' });
    expect(r.plan(ctx(r.id)).map((c) => [c.call, c.params])).toEqual([['dynamodb:UpdateTable', { TableName: 'sessions', ProvisionedThroughput: { ReadCapacityUnits: 80, WriteCapacityUnits: 18 } }]]);
    const back = r.rollback!(ctx(r.id, { ProvisionedThroughput: { ReadCapacityUnits: 80, WriteCapacityUnits: 18 } }), { ProvisionedThroughput: { ReadCapacityUnits: 400, WriteCapacityUnits: 200 } });
    expect(back[0]!.params).toEqual({ TableName: 'sessions', ProvisionedThroughput: { ReadCapacityUnits: 400, WriteCapacityUnits: 200 } });
  });
  it('lowers only the over-provisioned dimension', () => {
    // Writes peak at 150 of 200 (75 %): only reads change.
    const plan = r.plan(ctx(r.id, { PeakConsumedCapacity: { ReadCapacityUnits: 56, WriteCapacityUnits: 150 } }));
    expect(plan[0]!.params).toMatchObject({ ProvisionedThroughput: { ReadCapacityUnits: 80, WriteCapacityUnits: 200 } });
  });
  it.each([
    [{}, 'dev', true],
    [{}, 'prod', false],
    [{ TableStatus: 'UPDATING' }, 'dev', false],
    [{ BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } }, 'dev', false],
    [{ BillingModeSummary: undefined }, 'dev', true],
    [{ autoScaling: true }, 'dev', false],
    [{ PeakConsumedCapacity: undefined }, 'dev', false],
    [{ PeakConsumedCapacity: { ReadCapacityUnits: 56 } }, 'dev', false],
    // 120 of 400 is exactly 30 %: still over-provisioned (the rule's "≤ 30 %").
    [{ PeakConsumedCapacity: { ReadCapacityUnits: 120, WriteCapacityUnits: 150 } }, 'dev', true],
    [{ PeakConsumedCapacity: { ReadCapacityUnits: 121, WriteCapacityUnits: 150 } }, 'dev', false],
    [{ ...pt({ NumberOfDecreasesToday: undefined }) }, 'dev', false],
    [{ ...pt({ NumberOfDecreasesToday: 3 }) }, 'dev', true],
    [{ ...pt({ NumberOfDecreasesToday: 4, LastDecreaseDateTime: '2026-11-22T11:30:00.000Z' }) }, 'dev', false],
    [{ ...pt({ NumberOfDecreasesToday: 4, LastDecreaseDateTime: '2026-11-22T11:00:00.000Z' }) }, 'dev', true],
    [{ ...pt({ NumberOfDecreasesToday: 9, LastDecreaseDateTime: '2026-11-21T23:00:00.000Z' }) }, 'dev', true],
    [{ ...pt({ NumberOfDecreasesToday: 27, LastDecreaseDateTime: '2026-11-22T01:00:00.000Z' }) }, 'dev', false],
  ])('table with %j in %s: eligible=%s', (state, env, expected) => {
    expect(r.eligible(ctx(r.id, state, env)).eligible).toBe(expected);
  });

  it.each([
    [0, undefined, true],
    [3, '2026-11-22T11:59:00.000Z', true],
    [4, '2026-11-22T11:59:00.000Z', false],
    [4, '2026-11-22T11:00:00.000Z', true],
    [26, '2026-11-22T10:00:00.000Z', true],
    [27, '2026-11-22T10:00:00.000Z', false],
    [27, '2026-11-21T10:00:00.000Z', true],
    [4, 'not a date', false],
  ])('decreaseAllowed: %i decreases today, last at %s → %s', (count, last, ok) => {
    const state = { ProvisionedThroughput: { NumberOfDecreasesToday: count, ...(last ? { LastDecreaseDateTime: last } : {}) } };
    expect(decreaseAllowed(state, Date.parse(FIXTURE_NOW)).ok).toBe(ok);
  });
  it('fails closed without a reference time', () => {
    expect(decreaseAllowed({ ProvisionedThroughput: { NumberOfDecreasesToday: 0 } }, undefined).ok).toBe(false);
  });
});
