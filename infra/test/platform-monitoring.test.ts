import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARDS } from '../lib/stacks/monitoring-stack.js';
import { buildStacks, testConfig } from './helpers.js';

/** A dashboard body (Fn::Join of strings and tokens) as one string, tokens as their JSON. */
const bodyOf = (resource: { Properties: { DashboardBody: unknown } }): string => {
  const b = resource.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  return typeof b === 'string' ? b : b['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join('');
};

describe('Construct: PlatformMonitoring (cdk-monitoring-constructs in the MonitoringStack)', () => {
  let template: Template;
  let dashboards: Record<string, string>;
  let functionNames: string[];
  beforeAll(() => {
    const { stacks } = buildStacks(testConfig('dev'));
    template = Template.fromStack(stacks.monitoring);
    functionNames = [stacks.alerting.alertRouter, stacks.cost.costAnalyzer, stacks.api.apiFunction, ...Object.values(stacks.remediation.stateFunctions)].map((f) => f.functionName);
    dashboards = Object.fromEntries(Object.values(template.findResources('AWS::CloudWatch::Dashboard')).map((d) => [d.Properties.DashboardName as string, bodyOf(d as never)]));
  });

  it('adds no dashboard of its own: still exactly the five AIOps dashboards', () => {
    expect(Object.keys(dashboards).sort()).toEqual(DASHBOARDS.map((d) => `${d}-dev`).sort());
  });

  it('puts a segment per platform Lambda on AIOps-Lambda', () => {
    const lambda = dashboards['AIOps-Lambda-dev'] ?? '';
    for (const name of functionNames) expect(lambda, name).toContain(`### Lambda Function **[${name}]`);
    for (const title of ['"TPS"', '"Latency"', '"Errors (rate)"']) expect(lambda).toContain(title);
  });

  it('puts the ingestion queue and its DLQ, every table, the orchestrator and the API on AIOps-Infrastructure', () => {
    const infra = dashboards['AIOps-Infrastructure-dev'] ?? '';
    for (const heading of ['### SQS Queue **[aiops-ingestion-dev]', '### SQS Dead-Letter Queue **[aiops-ingestion-dev]', '### Dynamo Table **[aiops-incidents-dev]', '### Dynamo Table **[automation-audit-log-dev]', 'remediation-orchestrator-dev', 'aiops-api-dev']) expect(infra, heading).toContain(heading);
  });

  it('creates no alarm of its own (every alarm keeps the <env>-<service>-<metric>-<severity> name)', () => {
    for (const a of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) expect(a.Properties.AlarmName).toMatch(/^dev-[a-z0-9-]+-(warning|critical)$/);
  });
});
