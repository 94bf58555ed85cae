import { describe, expect, it } from 'vitest';
import { ManualClock } from '../local/clocks.js';
import { Sandbox } from './sandbox.js';

const sandboxAt = () => new Sandbox({ clock: new ManualClock('2026-11-23T10:00:00.000Z') });

describe('Class: SandboxCloud (cost right-sizing calls)', () => {
  it('snapshots then deletes an unattached volume, and refuses to delete an attached one', async () => {
    const s = sandboxAt();
    const orphan = s.resolve('orphaned-data');
    const snap = await s.cloud.execute({ call: 'ec2:CreateSnapshot', target: orphan.arn, params: { VolumeId: orphan.id, Description: 'final' } });
    expect(snap.ok).toBe(true);
    expect(await s.cloud.execute({ call: 'ec2:DeleteVolume', target: orphan.arn, params: { VolumeId: orphan.id } })).toMatchObject({ ok: true, before: { State: 'available' }, after: { State: 'deleted' } });
    expect(s.resolve('orphaned-data').state).toMatchObject({ State: 'deleted', Snapshots: [expect.objectContaining({ Description: 'final', VolumeId: orphan.id })] });
    // Idempotent: deleting again changes nothing.
    expect(await s.cloud.execute({ call: 'ec2:DeleteVolume', target: orphan.arn, params: { VolumeId: orphan.id } })).toMatchObject({ ok: true, after: {} });
    const root = s.resolve('web-1-root');
    expect(await s.cloud.execute({ call: 'ec2:DeleteVolume', target: root.arn, params: { VolumeId: root.id } })).toMatchObject({ ok: false, error: expect.stringMatching(/VolumeInUse/) });
    expect(s.resolve('web-1-root').state.State).toBe('in-use');
  });

  it('changes an instance type only while stopped, and back', async () => {
    const s = sandboxAt();
    const i = s.resolve('legacy-batch');
    const modify = (type: unknown) => s.cloud.execute({ call: 'ec2:ModifyInstanceAttribute', target: i.arn, params: { InstanceId: i.id, InstanceType: { Value: type } } });
    expect(await modify('m5.xlarge')).toMatchObject({ ok: false, error: expect.stringMatching(/IncorrectInstanceState/) });
    await s.cloud.execute({ call: 'ec2:StopInstances', target: i.arn, params: { InstanceIds: [i.id] } });
    expect(await modify('not a type')).toMatchObject({ ok: false });
    expect(await modify('m5.xlarge')).toMatchObject({ ok: true, before: { InstanceType: 'm4.xlarge' }, after: { InstanceType: 'm5.xlarge' } });
    await s.cloud.execute({ call: 'ec2:StartInstances', target: i.arn, params: { InstanceIds: [i.id] } });
    expect(s.resolve('legacy-batch').state).toMatchObject({ InstanceType: 'm5.xlarge', State: { Name: 'running' } });
  });

  it.each([
    [320, true],
    [128, true],
    [10_240, true],
    [127, false],
    [10_241, false],
    [256.5, false],
    ['512', true],
  ])('sets a function memory of %j MB: ok=%s', async (mb, ok) => {
    const s = sandboxAt();
    const fn = s.resolve('thumbnail-generator');
    const res = await s.cloud.execute({ call: 'lambda:UpdateFunctionConfiguration', target: fn.arn, params: { FunctionName: fn.name, MemorySize: mb } });
    expect(res.ok).toBe(ok);
    expect(s.resolve('thumbnail-generator').state.MemorySize).toBe(ok ? Number(mb) : 3008);
  });

  it('refuses a memory change on something that is not a function', async () => {
    const s = sandboxAt();
    const alias = s.resolve('orders-processor:live');
    expect(await s.cloud.execute({ call: 'lambda:UpdateFunctionConfiguration', target: alias.arn, params: { MemorySize: 256 } })).toMatchObject({ ok: false });
  });

  it('stops an available DB instance with its snapshot, refuses to stop it twice, and starts it again', async () => {
    const s = sandboxAt();
    const db = s.resolve('orders-db');
    const stop = () => s.cloud.execute({ call: 'rds:StopDBInstance', target: db.arn, params: { DBInstanceIdentifier: db.id, DBSnapshotIdentifier: 'aiops-stop-orders-db' } });
    expect(await stop()).toMatchObject({ ok: true, before: { DBInstanceStatus: 'available' }, after: { DBInstanceStatus: 'stopped' } });
    expect(s.resolve('orders-db').state.DBSnapshots).toEqual([expect.objectContaining({ DBSnapshotIdentifier: 'aiops-stop-orders-db', Status: 'available' })]);
    expect(await stop()).toMatchObject({ ok: false, error: expect.stringMatching(/InvalidDBInstanceState/) });
    const start = () => s.cloud.execute({ call: 'rds:StartDBInstance', target: db.arn, params: { DBInstanceIdentifier: db.id } });
    expect(await start()).toMatchObject({ ok: true, after: { DBInstanceStatus: 'available' } });
    expect(await start()).toMatchObject({ ok: false, error: expect.stringMatching(/InvalidDBInstanceState/) });
  });

  it('counts decreases of a table’s capacity per UTC day and refuses the fifth within the hour; increases are not limited', async () => {
    const s = sandboxAt();
    const table = s.resolve('orders');
    const update = (rcu: number, wcu = 200) => s.cloud.execute({ call: 'dynamodb:UpdateTable', target: table.arn, params: { TableName: 'orders', ProvisionedThroughput: { ReadCapacityUnits: rcu, WriteCapacityUnits: wcu } } });
    for (const [i, rcu] of [390, 380, 370, 360].entries()) {
      expect(await update(rcu)).toMatchObject({ ok: true, after: { ProvisionedThroughput: { ReadCapacityUnits: rcu, NumberOfDecreasesToday: i + 1 } } });
    }
    expect(await update(350)).toMatchObject({ ok: false, error: expect.stringMatching(/LimitExceededException/) });
    expect(await update(800)).toMatchObject({ ok: true, after: { ProvisionedThroughput: { ReadCapacityUnits: 800, NumberOfDecreasesToday: 4 } } });
    expect(await update(0)).toMatchObject({ ok: false });
    expect(s.resolve('orders').state.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 800, WriteCapacityUnits: 200 });
  });
});
