import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildStacks, testConfig } from './helpers.js';

interface Statement {
  Action?: string | string[];
  NotAction?: unknown;
}

/** Every identity-policy statement of a template: IAM policies, managed policies, inline role policies. */
function identityStatements(t: Template): { where: string; statement: Statement }[] {
  const out: { where: string; statement: Statement }[] = [];
  const add = (where: string, doc: { Statement?: Statement[] } | undefined) => (doc?.Statement ?? []).forEach((statement) => out.push({ where, statement }));
  for (const [id, r] of Object.entries(t.findResources('AWS::IAM::Policy'))) add(id, r.Properties.PolicyDocument);
  for (const [id, r] of Object.entries(t.findResources('AWS::IAM::ManagedPolicy'))) add(id, r.Properties.PolicyDocument);
  for (const [id, r] of Object.entries(t.findResources('AWS::IAM::Role'))) for (const p of r.Properties.Policies ?? []) add(`${id}/${p.PolicyName}`, p.PolicyDocument);
  return out;
}

export const isWildcardAction = (action: string): boolean => action === '*' || action.endsWith(':*');

describe('IAM: no "*" actions', () => {
  it.each([
    ['*', true],
    ['s3:*', true],
    ['s3:GetObject*', false],
    ['autoscaling:SetDesiredCapacity', false],
  ])('classifies %s as wildcard=%s', (action, expected) => {
    expect(isWildcardAction(action)).toBe(expected);
  });

  it.each(['dev', 'prod'] as const)('no identity policy statement in %s grants a "*" or "service:*" action, nor uses NotAction', (env) => {
    const { app } = buildStacks(testConfig(env));
    const assembly = app.synth();
    let checked = 0;
    for (const stack of assembly.stacks) {
      const t = Template.fromJSON(stack.template as Record<string, unknown>);
      for (const { where, statement } of identityStatements(t)) {
        checked++;
        expect(statement.NotAction, `${stack.stackName}/${where}`).toBeUndefined();
        for (const action of [statement.Action ?? []].flat()) expect(isWildcardAction(action), `${stack.stackName}/${where}: ${action}`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
