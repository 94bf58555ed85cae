import type { APIGatewayProxyEvent } from 'aws-lambda';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StepFunctionsApprovals } from '../adapters/aws/approvals.js';
import { AwsCloud } from '../adapters/aws/cloud.js';
import { DynamoStore } from '../adapters/aws/dynamodb-store.js';
import { createStoreTables } from '../adapters/aws/dynamodb-tables.js';
import { EventBridgeBus } from '../adapters/aws/event-bus.js';
import { CloudWatchMetrics } from '../adapters/aws/metrics.js';
import { SnsNotifier } from '../adapters/aws/notifier.js';
import { StatefulCloud } from '../adapters/aws/stateful-cloud.js';
import { StepFunctionsOrchestrator } from '../adapters/aws/step-functions-orchestrator.js';
import { startDynalite } from '../adapters/aws/testing/dynalite.js';
import { alarmEvent } from '../app/alerting/testing/fixtures.js';
import type { Alert } from '../core/alerts/alert.js';
import type { Execution } from '../core/remediation/execution.js';
import type { Approval } from '../ports/approvals.js';
import { createAlertRouterHandler } from './alert-router/handler.js';
import { createApprovalCallbackHandler } from './approval-callback/handler.js';
import { createRemediationHandler } from './remediation/handler.js';
import { createRuntime, type Runtime } from './shared/runtime.js';
import type { AwsDeps, OrchestratorState } from './shared/use-cases.js';
import { AWS_USE_CASES } from './shared/wiring.js';
import { wireUseCases } from './shared/use-cases.js';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const ACCOUNT = '111122223333';
const ASG = `arn:aws:autoscaling:us-east-1:${ACCOUNT}:autoScalingGroup:uuid-1:autoScalingGroupName/web`;
const STATE_MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:aiops-remediation-test`;
const START = Date.parse('2026-11-23T10:00:00.000Z');

const sfn = mockClient(SFNClient);
const eb = mockClient(EventBridgeClient);
const sns = mockClient(SNSClient);
const cw = mockClient(CloudWatchClient);
const asg = mockClient(AutoScalingClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);

let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let doc: DynamoDBDocumentClient;
let tables = 0;
let now = START;
let desired = 4;

beforeAll(async () => {
  dynalite = await startDynalite();
  doc = DynamoDBDocumentClient.from(dynalite.client, { marshallOptions: { removeUndefinedValues: true } });
  wireUseCases(AWS_USE_CASES);
});
afterAll(async () => {
  await dynalite.stop();
});

/** The AWS adapters the Lambdas build, on mocked SDK clients and DynamoDB on dynalite. */
async function awsDeps(): Promise<AwsDeps> {
  const env = `w${++tables}`;
  await createStoreTables(dynalite.client, env);
  const clock = { now: () => now, sleep: async () => {} };
  const notifier = new SnsNotifier({ topics: { default: `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`, approvals: `arn:aws:sns:us-east-1:${ACCOUNT}:approvals` }, client: new SNSClient({}) });
  const autoscaling = new AutoScalingClient({});
  let id = 0;
  return {
    env: 'staging',
    clock,
    store: new DynamoStore({ env, client: doc }),
    bus: new EventBridgeBus({ eventBusName: 'aiops-alerts-test', clock, newId: () => `ev-${++id}`, client: new EventBridgeClient({}) }),
    metrics: new CloudWatchMetrics({ client: new CloudWatchClient({}) }),
    logs: { filterLogEvents: async () => [], logGroupsFor: async () => [] },
    cloud: new StatefulCloud(new AwsCloud({ clients: { autoscaling, tagging: new ResourceGroupsTaggingAPIClient({}) } })),
    notifiers: [notifier],
    approvals: new StepFunctionsApprovals({ notifier, client: new SFNClient({}) }),
    orchestrator: new StepFunctionsOrchestrator({ stateMachineArn: STATE_MACHINE, client: new SFNClient({}) }),
    defaultEnvironment: 'staging',
    newId: () => `id-${++id}`,
  };
}

const runtimeFor = (deps: AwsDeps, service: string): Runtime => createRuntime(service, { deps: () => deps, env: () => ({ AIOPS_ENV: 'test', AWS_REGION: 'us-east-1' }), idempotent: (_n, fn) => fn });
const cpuSeries = (values: number[], from: number) => ({ MetricDataResults: [{ Id: 'v', Timestamps: values.map((_, i) => new Date(from + (i + 1) * 60_000)), Values: values }] });

/** The CPU alarm on the web ASG, as SQS delivers it to the alert-router. */
const sqsAlarm = (messageId: string, at = START) => ({
  Records: [{ messageId, body: JSON.stringify(alarmEvent({ name: 'web-cpu-high', at: new Date(at).toISOString(), namespace: 'AWS/EC2', metric: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'web' }, value: 96, threshold: 90, account: ACCOUNT, eventId: `evt-${messageId}` })), attributes: { SentTimestamp: String(at) } }],
});

beforeEach(() => {
  for (const m of [sfn, eb, sns, cw, asg, tagging]) m.reset();
  now = START;
  desired = 4;
  eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  sfn.on(StartExecutionCommand).resolves({ executionArn: `${STATE_MACHINE}:x`, startDate: new Date(START) });
  sfn.on(SendTaskSuccessCommand).resolves({});
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: ASG, Tags: [{ Key: 'environment', Value: 'staging' }, { Key: 'service', Value: 'web' }] }] });
  asg.on(DescribeAutoScalingGroupsCommand).callsFake(() => ({ AutoScalingGroups: [{ AutoScalingGroupARN: ASG, AutoScalingGroupName: 'web', DesiredCapacity: desired, MinSize: 1, MaxSize: 10, Instances: [] }] }));
  asg.on(SetDesiredCapacityCommand).callsFake((input: { DesiredCapacity: number }) => {
    desired = input.DesiredCapacity;
    return {};
  });
  cw.on(GetMetricDataCommand).resolves(cpuSeries([95, 96], START - 5 * 60_000));
});

describe('Wiring: alert-router → ingestSignals on AWS', () => {
  it('stores the alert and its incident in DynamoDB and starts the matching runbook on Step Functions', async () => {
    const deps = await awsDeps();
    const handler = createAlertRouterHandler(runtimeFor(deps, 'alert-router'));
    expect(await handler(sqsAlarm('m-1'))).toEqual({ batchItemFailures: [] });

    const alerts = await deps.store.collection<Alert>('alerts').find({});
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'firing' });
    expect(alerts[0]?.incidentId).toBeTruthy();
    const execs = await deps.store.collection<Execution>('executions').find({});
    expect(execs.map((e) => e.runbookId)).toEqual(['AIOps-ScaleOutEC2ASG']);
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([{ stateMachineArn: STATE_MACHINE, name: execs[0]!.id, input: JSON.stringify({ executionId: execs[0]!.id }) }]);
  });

  it('deduplicates a redelivered signal: one alert, one execution, one StartExecution', async () => {
    const deps = await awsDeps();
    const handler = createAlertRouterHandler(runtimeFor(deps, 'alert-router'));
    await handler(sqsAlarm('m-1'));
    await handler(sqsAlarm('m-1'));
    expect(await deps.store.collection<Alert>('alerts').find({})).toHaveLength(1);
    expect(await deps.store.collection<Execution>('executions').find({})).toHaveLength(1);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
  });

  it('quarantines a malformed message instead of failing the batch', async () => {
    const deps = await awsDeps();
    const handler = createAlertRouterHandler(runtimeFor(deps, 'alert-router'));
    expect(await handler({ Records: [{ messageId: 'bad', body: 'not json{', attributes: { SentTimestamp: String(START) } }] })).toEqual({ batchItemFailures: [] });
    expect(await deps.store.collection<Alert>('alerts').find({})).toHaveLength(0);
    expect((await deps.store.collection('quarantine').find({})).length).toBe(1);
  });
});

describe('Wiring: RemediationOrchestrator task states on AWS', () => {
  /** Runs one task state the way Step Functions invokes its Lambda. */
  const state = (deps: AwsDeps, name: OrchestratorState, event: unknown) => createRemediationHandler(runtimeFor(deps, `remediation-${name}`), () => name)(event) as Promise<Record<string, unknown>>;

  it('runs CollectDiagnostics → EligibilityCheck → Execute → ValidateRemediation → Record against the ASG and writes the audit', async () => {
    const deps = await awsDeps();
    await createAlertRouterHandler(runtimeFor(deps, 'alert-router'))(sqsAlarm('m-1'));
    const [exec] = await deps.store.collection<Execution>('executions').find({});
    const executionId = exec!.id;

    let p = await state(deps, 'CollectDiagnostics', { executionId });
    expect(p).toMatchObject({ executionId, reversible: true });
    p = await state(deps, 'EligibilityCheck', p);
    expect(p.eligibility).toMatchObject({ eligible: true, needsApproval: false });
    now += 60_000;
    p = await state(deps, 'Execute', p);
    expect(asg.commandCalls(SetDesiredCapacityCommand)[0]?.args[0].input).toEqual({ AutoScalingGroupName: 'web', DesiredCapacity: 5, HonorCooldown: false });

    // The CPU has not come down yet: the error keeps its name so the ASL's Retry on it matches.
    now += 60_000;
    await expect(state(deps, 'ValidateRemediation', p)).rejects.toMatchObject({ name: 'RemediationNotYetEffective' });
    now += 3 * 60_000;
    cw.on(GetMetricDataCommand).resolves(cpuSeries([55, 50, 48], now - 3 * 60_000 - 30_000));
    p = await state(deps, 'ValidateRemediation', p);

    p = await state(deps, 'Record', { ...p, result: { outcome: 'SUCCESS', reason: 'target metric improved' } });
    const done = await deps.store.collection<Execution>('executions').get(executionId);
    expect(done).toMatchObject({ status: 'SUCCEEDED', outcome: 'SUCCESS' });
    const audit = await deps.store.audit.scan();
    expect(audit.map((a) => a.outcome)).toEqual(['SUCCESS', 'SUCCESS']);
    expect(audit[0]).toMatchObject({ executionId, runbook: 'AIOps-ScaleOutEC2ASG', targetResource: ASG, operator: 'automated' });
    expect(audit[0]?.action).toMatch(/^autoscaling:SetDesiredCapacity/);
    expect(audit[0]?.rollbackPlan).toMatch(/DesiredCapacity back/);

    // A retried Execute (Lambda retry after a timeout) does not scale twice.
    await state(deps, 'Execute', p);
    expect(asg.commandCalls(SetDesiredCapacityCommand)).toHaveLength(1);
  });

  it('rolls the ASG back to the captured capacity', async () => {
    const deps = await awsDeps();
    await createAlertRouterHandler(runtimeFor(deps, 'alert-router'))(sqsAlarm('m-1'));
    const [exec] = await deps.store.collection<Execution>('executions').find({});
    let p = await state(deps, 'CollectDiagnostics', { executionId: exec!.id });
    p = await state(deps, 'EligibilityCheck', p);
    p = await state(deps, 'Execute', p);
    expect(await state(deps, 'Rollback', { ...p, error: { Error: 'RemediationValidationFailed' } })).toEqual({ calls: 1 });
    expect(asg.commandCalls(SetDesiredCapacityCommand).map((c) => c.args[0].input.DesiredCapacity)).toEqual([5, 4]);
  });
});

describe('Wiring: approval callback on AWS', () => {
  it('stores the approval request with the task token, then resumes the execution with SendTaskSuccess on approval', async () => {
    const deps = await awsDeps();
    await createAlertRouterHandler(runtimeFor(deps, 'alert-router'))(sqsAlarm('m-1'));
    const [exec] = await deps.store.collection<Execution>('executions').find({});
    const requested = await createRemediationHandler(runtimeFor(deps, 'remediation-request-approval'), () => 'RequestApproval')({ execution: { executionId: exec!.id }, taskToken: 'token-1' });
    expect(requested).toEqual({ approvalId: `apr-${exec!.id}`, status: 'pending' });
    expect(sns.commandCalls(PublishCommand).some((c) => c.args[0].input.TopicArn?.endsWith(':approvals'))).toBe(true);

    const event = {
      httpMethod: 'POST',
      path: `/api/approvals/apr-${exec!.id}/decision`,
      pathParameters: { approvalId: `apr-${exec!.id}` },
      requestContext: { identity: { userArn: `arn:aws:iam::${ACCOUNT}:user/alice` } },
      body: JSON.stringify({ decision: 'approve', comment: 'go' }),
    } as unknown as APIGatewayProxyEvent;
    const res = await createApprovalCallbackHandler(runtimeFor(deps, 'approval-callback'))(event);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'approved', decidedBy: `arn:aws:iam::${ACCOUNT}:user/alice` });
    const sent = sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.taskToken).toBe('token-1');
    expect(JSON.parse(sent[0]?.output ?? '{}')).toMatchObject({ approved: true, principal: `arn:aws:iam::${ACCOUNT}:user/alice`, comment: 'go' });
    expect((await deps.store.collection<Approval>('approvals').get(`apr-${exec!.id}`))?.status).toBe('approved');

    // A second decision on the same approval is refused (409) and does not resume anything.
    const again = await createApprovalCallbackHandler(runtimeFor(deps, 'approval-callback'))(event);
    expect(again.statusCode).toBe(409);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });
});
