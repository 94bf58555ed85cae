import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { REMEDIATION_ACTIONS } from '../../src/adapters/aws/cloud-actions.js';
import { CATALOGUE } from '../../src/core/remediation/catalogue/index.js';
import { RUNBOOK_PERMISSIONS } from '../../src/core/remediation/catalogue/permissions.js';
import { PLACEHOLDER_ASL_PATH, loadOrchestratorDefinition } from '../lib/orchestrator-definition.js';
import { buildStacks, testConfig } from './helpers.js';

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown };

/** SSM recording steps run under AIOpsSSMAutomationRole, not the Lambda role. */
const SSM_ONLY = new Set(['s3:PutObject', 'cloudwatch:PutMetricData']);

describe('Stack: RemediationStack (catalogue permissions)', () => {
  let statements: Statement[];
  let granted: Set<string>;

  beforeAll(() => {
    const template = Template.fromStack(buildStacks(testConfig('dev'), { definition: loadOrchestratorDefinition(PLACEHOLDER_ASL_PATH), ssmDocuments: [] }).stacks.remediation);
    const lambdaRole = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes('AIOpsRemediationLambdaRole'));
    statements = lambdaRole.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    granted = new Set(statements.flatMap((s) => [s.Action].flat()));
  }, 120_000);

  it.each(CATALOGUE.filter((r) => r.pattern !== 'ssm').map((r) => [r.id] as const))('grants AIOpsRemediationLambdaRole every IAM action %s declares', (id) => {
    for (const a of RUNBOOK_PERMISSIONS[id] ?? []) if (!SSM_ONLY.has(a)) expect(granted, `${id} needs ${a}`).toContain(a);
  });

  it('executes (and so grants) no remediation call beyond the catalogue\'s declarations, except the named ones', () => {
    const declared = new Set(Object.values(RUNBOOK_PERMISSIONS).flat());
    // Handled for SSM documents or manual rollbacks; each must be removed from the table once unused.
    expect(Object.keys(REMEDIATION_ACTIONS).filter((a) => !declared.has(a)).sort()).toEqual(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RebootInstances', 'rds:RebootDBInstance']);
  });
});
