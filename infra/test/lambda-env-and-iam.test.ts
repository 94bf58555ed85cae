import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIAGNOSTIC_ACTIONS } from '../../src/adapters/aws/cloud-actions.js';
import { FUNCTION_ENV, LambdaEnvSchema, RUNTIME_ENV_KEYS, type LambdaFunctionName } from '../../src/lambdas/shared/env.js';
import { buildStacks, testConfig } from './helpers.js';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

interface FunctionInfo {
  stack: string;
  logicalId: string;
  name: string;
  variables: Record<string, unknown>;
  /** The role's logical id (GetAtt of Role). */
  role: string;
}

const ENV = 'dev';
const FUNCTION_NAMES = Object.keys(FUNCTION_ENV) as LambdaFunctionName[];
const KNOWN_KEYS = new Set<string>([...Object.keys(LambdaEnvSchema.shape), ...RUNTIME_ENV_KEYS]);

/** Which function of FUNCTION_ENV a deployed function is (`remediation-execute-dev` → `remediation`). */
function functionKey(physicalName: string): LambdaFunctionName | undefined {
  const base = physicalName.replace(new RegExp(`-${ENV}$`), '');
  if (base.startsWith('remediation-')) return 'remediation';
  return (FUNCTION_NAMES as string[]).includes(base) ? (base as LambdaFunctionName) : undefined;
}

let app: App;
let templates: Record<string, Template>;
let functions: FunctionInfo[];

/** Every identity-policy statement attached to a role, across the stacks. */
function statementsOf(role: string): Statement[] {
  const out: Statement[] = [];
  for (const t of Object.values(templates)) {
    for (const p of Object.values(t.findResources('AWS::IAM::Policy'))) {
      const roles = (p.Properties.Roles ?? []) as { Ref?: string }[];
      if (roles.some((r) => r.Ref === role)) out.push(...(p.Properties.PolicyDocument.Statement as Statement[]));
    }
  }
  return out;
}

const fn = (key: LambdaFunctionName): FunctionInfo => {
  const f = functions.find((x) => functionKey(x.name) === key);
  if (!f) throw new Error(`no ${key} function`);
  return f;
};

/** The statements granting exactly `action` to a function's role. */
const grants = (f: FunctionInfo, action: string) => statementsOf(f.role).filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes(action));

beforeAll(() => {
  ({ app } = buildStacks(testConfig(ENV)));
  const assembly = app.synth();
  templates = Object.fromEntries(assembly.stacks.map((s) => [s.stackName, Template.fromJSON(s.template as Record<string, unknown>)]));
  functions = Object.entries(templates).flatMap(([stack, t]) =>
    Object.entries(t.findResources('AWS::Lambda::Function'))
      .filter(([, r]) => typeof r.Properties.FunctionName === 'string')
      .map(([logicalId, r]) => ({ stack, logicalId, name: r.Properties.FunctionName as string, variables: r.Properties.Environment?.Variables ?? {}, role: (r.Properties.Role?.['Fn::GetAtt']?.[0] ?? '') as string })),
  );
});

describe('Contract: Lambda environment (src/lambdas/shared/env.ts FUNCTION_ENV) ↔ CDK', () => {
  it('deploys every function the wiring knows, and no named function it does not', () => {
    const keys = new Set(functions.map((f) => functionKey(f.name)));
    for (const name of FUNCTION_NAMES) expect(keys.has(name), name).toBe(true);
    expect(functions.filter((f) => !functionKey(f.name)).map((f) => f.name)).toEqual([]);
  });

  it.each(FUNCTION_NAMES)('sets every variable the %s wiring requires', (name) => {
    for (const f of functions.filter((x) => functionKey(x.name) === name)) {
      const missing = FUNCTION_ENV[name].filter((k) => f.variables[k] === undefined || f.variables[k] === '');
      expect(missing, f.name).toEqual([]);
    }
  });

  it('sets no variable the Lambda code does not know (a misspelt name would be silently ignored)', () => {
    for (const f of functions) expect(Object.keys(f.variables).filter((k) => !KNOWN_KEYS.has(k)), f.name).toEqual([]);
  });

  it('gives the API its principal → role map as JSON', () => {
    expect(JSON.parse(fn('api').variables.API_PRINCIPAL_ROLES as string)).toEqual({});
    const { app: withRoles } = buildStacks(testConfig(ENV, { api: { principalRoles: { 'arn:aws:iam::111122223333:role/ops': 'operator' } } }));
    const api = Template.fromJSON(withRoles.synth().getStackByName(`AIOps-Api-${ENV}`).template as Record<string, unknown>);
    const [apiFn] = Object.values(api.findResources('AWS::Lambda::Function', { Properties: { FunctionName: `api-${ENV}` } }));
    expect(JSON.parse(apiFn?.Properties.Environment.Variables.API_PRINCIPAL_ROLES)).toEqual({ 'arn:aws:iam::111122223333:role/ops': 'operator' });
  });
});

/** The orchestrator's ARN as the stacks build it from its name. */
const isOrchestratorArn = (v: unknown): boolean => JSON.stringify(v).includes(`:stateMachine:remediation-orchestrator-${ENV}`) || JSON.stringify(v).includes('RemediationOrchestrator');

describe('IAM: each function may do what its wiring calls, on its own resources', () => {
  it.each(['alert-router', 'maintenance', 'api'] as const)('%s gets STATE_MACHINE_ARN and states:StartExecution on that state machine only', (name) => {
    const f = fn(name);
    expect(isOrchestratorArn(f.variables.STATE_MACHINE_ARN), JSON.stringify(f.variables.STATE_MACHINE_ARN)).toBe(true);
    const s = grants(f, 'states:StartExecution');
    expect(s).toHaveLength(1);
    expect([s[0]?.Resource].flat()).toHaveLength(1);
    expect(isOrchestratorArn(s[0]?.Resource)).toBe(true);
  });

  it.each(['autoscaling:DescribeAutoScalingGroups', 'cloudwatch:GetMetricData'])('remediation state functions may call %s (diagnostics and validation)', (action) => {
    for (const f of functions.filter((x) => functionKey(x.name) === 'remediation')) expect(grants(f, action).length, f.name).toBeGreaterThan(0);
  });

  it.each(['alert-router', 'log-analyzer', 'maintenance', 'remediation'] as const)('%s may make every read-only describe call of the resource state readers', (name) => {
    const f = fn(name);
    for (const action of DIAGNOSTIC_ACTIONS) expect(grants(f, action).length, `${f.name}: ${action}`).toBeGreaterThan(0);
  });

  it('cost-analyzer may call pricing:GetProducts and put objects in its reports bucket only', () => {
    const f = fn('cost-analyzer');
    expect(grants(f, 'pricing:GetProducts').length).toBeGreaterThan(0);
    const put = grants(f, 's3:PutObject');
    expect(put).toHaveLength(1);
    const bucketRef = (f.variables.REPORTS_BUCKET_NAME as { Ref: string }).Ref;
    expect(JSON.stringify(put[0]?.Resource)).toContain(bucketRef);
    expect(JSON.stringify(put[0]?.Resource)).toContain('/*');
  });

  it('maintenance may import Security Hub findings into the account’s default product only', () => {
    const [s, ...more] = grants(fn('maintenance'), 'securityhub:BatchImportFindings');
    expect(more).toEqual([]);
    expect(s?.Action).toBe('securityhub:BatchImportFindings');
    expect(JSON.stringify(s?.Resource)).toMatch(/:product\/".*AWS::AccountId.*\/default/);
  });
});
