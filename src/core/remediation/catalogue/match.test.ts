import { describe, expect, it } from 'vitest';
import type { Alert } from '../../alerts/alert.js';
import { CATALOGUE } from './index.js';
import { matchesTrigger, matchRunbooks } from './match.js';

const T = '2026-11-23T12:00:00.000Z';
function alert(p: Partial<Alert>): Alert {
  return {
    id: 'a1', fingerprint: 'a1', status: 'firing', severity: 'SEV-2', source: 'cloudwatch-alarm', kind: 'metric-alarm', title: 't',
    resourceArn: 'arn:aws:x', labels: {}, count: 1, firstSeen: T, lastSeen: T, startsAt: T, lastSignalId: 's', updatedAt: T, ...p,
  };
}
const ids = (a: Alert) => matchRunbooks(a, CATALOGUE).map((r) => r.id);

describe('Function: matchRunbooks', () => {
  it.each<[string, Partial<Alert>, string[]]>([
    ['EC2 CPU above 90', { metric: 'AWS/EC2 CPUUtilization', value: 95 }, ['AIOps-ScaleOutEC2ASG']],
    ['EC2 CPU with dimensions in the metric key', { metric: 'AWS/EC2 CPUUtilization AutoScalingGroupName=web', value: 95 }, ['AIOps-ScaleOutEC2ASG']],
    ['EC2 CPU at the warning level', { metric: 'AWS/EC2 CPUUtilization', value: 75 }, []],
    ['ECS tasks at zero', { metric: 'ECS/ContainerInsights RunningTaskCount', value: 0 }, ['AIOps-RestartECSService']],
    ['Lambda throttles', { metric: 'AWS/Lambda Throttles', value: 150 }, ['AIOps-IncreaseLambdaConcurrency']],
    ['a DLQ backlog', { metric: 'AWS/SQS ApproximateNumberOfMessagesVisible', value: 150 }, ['AIOps-PurgeSQSDLQ']],
    ['a deep queue (both SQS entries; eligibility picks)', { metric: 'AWS/SQS ApproximateNumberOfMessagesVisible', value: 20_000 }, ['AIOps-PurgeSQSDLQ', 'AIOps-ScaleQueueConsumer']],
    ['an open SSH Config rule (dedicated entry before the generic one)', { source: 'config', kind: 'compliance', rule: 'restricted-ssh' }, ['AIOps-RevokeOpenSSH', 'AIOps-CreateConfigFinding']],
    ['any other Config rule', { source: 'config', kind: 'compliance', rule: 'encrypted-volumes' }, ['AIOps-CreateConfigFinding']],
    ['a GuardDuty HIGH IAM finding', { source: 'guardduty', kind: 'security-finding', rule: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller', value: 8 }, ['AIOps-QuarantineIAMPrincipal']],
    ['a GuardDuty MEDIUM IAM finding', { source: 'guardduty', kind: 'security-finding', rule: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller', value: 5 }, []],
    ['CloudTrail StopLogging', { source: 'cloudtrail', kind: 'change', rule: 'StopLogging' }, ['AIOps-EnableCloudTrail']],
    ['an RDS failover event', { source: 'health', kind: 'health', rule: 'RDS-EVENT-0049' }, ['AIOps-RDSFailover']],
    ['an ALB 5xx spike on the load balancer', { metric: 'AWS/ApplicationELB HTTPCode_Target_5XX_Count', value: 80, resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer' }, ['AIOps-InvalidateCFCache']],
    ['a schedule tick (never matched by alerts)', { rule: 'schedule:anomaly-detection' }, []],
  ])('matches %s', (_name, p, expected) => {
    expect(ids(alert(p))).toEqual(expected);
  });
});

describe('Function: matchesTrigger', () => {
  it('matches nothing with an empty matcher (fail closed)', () => {
    expect(matchesTrigger({}, alert({}))).toBe(false);
  });
  it('requires a value when a threshold is set', () => {
    expect(matchesTrigger({ metric: 'AWS/EC2 CPUUtilization', above: 90 }, alert({ metric: 'AWS/EC2 CPUUtilization' }))).toBe(false);
  });
  it('requires every label', () => {
    const t = { kind: ['metric-alarm' as const], labels: { env: 'prod' } };
    expect(matchesTrigger(t, alert({ labels: { env: 'prod', team: 'a' } }))).toBe(true);
    expect(matchesTrigger(t, alert({ labels: { env: 'dev' } }))).toBe(false);
  });
});
