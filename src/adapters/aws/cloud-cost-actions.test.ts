import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteVolumeCommand, DescribeInstancesCommand, DescribeVolumesCommand, EC2Client, ModifyInstanceAttributeCommand, ModifyVolumeCommand, ReleaseAddressCommand, StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { DescribeDBInstancesCommand, RDSClient, StartDBInstanceCommand, StopDBInstanceCommand } from '@aws-sdk/client-rds';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CancelMessageMoveTaskCommand, ListMessageMoveTasksCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsCloud } from './cloud.js';

const ec2 = mockClient(EC2Client);
const lambda = mockClient(LambdaClient);
const rds = mockClient(RDSClient);
const ddb = mockClient(DynamoDBClient);
const sqs = mockClient(SQSClient);
const sh = mockClient(SecurityHubClient);
const cloud = () => new AwsCloud({ clients: { ec2: new EC2Client({}), lambda: new LambdaClient({}), rds: new RDSClient({}), dynamodb: new DynamoDBClient({}), sqs: new SQSClient({}), securityhub: new SecurityHubClient({}) } });
const awsError = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: {} });

const INSTANCE = 'arn:aws:ec2:us-east-1:111122223333:instance/i-0idle0001';
const VOLUME = 'arn:aws:ec2:us-east-1:111122223333:volume/vol-0gp2';
const EIP = 'arn:aws:ec2:us-east-1:111122223333:elastic-ip/eipalloc-0idle';
const FN = 'arn:aws:lambda:us-east-1:111122223333:function:thumbnails';
const DB = 'arn:aws:rds:us-east-1:111122223333:db:reports-db';
const TABLE = 'arn:aws:dynamodb:us-east-1:111122223333:table/sessions';
const instance = (state: string, type = 'm4.xlarge') => ({ Reservations: [{ Instances: [{ InstanceId: 'i-0idle0001', InstanceType: type as 'm4.xlarge', State: { Name: state as 'stopped' } }] }] });
const db = (status: string) => ({ DBInstances: [{ DBInstanceIdentifier: 'reports-db', DBInstanceStatus: status }] });

beforeEach(() => [ec2, lambda, rds, ddb, sqs, sh].forEach((m) => m.reset()));

