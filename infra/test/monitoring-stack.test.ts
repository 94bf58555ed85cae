import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARDS, SEED_THRESHOLDS } from '../lib/stacks/monitoring-stack.js';
import { buildStacks, testConfig } from './helpers.js';

describe('Stack: MonitoringStack', () => {
  let template: Template;
  let alarmNames: string[];
  beforeAll(() => {
    template = Template.fromStack(buildStacks(testConfig('prod', { monitored: { autoScalingGroups: ['web-asg'], loadBalancers: ['app/web-alb/0123'] } })).stacks.monitoring);
    alarmNames = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties.AlarmName as string);
  });

  it('names every alarm <environment>-<service>-<metric>-<severity>', () => {
    expect(alarmNames.length).toBeGreaterThan(50);
    for (const n of alarmNames) expect(n).toMatch(/^prod-[a-z0-9-]+-(warning|critical)$/);
    expect(new Set(alarmNames).size).toBe(alarmNames.length);
  });

  it.each([
    ['prod-alert-router-error-rate-warning', SEED_THRESHOLDS.lambdaErrorRatePct.warning],
    ['prod-alert-router-error-rate-critical', SEED_THRESHOLDS.lambdaErrorRatePct.critical],
    ['prod-alert-router-p99-duration-warning', 60_000 * 0.8],
    ['prod-alert-router-p99-duration-critical', 60_000 * 0.95],
    ['prod-aiops-ingestion-oldest-message-age-warning', 300],
    ['prod-aiops-ingestion-oldest-message-age-critical', 900],
    ['prod-aiops-incidents-throttled-requests-warning', 1],
    ['prod-aiops-incidents-throttled-requests-critical', 10],
    ['prod-web-asg-cpu-utilization-warning', 70],
    ['prod-web-asg-cpu-utilization-critical', 90],
    ['prod-web-alb-target-5xx-count-warning', 10],
    ['prod-web-alb-target-5xx-count-critical', 50],
  ])('sets %s at the seed threshold %d', (name, threshold) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: name, Threshold: threshold, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [Match.anyValue()] });
  });

  it('watches every Lambda of the platform (everything is an alarm)', () => {
    for (const fn of ['alert-router', 'anomaly-detector', 'log-analyzer', 'remediation-execute', 'approval-callback', 'maintenance', 'cost-analyzer', 'api']) {
      expect(alarmNames).toContain(`prod-${fn}-error-rate-critical`);
    }
  });

  it('adds anomaly detectors with band alarms', () => {
    template.resourceCountIs('AWS::CloudWatch::AnomalyDetector', 3);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'prod-alert-router-invocations-anomaly-warning', ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold', ThresholdMetricId: 'band' });
  });

  it('builds the five standard dashboards', () => {
    const names = Object.values(template.findResources('AWS::CloudWatch::Dashboard')).map((d) => d.Properties.DashboardName);
    expect(names.sort()).toEqual(DASHBOARDS.map((d) => `${d}-prod`).sort());
  });
});
