import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { loadSloSpecDir, SloBurnRateAlarms, sloDashboardWidgets } from '../lib/constructs/slo-burn-rate-alarms.js';

let cached: ReturnType<typeof build> | undefined;
/** One synthesis shared by the assertions (synthesis is the slow part). */
const synth = () => (cached ??= build());

function build() {
  const app = new App();
  const stack = new Stack(app, 'SloTestStack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const topics = { critical: new sns.Topic(stack, 'Critical'), warning: new sns.Topic(stack, 'Warning') };
  const construct = new SloBurnRateAlarms(stack, 'SloBurnRateAlarms', { env: 'prod', topics });
  return { stack, construct, template: Template.fromStack(stack) };
}

const byName = (template: Template, type: string, name: string) => {
  const found = Object.values(template.findResources(type)).filter((r) => {
    const p = (r as { Properties: Record<string, unknown> }).Properties;
    return p.AlarmName === name;
  });
  expect(found, name).toHaveLength(1);
  return (found[0] as { Properties: Record<string, unknown> }).Properties;
};

describe('Class: SloBurnRateAlarms', () => {
  it('creates two window alarms and one composite alarm per burn-rate rule of every spec in slos/', () => {
    const { template, construct } = synth();
    const rules = loadSloSpecDir().reduce((n, s) => n + s.alertRules.length, 0);
    expect(rules).toBe(20);
    expect(construct.rules).toHaveLength(rules);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2 * rules);
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', rules);
  });

  it('alarms on the 1h burn-rate expression of Lambda Invocations − Errors at 14.4× for the orders page', () => {
    const { template } = synth();
    const long = byName(template, 'AWS::CloudWatch::Alarm', 'prod-orders-orders-success-burn-1h-5m-critical-long');
    expect(long).toMatchObject({ Threshold: 14.4, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, DatapointsToAlarm: 1, TreatMissingData: 'notBreaching' });
    const metrics = long.Metrics as Array<{ Id: string; Expression?: string; Period?: number; MetricStat?: { Metric: { MetricName: string; Dimensions: unknown }; Stat: string; Period: number } }>;
    const expr = metrics.find((m) => m.Expression);
    expect(expr?.Expression).toBe('(IF((FILL(t0,0)) > 0, ((FILL(t0,0))-(FILL(t0,0)-FILL(g1,0))) / (FILL(t0,0)), 0)) / 0.005');
    expect(metrics.filter((m) => m.MetricStat).map((m) => [m.Id, m.MetricStat?.Metric.MetricName, m.MetricStat?.Stat, m.MetricStat?.Period])).toEqual([
      ['t0', 'Invocations', 'Sum', 3600],
      ['g1', 'Errors', 'Sum', 3600],
    ]);
    const short = byName(template, 'AWS::CloudWatch::Alarm', 'prod-orders-orders-success-burn-1h-5m-critical-short');
    expect((short.Metrics as Array<{ MetricStat?: { Period: number } }>).find((m) => m.MetricStat)?.MetricStat?.Period).toBe(300);
  });

  it('reads windows longer than a day as whole days, every one at the factor', () => {
    const { template } = synth();
    const long = byName(template, 'AWS::CloudWatch::Alarm', 'prod-checkout-checkout-availability-burn-3d-6h-warning-long');
    expect(long).toMatchObject({ Threshold: 1, EvaluationPeriods: 3, DatapointsToAlarm: 3 });
    expect((long.Metrics as Array<{ MetricStat?: { Period: number } }>).find((m) => m.MetricStat)?.MetricStat?.Period).toBe(86_400);
  });

  it('turns a timeslice SLI into an M-of-N alarm over one-minute slices', () => {
    const { template } = synth();
    // 99 % of minutes with p99 ≤ 300 ms, 1h/5m at 14.4×: 14.4 × 1 % × 60 = 8.64 → 9 bad minutes of 60.
    const long = byName(template, 'AWS::CloudWatch::Alarm', 'prod-checkout-checkout-latency-p99-burn-1h-5m-critical-long');
    expect(long).toMatchObject({ Threshold: 1, EvaluationPeriods: 60, DatapointsToAlarm: 9 });
    expect((long.Metrics as Array<{ Expression?: string }>).find((m) => m.Expression)?.Expression).toBe('IF((m0) <= 0.3, 0, 1)');
  });

  it('uses the percentile rank for the latency-share SLI', () => {
    const { template } = synth();
    const long = byName(template, 'AWS::CloudWatch::Alarm', 'prod-orders-orders-latency-burn-14m-1m-critical-long');
    const metrics = long.Metrics as Array<{ MetricStat?: { Stat: string } }>;
    expect(metrics.find((m) => m.MetricStat)?.MetricStat?.Stat).toBe('PR(:1000)');
  });

  it('fires the composite only when both windows alarm, and notifies the topic of its severity', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'prod-orders-orders-success-burn-6h-30m-critical',
      AlarmRule: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Critical') }],
      OKActions: [{ Ref: Match.stringLikeRegexp('^Critical') }],
    });
    template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'prod-web-web-availability-burn-1d-2h-warning',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Warning') }],
    });
    const composite = byName(template, 'AWS::CloudWatch::CompositeAlarm', 'prod-orders-orders-success-burn-6h-30m-critical');
    const rule = JSON.stringify(composite.AlarmRule);
    expect(rule).toContain('(ALARM(');
    expect(rule).toContain(') AND ALARM(');
  });
});

describe('Function: sloDashboardWidgets', () => {
  it('renders a heading, a burn-rate graph with factor annotations and a budget value per SLO', () => {
    const stack = new Stack(new App(), 'DashboardStack');
    const slos = loadSloSpecDir();
    const widgets = sloDashboardWidgets(slos);
    expect(widgets).toHaveLength(1 + 2 * slos.length);
    new cloudwatch.Dashboard(stack, 'Overview', { dashboardName: 'AIOps-Overview-prod', widgets: [widgets] });
    const body = JSON.stringify(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'));
    expect(body).toContain('checkout · Checkout availability — burn rate');
    expect(body).toContain('1h-5m page');
    expect(body).toContain('error budget left (30d)');
    expect(body).toContain('error budget left (month)');
  });
});

describe('Compliance: cdk-nag AwsSolutions', () => {
  it('synthesises the SLO alarms without unsuppressed findings', () => {
    const app = new App();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'SloNagStack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const topic = sns.Topic.fromTopicArn(stack, 'Alerts', 'arn:aws:sns:eu-west-1:111111111111:aiops-alerts-prod');
    new SloBurnRateAlarms(stack, 'SloBurnRateAlarms', { env: 'prod', topics: { critical: topic, warning: topic } });
    expect(() => app.synth()).not.toThrow();
  });
});