describe('Function: CATALOGUE_ACTION_HANDLERS (through AwsCloud.execute)', () => {
  it('stops an instance and reports previous and current states; a stopped one stays a success', async () => {
    ec2.on(StopInstancesCommand).resolves({ StoppingInstances: [{ InstanceId: 'i-0idle0001', PreviousState: { Name: 'stopped' }, CurrentState: { Name: 'stopped' } }] });
    const res = await cloud().execute({ call: 'ec2:StopInstances', target: INSTANCE, params: { InstanceIds: ['i-0idle0001'] } });
    expect(res).toMatchObject({ ok: true, before: { states: ['stopped'] }, after: { states: ['stopped'] } });
    expect(ec2.commandCalls(StopInstancesCommand)[0]?.args[0].input).toEqual({ InstanceIds: ['i-0idle0001'] });
  });

  it('starts the instance named by the target when no InstanceIds are given', async () => {
    ec2.on(StartInstancesCommand).resolves({ StartingInstances: [{ PreviousState: { Name: 'stopped' }, CurrentState: { Name: 'pending' } }] });
    expect(await cloud().execute({ call: 'ec2:StartInstances', target: INSTANCE, params: {} })).toMatchObject({ ok: true, after: { states: ['pending'] } });
    expect(ec2.commandCalls(StartInstancesCommand)[0]?.args[0].input).toEqual({ InstanceIds: ['i-0idle0001'] });
  });

  it.each([
    ['a stopped instance of another type is changed', 'stopped', 'm4.xlarge', true, true],
    ['an instance already of the asked type is left alone (retried step)', 'running', 'm5.xlarge', true, false],
    ['a running instance is refused without calling ModifyInstanceAttribute', 'running', 'm4.xlarge', false, false],
  ])('changes the instance type only while stopped: %s', async (_n, state, type, ok, called) => {
    ec2.on(DescribeInstancesCommand).resolves(instance(state, type));
    ec2.on(ModifyInstanceAttributeCommand).resolves({});
    const res = await cloud().execute({ call: 'ec2:ModifyInstanceAttribute', target: INSTANCE, params: { InstanceId: 'i-0idle0001', InstanceType: { Value: 'm5.xlarge' } } });
    expect(res.ok).toBe(ok);
    if (!ok) expect(res.error).toMatch(/^IncorrectInstanceState: .*only change while stopped/);
    expect(ec2.commandCalls(ModifyInstanceAttributeCommand)).toHaveLength(called ? 1 : 0);
    if (called) expect(ec2.commandCalls(ModifyInstanceAttributeCommand)[0]?.args[0].input).toEqual({ InstanceId: 'i-0idle0001', InstanceType: { Value: 'm5.xlarge' } });
  });

  it('modifies a gp2 volume to gp3 with IOPS and throughput, and skips a volume already gp3', async () => {
    ec2.on(DescribeVolumesCommand).resolvesOnce({ Volumes: [{ VolumeType: 'gp2', Iops: 300 }] }).resolves({ Volumes: [{ VolumeType: 'gp3', Iops: 3000, Throughput: 250 }] });
    ec2.on(ModifyVolumeCommand).resolves({ VolumeModification: { ModificationState: 'modifying' } });
    const params = { VolumeId: 'vol-0gp2', VolumeType: 'gp3', Iops: 3000, Throughput: 250 };
    expect(await cloud().execute({ call: 'ec2:ModifyVolume', target: VOLUME, params })).toMatchObject({ ok: true, before: { volumeType: 'gp2', iops: 300 }, after: { volumeType: 'gp3', modificationState: 'modifying' } });
    expect(ec2.commandCalls(ModifyVolumeCommand)[0]?.args[0].input).toEqual(params);
    expect(await cloud().execute({ call: 'ec2:ModifyVolume', target: VOLUME, params })).toMatchObject({ ok: true, after: { unchanged: true } });
    expect(ec2.commandCalls(ModifyVolumeCommand)).toHaveLength(1);
  });

  it('maps a modification still in progress to a failed result naming the AWS error', async () => {
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeType: 'gp2' }] });
    ec2.on(ModifyVolumeCommand).rejects(awsError('IncorrectModificationState', 'modification in progress'));
    expect(await cloud().execute({ call: 'ec2:ModifyVolume', target: VOLUME, params: { VolumeType: 'gp3' } })).toMatchObject({ ok: false, error: 'IncorrectModificationState: modification in progress' });
  });

  it.each([
    ['ec2:DeleteVolume', VOLUME, { VolumeId: 'vol-0gp2' }, DeleteVolumeCommand, 'InvalidVolume.NotFound', { VolumeId: 'vol-0gp2' }],
    ['ec2:ReleaseAddress', EIP, { AllocationId: 'eipalloc-0idle' }, ReleaseAddressCommand, 'InvalidAllocationID.NotFound', { AllocationId: 'eipalloc-0idle' }],
  ] as const)('%s sends the id and treats "already gone" as done, other errors as failures', async (call, target, params, C, notFound, input) => {
    const Command = C as typeof DeleteVolumeCommand;
    ec2.on(Command).resolves({});
    expect(await cloud().execute({ call, target, params })).toMatchObject({ ok: true });
    expect(ec2.commandCalls(Command)[0]?.args[0].input).toEqual(input);
    ec2.on(Command).rejects(awsError(notFound));
    expect(await cloud().execute({ call, target, params })).toMatchObject({ ok: true });
    ec2.on(Command).rejects(awsError('UnauthorizedOperation', 'not allowed'));
    expect(await cloud().execute({ call, target, params })).toMatchObject({ ok: false, error: 'UnauthorizedOperation: not allowed' });
  });

  it('sets Lambda memory, records the previous size, and does nothing when the size already matches', async () => {
    lambda.on(GetFunctionConfigurationCommand).resolvesOnce({ MemorySize: 3008 }).resolves({ MemorySize: 320 });
    lambda.on(UpdateFunctionConfigurationCommand).resolves({ MemorySize: 320 });
    expect(await cloud().execute({ call: 'lambda:UpdateFunctionConfiguration', target: FN, params: { FunctionName: 'thumbnails', MemorySize: 320 } })).toMatchObject({ ok: true, before: { memorySize: 3008 }, after: { memorySize: 320 } });
    expect(lambda.commandCalls(UpdateFunctionConfigurationCommand)[0]?.args[0].input).toEqual({ FunctionName: 'thumbnails', MemorySize: 320 });
    expect(await cloud().execute({ call: 'lambda:UpdateFunctionConfiguration', target: FN, params: { FunctionName: 'thumbnails', MemorySize: 320 } })).toMatchObject({ ok: true, after: { unchanged: true } });
    expect(lambda.commandCalls(UpdateFunctionConfigurationCommand)).toHaveLength(1);
  });

  it('refuses a memory size outside Lambda limits without calling AWS, and maps an update in progress', async () => {
    expect(await cloud().execute({ call: 'lambda:UpdateFunctionConfiguration', target: FN, params: { MemorySize: 64 } })).toMatchObject({ ok: false, error: expect.stringMatching(/params\.MemorySize/) });
    expect(lambda.calls()).toHaveLength(0);
    lambda.on(GetFunctionConfigurationCommand).resolves({ MemorySize: 1024 });
    lambda.on(UpdateFunctionConfigurationCommand).rejects(awsError('ResourceConflictException', 'update in progress'));
    expect(await cloud().execute({ call: 'lambda:UpdateFunctionConfiguration', target: FN, params: { MemorySize: 512 } })).toMatchObject({ ok: false, error: 'ResourceConflictException: update in progress' });
  });

  it.each([
    ['rds:StopDBInstance', 'available', StopDBInstanceCommand, { DBInstanceIdentifier: 'reports-db', DBSnapshotIdentifier: 'aiops-stop-reports-db' }],
    ['rds:StopDBInstance', 'stopped', undefined, undefined],
    ['rds:StopDBInstance', 'stopping', undefined, undefined],
    ['rds:StartDBInstance', 'stopped', StartDBInstanceCommand, { DBInstanceIdentifier: 'reports-db' }],
    ['rds:StartDBInstance', 'available', undefined, undefined],
  ] as const)('%s on a DB that is %s: calls RDS only when there is something to do', async (call, status, Command, input) => {
    rds.on(DescribeDBInstancesCommand).resolves(db(status));
    rds.on(StopDBInstanceCommand).resolves({ DBInstance: { DBInstanceStatus: 'stopping' } });
    rds.on(StartDBInstanceCommand).resolves({ DBInstance: { DBInstanceStatus: 'starting' } });
    const res = await cloud().execute({ call, target: DB, params: { DBInstanceIdentifier: 'reports-db', ...(call === 'rds:StopDBInstance' ? { DBSnapshotIdentifier: 'aiops-stop-reports-db' } : {}) } });
    expect(res).toMatchObject({ ok: true, before: { status } });
    expect(rds.commandCalls(StopDBInstanceCommand).length + rds.commandCalls(StartDBInstanceCommand).length).toBe(Command ? 1 : 0);
    if (Command) expect(rds.commandCalls(Command)[0]?.args[0].input).toEqual(input);
  });

  it('maps an RDS refusal (e.g. a Multi-AZ SQL Server instance) to a failed result', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(db('available'));
    rds.on(StopDBInstanceCommand).rejects(awsError('InvalidDBInstanceState', 'cannot stop'));
    expect(await cloud().execute({ call: 'rds:StopDBInstance', target: DB, params: {} })).toMatchObject({ ok: false, error: 'InvalidDBInstanceState: cannot stop' });
  });

  it('sets provisioned throughput from the API-shaped or flat parameters, skipping an unchanged table', async () => {
    ddb.on(DescribeTableCommand).resolvesOnce({ Table: { ProvisionedThroughput: { ReadCapacityUnits: 400, WriteCapacityUnits: 200 } } }).resolves({ Table: { ProvisionedThroughput: { ReadCapacityUnits: 80, WriteCapacityUnits: 18 } } });
    ddb.on(UpdateTableCommand).resolves({});
    expect(await cloud().execute({ call: 'dynamodb:UpdateTable', target: TABLE, params: { TableName: 'sessions', ProvisionedThroughput: { ReadCapacityUnits: 80, WriteCapacityUnits: 18 } } })).toMatchObject({ ok: true, before: { readCapacityUnits: 400, writeCapacityUnits: 200 }, after: { readCapacityUnits: 80, writeCapacityUnits: 18 } });
    expect(ddb.commandCalls(UpdateTableCommand)[0]?.args[0].input).toEqual({ TableName: 'sessions', ProvisionedThroughput: { ReadCapacityUnits: 80, WriteCapacityUnits: 18 } });
    expect(await cloud().execute({ call: 'dynamodb:UpdateTable', target: TABLE, params: { readCapacityUnits: 80, writeCapacityUnits: 18 } })).toMatchObject({ ok: true, after: { unchanged: true } });
    expect(ddb.commandCalls(UpdateTableCommand)).toHaveLength(1);
  });

  it('cancels the running DLQ redrive, and reports nothing to cancel when none runs', async () => {
    sqs.on(ListMessageMoveTasksCommand).resolvesOnce({ Results: [{ TaskHandle: 'h1', Status: 'RUNNING' }] }).resolves({ Results: [{ TaskHandle: 'h0', Status: 'COMPLETED' }] });
    sqs.on(CancelMessageMoveTaskCommand).resolves({ ApproximateNumberOfMessagesMoved: 7 });
    const q = 'arn:aws:sqs:us-east-1:111122223333:orders-dlq';
    expect(await cloud().execute({ call: 'sqs:CancelMessageMoveTask', target: q, params: {} })).toMatchObject({ ok: true, after: { cancelled: true, approximateNumberOfMessagesMoved: 7 } });
    expect(sqs.commandCalls(CancelMessageMoveTaskCommand)[0]?.args[0].input).toEqual({ TaskHandle: 'h1' });
    expect(await cloud().execute({ call: 'sqs:CancelMessageMoveTask', target: q, params: {} })).toMatchObject({ ok: true, after: { cancelled: false } });
  });

  it('invokes a platform task function asynchronously with a JSON payload, failing on a function error', async () => {
    lambda.on(InvokeCommand).resolvesOnce({ StatusCode: 202 }).resolves({ StatusCode: 200, FunctionError: 'Unhandled' });
    const params = { FunctionName: 'cost-analyzer-dev', InvocationType: 'Event', Payload: { task: 'cost-anomaly-report' } };
    expect(await cloud().execute({ call: 'lambda:InvokeFunction', target: FN, params })).toMatchObject({ ok: true, after: { statusCode: 202 } });
    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ FunctionName: 'cost-analyzer-dev', InvocationType: 'Event' });
    expect(JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array))).toEqual({ task: 'cost-anomaly-report' });
    expect(await cloud().execute({ call: 'lambda:InvokeFunction', target: FN, params })).toMatchObject({ ok: false, error: 'FunctionError: function error: Unhandled' });
  });

  it('imports Security Hub findings and fails when any is rejected', async () => {
    sh.on(BatchImportFindingsCommand).resolvesOnce({ SuccessCount: 1, FailedCount: 0, FailedFindings: [] }).resolves({ SuccessCount: 0, FailedCount: 1, FailedFindings: [{ Id: 'f1', ErrorCode: 'InvalidInput', ErrorMessage: 'bad' }] });
    const params = { Findings: [{ Id: 'f1', SchemaVersion: '2018-10-08' }] };
    expect(await cloud().execute({ call: 'securityhub:BatchImportFindings', target: INSTANCE, params })).toMatchObject({ ok: true, after: { imported: 1 } });
    expect(await cloud().execute({ call: 'securityhub:BatchImportFindings', target: INSTANCE, params })).toMatchObject({ ok: false, error: 'BatchImportFindingsFailed: f1: InvalidInput bad' });
  });
});
