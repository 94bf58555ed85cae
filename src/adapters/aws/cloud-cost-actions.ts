import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteVolumeCommand, DescribeInstancesCommand, DescribeVolumesCommand, ModifyInstanceAttributeCommand, ModifyVolumeCommand, ReleaseAddressCommand, StartInstancesCommand, StopInstancesCommand, type VolumeType } from '@aws-sdk/client-ec2';
import { GetFunctionConfigurationCommand, InvokeCommand, UpdateEventSourceMappingCommand, UpdateFunctionConfigurationCommand, type InvocationType } from '@aws-sdk/client-lambda';
import { DescribeDBInstancesCommand, StartDBInstanceCommand, StopDBInstanceCommand } from '@aws-sdk/client-rds';
import { BatchImportFindingsCommand, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { CancelMessageMoveTaskCommand, ListMessageMoveTasksCommand } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { parseOrThrow } from '../../core/shared/zod.js';
import { arnResourceId, parseArn } from './arn.js';
import type { CloudClients } from './cloud.js';
import { isNotFound } from './resource-state.js';

type Result = { before?: Record<string, unknown>; after?: Record<string, unknown> };
type Handler = (c: CloudClients, target: string, params: Record<string, unknown>) => Promise<Result>;

const p = <S extends z.ZodType>(schema: S, params: unknown): z.infer<S> => parseOrThrow(schema, params, 'params') as z.infer<S>;
const instanceIds = (target: string, params: Record<string, unknown>) => p(z.object({ InstanceIds: z.array(z.string().startsWith('i-')).min(1).optional() }), params).InstanceIds ?? [arnResourceId(target, 'instance')];
const dbId = (target: string, params: Record<string, unknown>) => p(z.object({ DBInstanceIdentifier: z.string().min(1).optional() }), params).DBInstanceIdentifier ?? parseArn(target).resource.replace(/^db:/, '');
const fnName = (target: string, params: Record<string, unknown>) => p(z.object({ FunctionName: z.string().min(1).optional() }), params).FunctionName ?? target;

async function dbStatus(c: CloudClients, id: string): Promise<string | undefined> {
  const d = await c.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
  return d.DBInstances?.[0]?.DBInstanceStatus;
}

async function instanceState(c: CloudClients, id: string): Promise<{ state?: string; type?: string }> {
  const d = await c.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  const i = d.Reservations?.[0]?.Instances?.[0];
  return { state: i?.State?.Name, type: i?.InstanceType };
}

/**
 * The calls of the cost right-sizing runbooks and the remaining catalogue calls (ActionCall.call →
 * SDK command). Parameters are the catalogue's, spelled as the APIs spell them. Each one is
 * idempotent where the API allows: a retried step (the orchestrator retries Lambda tasks) finds
 * the change already made and reports success instead of failing.
 */
export const CATALOGUE_ACTION_HANDLERS = {
  // Stopping a stopped instance and starting a running one already succeed in EC2.
  'ec2:StopInstances': async (c, target, params) => {
    const res = await c.ec2.send(new StopInstancesCommand({ InstanceIds: instanceIds(target, params) }));
    const s = res.StoppingInstances ?? [];
    return { before: { states: s.map((i) => i.PreviousState?.Name) }, after: { states: s.map((i) => i.CurrentState?.Name) } };
  },
  'ec2:StartInstances': async (c, target, params) => {
    const res = await c.ec2.send(new StartInstancesCommand({ InstanceIds: instanceIds(target, params) }));
    const s = res.StartingInstances ?? [];
    return { before: { states: s.map((i) => i.PreviousState?.Name) }, after: { states: s.map((i) => i.CurrentState?.Name) } };
  },
  // EC2 only changes the type of a stopped instance; the runbook stops it first.
  'ec2:ModifyInstanceAttribute': async (c, target, params) => {
    const q = p(z.object({ InstanceId: z.string().startsWith('i-').optional(), InstanceType: z.object({ Value: z.string().min(1) }) }), params);
    const id = q.InstanceId ?? arnResourceId(target, 'instance');
    const now = await instanceState(c, id);
    if (now.type === q.InstanceType.Value) return { before: { instanceType: now.type }, after: { instanceType: now.type, unchanged: true } };
    if (now.state !== 'stopped') throw Object.assign(new Error(`instance ${id} is ${now.state ?? 'unknown'}; its type can only change while stopped`), { name: 'IncorrectInstanceState' });
    await c.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: q.InstanceType.Value } }));
    return { before: { instanceType: now.type }, after: { instanceType: q.InstanceType.Value } };
  },
  'ec2:ModifyVolume': async (c, target, params) => {
    const q = p(z.object({ VolumeId: z.string().startsWith('vol-').optional(), VolumeType: z.string().min(2), Iops: z.number().int().positive().optional(), Throughput: z.number().int().positive().optional() }), params);
    const id = q.VolumeId ?? arnResourceId(target, 'volume');
    const v = (await c.ec2.send(new DescribeVolumesCommand({ VolumeIds: [id] }))).Volumes?.[0];
    const before = { volumeType: v?.VolumeType, iops: v?.Iops, throughput: v?.Throughput };
    // EC2 refuses a modification that changes nothing: the volume already is what was asked.
    if (v?.VolumeType === q.VolumeType && (q.Iops === undefined || v.Iops === q.Iops) && (q.Throughput === undefined || v.Throughput === q.Throughput)) return { before, after: { ...before, unchanged: true } };
    const res = await c.ec2.send(new ModifyVolumeCommand({ VolumeId: id, VolumeType: q.VolumeType as VolumeType, ...(q.Iops !== undefined ? { Iops: q.Iops } : {}), ...(q.Throughput !== undefined ? { Throughput: q.Throughput } : {}) }));
    return { before, after: { volumeType: q.VolumeType, iops: q.Iops, throughput: q.Throughput, modificationState: res.VolumeModification?.ModificationState } };
  },
  'ec2:DeleteVolume': async (c, target, params) => {
    const id = p(z.object({ VolumeId: z.string().startsWith('vol-').optional() }), params).VolumeId ?? arnResourceId(target, 'volume');
    try {
      await c.ec2.send(new DeleteVolumeCommand({ VolumeId: id }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return { before: { volumeId: id }, after: { deleted: true } };
  },
  'ec2:ReleaseAddress': async (c, target, params) => {
    const id = p(z.object({ AllocationId: z.string().startsWith('eipalloc-').optional() }), params).AllocationId ?? arnResourceId(target, 'elastic-ip');
    try {
      await c.ec2.send(new ReleaseAddressCommand({ AllocationId: id }));
    } catch (err) {
      // InvalidAllocationID.NotFound: already released by a previous attempt.
      if (!isNotFound(err)) throw err;
    }
    return { before: { allocationId: id }, after: { released: true } };
  },
  'lambda:UpdateFunctionConfiguration': async (c, target, params) => {
    const fn = fnName(target, params);
    const { MemorySize } = p(z.object({ MemorySize: z.number().int().min(128).max(10240) }), params);
    const cur = await c.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }));
    if (cur.MemorySize === MemorySize) return { before: { memorySize: cur.MemorySize }, after: { memorySize: MemorySize, unchanged: true } };
    await c.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: fn, MemorySize }));
    return { before: { memorySize: cur.MemorySize }, after: { memorySize: MemorySize } };
  },
  'lambda:UpdateEventSourceMapping': async (c, target, params) => {
    const q = p(z.object({ UUID: z.string().min(1).optional(), ScalingConfig: z.object({ MaximumConcurrency: z.number().int().min(2).max(1000) }) }), params);
    const uuid = q.UUID ?? (parseArn(target).resource.split(':').pop() as string);
    const res = await c.lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, ScalingConfig: q.ScalingConfig }));
    return { after: { maximumConcurrency: res.ScalingConfig?.MaximumConcurrency ?? q.ScalingConfig.MaximumConcurrency } };
  },
  'lambda:InvokeFunction': async (c, target, params) => {
    const q = p(z.object({ FunctionName: z.string().min(1).optional(), InvocationType: z.enum(['Event', 'RequestResponse', 'DryRun']).default('Event'), Payload: z.unknown().optional() }), params);
    const res = await c.lambda.send(new InvokeCommand({ FunctionName: q.FunctionName ?? target, InvocationType: q.InvocationType as InvocationType, ...(q.Payload !== undefined ? { Payload: new TextEncoder().encode(JSON.stringify(q.Payload)) } : {}) }));
    if (res.FunctionError) throw Object.assign(new Error(`function error: ${res.FunctionError}`), { name: 'FunctionError' });
    return { after: { statusCode: res.StatusCode } };
  },
  // Stopping a stopped (or stopping) DB is what was asked; RDS itself would refuse it (InvalidDBInstanceState).
  'rds:StopDBInstance': async (c, target, params) => {
    const id = dbId(target, params);
    const { DBSnapshotIdentifier } = p(z.object({ DBSnapshotIdentifier: z.string().min(1).optional() }), params);
    const status = await dbStatus(c, id);
    if (status === 'stopped' || status === 'stopping') return { before: { status }, after: { status, unchanged: true } };
    const res = await c.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: id, ...(DBSnapshotIdentifier ? { DBSnapshotIdentifier } : {}) }));
    return { before: { status }, after: { status: res.DBInstance?.DBInstanceStatus ?? 'stopping', ...(DBSnapshotIdentifier ? { snapshot: DBSnapshotIdentifier } : {}) } };
  },
  'rds:StartDBInstance': async (c, target, params) => {
    const id = dbId(target, params);
    const status = await dbStatus(c, id);
    if (status === 'available' || status === 'starting') return { before: { status }, after: { status, unchanged: true } };
    const res = await c.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: id }));
    return { before: { status }, after: { status: res.DBInstance?.DBInstanceStatus ?? 'starting' } };
  },
  'rds:DescribeDBInstances': async (c, target, params) => {
    const id = dbId(target, params);
    const i = (await c.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances?.[0];
    return { after: { status: i?.DBInstanceStatus, multiAZ: i?.MultiAZ, availabilityZone: i?.AvailabilityZone, secondaryAvailabilityZone: i?.SecondaryAvailabilityZone } };
  },
  // Both the alert runbook (raise) and the cost runbook (lower) send ProvisionedThroughput.
  'dynamodb:UpdateTable': async (c, target, params) => {
    const table = arnResourceId(target, 'table');
    const units = z.number().int().positive();
    const q = p(z.union([z.object({ ProvisionedThroughput: z.object({ ReadCapacityUnits: units, WriteCapacityUnits: units }) }), z.object({ readCapacityUnits: units, writeCapacityUnits: units }).transform((v) => ({ ProvisionedThroughput: { ReadCapacityUnits: v.readCapacityUnits, WriteCapacityUnits: v.writeCapacityUnits } }))]), params);
    const want = q.ProvisionedThroughput;
    const cur = (await c.dynamodb.send(new DescribeTableCommand({ TableName: table }))).Table?.ProvisionedThroughput;
    const before = { readCapacityUnits: cur?.ReadCapacityUnits, writeCapacityUnits: cur?.WriteCapacityUnits };
    const after = { readCapacityUnits: want.ReadCapacityUnits, writeCapacityUnits: want.WriteCapacityUnits };
    // DynamoDB rejects an update that changes nothing (ValidationException); a retry finds it done.
    if (cur?.ReadCapacityUnits === want.ReadCapacityUnits && cur.WriteCapacityUnits === want.WriteCapacityUnits) return { before, after: { ...after, unchanged: true } };
    await c.dynamodb.send(new UpdateTableCommand({ TableName: table, ProvisionedThroughput: want }));
    return { before, after };
  },
  'sqs:CancelMessageMoveTask': async (c, target, params) => {
    const given = p(z.object({ TaskHandle: z.string().min(1).optional() }), params).TaskHandle;
    const running = given ? undefined : (await c.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: target, MaxResults: 1 }))).Results?.find((t) => t.Status === 'RUNNING');
    const handle = given ?? running?.TaskHandle;
    // No running move task: nothing left to cancel.
    if (!handle) return { after: { cancelled: false, reason: 'no running message move task' } };
    const res = await c.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: handle }));
    return { after: { cancelled: true, approximateNumberOfMessagesMoved: res.ApproximateNumberOfMessagesMoved } };
  },
  'securityhub:BatchImportFindings': async (c, _target, params) => {
    const { Findings } = p(z.object({ Findings: z.array(z.record(z.string(), z.unknown())).min(1).max(100) }), params);
    const res = await c.securityhub.send(new BatchImportFindingsCommand({ Findings: Findings as unknown as AwsSecurityFinding[] }));
    if ((res.FailedCount ?? 0) > 0) throw Object.assign(new Error(res.FailedFindings?.map((f) => `${f.Id}: ${f.ErrorCode} ${f.ErrorMessage}`).join('; ') ?? 'findings rejected'), { name: 'BatchImportFindingsFailed' });
    return { after: { imported: res.SuccessCount } };
  },
} satisfies Record<string, Handler>;
