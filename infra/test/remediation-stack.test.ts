import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { NON_PROD_SCOPED_ACTIONS, REMEDIATION_ACTIONS, SCOPED_GRANTS } from '../../src/adapters/aws/cloud-actions.js';
import { ORCHESTRATOR_TASK_STATES, PLACEHOLDER_ASL_PATH, loadOrchestratorDefinition } from '../lib/orchestrator-definition.js';
import { SCHEDULED_TASKS } from '../lib/stacks/remediation-stack.js';
import { buildStacks, testConfig } from './helpers.js';

const ssmDocuments = [
  { name: 'AIOps-RestartECSService', content: { schemaVersion: '0.3', description: 'fixture', mainSteps: [{ name: 'CollectDiagnostics', action: 'aws:sleep', inputs: { Duration: 'PT1S' } }] } },
  { name: 'AIOps-RebootEC2Instance', content: { schemaVersion: '0.3', description: 'fixture', mainSteps: [{ name: 'CollectDiagnostics', action: 'aws:sleep', inputs: { Duration: 'PT1S' } }] } },
];

describe('Stack: RemediationStack', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(buildStacks(testConfig('dev'), { definition: loadOrchestratorDefinition(PLACEHOLDER_ASL_PATH), ssmDocuments }).stacks.remediation);
  });

  it('deploys the orchestrator from the ASL file with every ${<State>FunctionArn} substituted', () => {
    const def = loadOrchestratorDefinition(PLACEHOLDER_ASL_PATH);
    const [sm] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(sm?.Properties.StateMachineName).toBe('remediation-orchestrator-dev');
    expect(Object.keys(sm?.Properties.DefinitionSubstitutions ?? {}).sort()).toEqual([...def.placeholders].sort());
    for (const state of ORCHESTRATOR_TASK_STATES) expect(sm?.Properties.DefinitionSubstitutions[`${state}FunctionArn`]).toEqual({ 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${state}Function`)), 'Arn'] });
    expect(sm?.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(sm?.Properties.LoggingConfiguration.Level).toBe('ALL');
  });

  it('fails synth on a placeholder it cannot fill', () => {
    const def = loadOrchestratorDefinition(PLACEHOLDER_ASL_PATH);
    const broken = { ...def, placeholders: [...def.placeholders, 'MysteryFunctionArn'] };
    expect(() => buildStacks(testConfig('dev'), { definition: broken, ssmDocuments: [] })).toThrow(/MysteryFunctionArn/);
  });

  it('creates one Lambda per task state, all running the remediation handler under AIOpsRemediationLambdaRole', () => {
    for (const state of ORCHESTRATOR_TASK_STATES) {
      template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ STATE_NAME: state }) }, TracingConfig: { Mode: 'Active' }, Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AIOpsRemediationLambdaRole'), 'Arn'] } });
    }
  });

  it.each(['AIOpsRemediationLambdaRole', 'AIOpsSSMAutomationRole', 'AIOpsStepFunctionsRole', 'AIOpsEventBridgeRole'])('creates the seed role %s', (role) => {
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: `${role}-dev` });
  });

  it('grants the remediation role exactly the catalogue actions, the non-prod ones on non-prod snapshots and users only', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[]);
    const sid = (name: string) => policies.find((s) => s.Sid === name);
    const implied = new Set(['iam:DeleteAccessKey', 'rds:CreateDBSnapshot', 'ec2:CreateTags', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:SendMessage']);
    const granted = ['RemediationActions', 'NonProdSnapshotRetention', 'NonProdKeyRotation', ...SCOPED_GRANTS.map((g) => g.sid)].flatMap((n) => [sid(n)?.Action].flat()).filter((a): a is string => typeof a === 'string' && !implied.has(a));
    expect(granted.sort()).toEqual(Object.keys(REMEDIATION_ACTIONS).sort());
    for (const a of NON_PROD_SCOPED_ACTIONS) expect([sid('RemediationActions')?.Action].flat()).not.toContain(a);
    expect(sid('NonProdSnapshotRetention')).toMatchObject({ Action: ['ec2:DeleteSnapshot', 'ec2:RestoreSnapshotFromRecycleBin'], Condition: { StringNotEquals: { 'aws:ResourceTag/environment': 'prod' } } });
    expect(JSON.stringify(sid('NonProdSnapshotRetention')?.Resource)).toMatch(/:ec2:.*::snapshot\/\*/);
    expect(sid('NonProdKeyRotation')).toMatchObject({ Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey'], Condition: { StringNotEquals: { 'aws:ResourceTag/environment': 'prod' } } });
    expect(JSON.stringify(sid('NonProdKeyRotation')?.Resource)).toMatch(/:iam::.*:user\/\*/);
    expect(sid('RotatedKeySecrets')).toMatchObject({ Action: ['secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue'] });
    expect(JSON.stringify(sid('RotatedKeySecrets')?.Resource)).toContain(':secret:aiops/iam-keys/*');
  });

  it.each(SCOPED_GRANTS.map((g) => [g.sid, g] as const))('grants %s on its resource ARNs only, not on *, with the environment tag condition where non-prod only', (name, g) => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[]);
    const st = policies.find((s) => s.Sid === name);
    expect([st?.Action].flat().sort()).toEqual([...g.actions].sort());
    const resources = [st?.Resource].flat();
    expect(resources).toHaveLength(g.resources.length);
    expect(resources).not.toContain('*');
    for (const [i, r] of g.resources.entries()) expect(JSON.stringify(resources[i])).toContain(`:${r.service}:`);
    const expected = { ...(g.conditions ?? {}), ...(g.notProdTagged ? { StringNotEquals: { 'aws:ResourceTag/environment': 'prod' } } : {}) };
    if (Object.keys(expected).length > 0) expect(st?.Condition).toEqual(expected);
    else expect(st?.Condition).toBeUndefined();
    const star = [policies.find((s) => s.Sid === 'RemediationActions')?.Action].flat();
    for (const a of g.actions) expect(star).not.toContain(a);
  });

  it('reads the state the runbooks judge: the diagnostic describe calls are granted', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as { Sid?: string; Action: string | string[] }[]);
    const reads = [policies.find((s) => s.Sid === 'DiagnosticReads')?.Action].flat();
    for (const a of ['ec2:DescribeSnapshots', 'iam:ListUsers', 'iam:ListUserTags', 'iam:ListUserPolicies', 'lambda:GetFunctionConfiguration', 'ec2:DescribeInstanceStatus', 'rds:DescribeDBInstances']) expect(reads).toContain(a);
  });

  it('keeps deleted EBS snapshots in a Recycle Bin rule, and tells the functions so', () => {
    template.hasResourceProperties('AWS::Rbin::Rule', { ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: { RetentionPeriodValue: 7, RetentionPeriodUnit: 'DAYS' } });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ STATE_NAME: 'Execute', RECYCLE_BIN_COVERS_SNAPSHOTS: 'true' }) } });
  });

  it('lets Step Functions invoke only its state functions and AIOps runbooks', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as { Sid?: string; Action: string | string[]; Resource: unknown }[]);
    const invoke = policies.find((s) => s.Sid === 'InvokeStateFunctions');
    expect(invoke?.Action).toBe('lambda:InvokeFunction');
    expect([invoke?.Resource].flat()).toHaveLength(ORCHESTRATOR_TASK_STATES.length * 2);
  });

  it('deploys one AWS::SSM::Document per scripts/ssm file', () => {
    template.resourceCountIs('AWS::SSM::Document', ssmDocuments.length);
    template.hasResourceProperties('AWS::SSM::Document', { Name: 'AIOps-RestartECSService-dev', DocumentType: 'Automation', DocumentFormat: 'YAML' });
  });

  it('schedules every seed task in a non-prod env, with the EventBridge role', () => {
    for (const t of SCHEDULED_TASKS) template.hasResourceProperties('AWS::Scheduler::Schedule', { Name: `aiops-${t.name}-dev`, ScheduleExpression: t.expression, ScheduleExpressionTimezone: 'UTC', Target: Match.objectLike({ RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AIOpsEventBridgeRole'), 'Arn'] } }) });
  });

  it('skips the non-prod maintenance schedules in prod', () => {
    const prod = Template.fromStack(buildStacks(testConfig('prod'), { definition: loadOrchestratorDefinition(PLACEHOLDER_ASL_PATH), ssmDocuments: [] }).stacks.remediation);
    const names = Object.values(prod.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties.Name);
    expect(names.sort()).toEqual(['aiops-anomaly-detection-prod', 'aiops-security-hub-sync-prod']);
    // Nor the permissions and Recycle Bin rule those tasks need.
    const actions = Object.values(prod.findResources('AWS::IAM::Policy')).flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()));
    for (const a of ['ec2:DeleteSnapshot', 'iam:CreateAccessKey', 'secretsmanager:PutSecretValue']) expect(actions).not.toContain(a);
    prod.resourceCountIs('AWS::Rbin::Rule', 0);
  });

  it('starts the orchestrator on RemediationRequested events through the EventBridge role', () => {
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { 'detail-type': ['RemediationRequested'] }, Targets: [Match.objectLike({ RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AIOpsEventBridgeRole'), 'Arn'] } })] });
  });
});
