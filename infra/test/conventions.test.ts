import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStacks, testConfig } from './helpers.js';

/** Seed 000 naming conventions and observability standards, checked on every resource of every stack. */
describe('Conventions across all stacks (prod)', () => {
  let templates: [string, Template][];
  beforeAll(() => {
    const { stacks } = buildStacks(testConfig('prod'));
    templates = Object.values(stacks).map((s) => [s.stackName, Template.fromStack(s)]);
  });

  it('gives every Lambda X-Ray active tracing, the Node 24 runtime, a kebab-case-<env> name and SCREAMING_SNAKE env vars', () => {
    let count = 0;
    for (const [stack, t] of templates) {
      for (const [id, fn] of Object.entries(t.findResources('AWS::Lambda::Function'))) {
        // CDK's own BucketDeployment handler (Python, managed by CDK) publishes the built console
        // when web/dist exists; the conventions apply to the product's functions.
        if (id.startsWith('CustomCDKBucketDeployment')) continue;
        count++;
        const p = fn.Properties;
        expect(p.TracingConfig, `${stack}/${id}`).toEqual({ Mode: 'Active' });
        expect(p.Runtime, `${stack}/${id}`).toBe('nodejs24.x');
        expect(p.FunctionName, `${stack}/${id}`).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*-prod$/);
        for (const key of Object.keys(p.Environment?.Variables ?? {})) expect(key, `${stack}/${id}`).toMatch(/^[A-Z][A-Z0-9_]*$/);
        expect(p.Environment?.Variables?.POWERTOOLS_SERVICE_NAME, `${stack}/${id}`).toBeTruthy();
      }
    }
    expect(count).toBe(14);
  });

  it('uses PascalCase logical ids', () => {
    for (const [stack, t] of templates) for (const id of Object.keys(t.toJSON().Resources ?? {})) expect(id, stack).toMatch(/^[A-Z][A-Za-z0-9]*$/);
  });

  it('suffixes every explicit physical name with the environment', () => {
    const nameProps = ['TableName', 'QueueName', 'TopicName', 'Name', 'RoleName', 'StateMachineName', 'RuleName', 'DashboardName', 'TrailName', 'ConfigRuleName'];
    let checked = 0;
    for (const [stack, t] of templates) {
      for (const [id, r] of Object.entries(t.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>)) {
        if (r.Type === 'AWS::SecretsManager::Secret' || r.Type === 'AWS::SecurityHub::Standard') continue;
        for (const prop of nameProps) {
          const v = r.Properties?.[prop];
          if (typeof v !== 'string') continue;
          checked++;
          expect(v, `${stack}/${id}.${prop}`).toMatch(/-prod$/);
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('names every alarm <environment>-<service>-<metric>-<severity>', () => {
    for (const [, t] of templates) for (const a of Object.values(t.findResources('AWS::CloudWatch::Alarm'))) expect(a.Properties.AlarmName).toMatch(/^prod-[a-z0-9-]+-(warning|critical)$/);
  });
});
