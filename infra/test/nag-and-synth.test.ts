import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { addNagChecks } from '../lib/app.js';
import { stackId } from '../lib/app.js';
import { buildStacks, testConfig } from './helpers.js';

describe('cdk-nag AwsSolutions and synth', () => {
  // cdk-nag 3 runs as a validation plugin: any unacknowledged error makes synth throw.
  it.each(['dev', 'staging', 'prod'] as const)('synthesizes %s with zero unacknowledged AwsSolutions errors', (env) => {
    const { app } = buildStacks(testConfig(env), {}, true);
    const assembly = app.synth();
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['Alerting', 'Api', 'Cost', 'Data', 'Monitoring', 'Remediation', 'Security'].map((n) => stackId(n, env)).sort());
  });

  it('fails synth when a new finding is not acknowledged (the check is live)', () => {
    const { app, stacks } = buildStacks(testConfig('dev'));
    new iam.Role(stacks.data, 'UnreviewedRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
    addNagChecks(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4/);
  });

  it('gives every acknowledgement a reason', () => {
    const { app } = buildStacks(testConfig('prod'));
    const reasons: string[] = [];
    for (const c of app.node.findAll()) for (const m of c.node.metadata) if (m.type === 'aws:cdk:acknowledged-rules') reasons.push(...Object.values(m.data as Record<string, string>));
    expect(reasons.length).toBeGreaterThan(10);
    for (const r of reasons) expect(r.length).toBeGreaterThan(30);
    void Validations;
  });
});
