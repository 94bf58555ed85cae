import type { ResourceRecord } from '../../../ports/cloud.js';

/**
 * How a read API's response looks, built from a resource's `state` (AWS field names), so that the
 * documents' selectors (`$.AutoScalingGroups[0].DesiredCapacity`) work against the Cloud port's
 * describe(). `target` picks another resource than the run's target when the API reads one
 * (an alarm by name).
 */
export interface ReadShape {
  target?: (params: Record<string, unknown>, runTarget: string, region: string) => string | undefined;
  wrap: (state: Record<string, unknown>, resource: ResourceRecord) => unknown;
}

function stringValues(state: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(state)) if (v !== undefined && v !== null) out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return out;
}

/** arn:partition:service:region:account:… → the same partition/account for a sibling resource in `region`. */
function sibling(runTarget: string, region: string, service: string, suffix: string): string | undefined {
  const [arn, partition, , , account] = runTarget.split(':');
  return arn === 'arn' && partition ? `arn:${partition}:${service}:${region}:${account ?? ''}:${suffix}` : undefined;
}

export const READ_SHAPES: Readonly<Record<string, ReadShape>> = {
  'autoscaling:DescribeAutoScalingGroups': { wrap: (s) => ({ AutoScalingGroups: [s] }) },
  'ecs:DescribeServices': { wrap: (s) => ({ services: [s] }) },
  'sqs:GetQueueAttributes': { wrap: (s) => ({ Attributes: stringValues(s) }) },
  'lambda:GetAlias': { wrap: (s) => s },
  'lambda:GetFunction': { wrap: (s) => ({ Configuration: s }) },
  'lambda:GetFunctionConcurrency': { wrap: (s) => ({ ReservedConcurrentExecutions: s.ReservedConcurrentExecutions }) },
  'lambda:GetEventSourceMapping': { wrap: (s) => s },
  'rds:DescribeDBInstances': { wrap: (s) => ({ DBInstances: [s] }) },
  'cloudfront:GetDistribution': { wrap: (s) => ({ Distribution: s }) },
  'ec2:DescribeInstances': { wrap: (s) => ({ Reservations: [{ Instances: [s] }] }) },
  'ec2:DescribeInstanceStatus': {
    wrap: (s) => ({ InstanceStatuses: [{ InstanceId: s.InstanceId, InstanceState: s.State, InstanceStatus: s.InstanceStatus, SystemStatus: s.SystemStatus }] }),
  },
  'ec2:DescribeSecurityGroups': { wrap: (s) => ({ SecurityGroups: [s] }) },
  'ec2:DescribeVolumes': { wrap: (s) => ({ Volumes: [s] }) },
  'ec2:DescribeSnapshots': { wrap: (s) => ({ Snapshots: [s] }) },
  'dynamodb:DescribeTable': { wrap: (s) => ({ Table: s }) },
  's3:GetPublicAccessBlock': { wrap: (s) => ({ PublicAccessBlockConfiguration: s.PublicAccessBlockConfiguration }) },
  'cloudtrail:GetTrailStatus': { wrap: (s) => ({ IsLogging: s.IsLogging }) },
  'iam:GetUser': { wrap: (s) => ({ User: s }) },
  'iam:ListAccessKeys': { wrap: (s) => ({ AccessKeyMetadata: s.AccessKeys ?? [] }) },
  'sns:GetSubscriptionAttributes': { wrap: (s) => ({ Attributes: stringValues(s) }) },
  'route53:ListResourceRecordSets': { wrap: (s) => ({ ResourceRecordSets: [s] }) },
  'cloudwatch:DescribeAlarms': {
    target: (p, runTarget, region) => {
      const names = p.AlarmNames;
      const name = Array.isArray(names) ? names[0] : undefined;
      return typeof name === 'string' ? sibling(runTarget, region, 'cloudwatch', `alarm:${name}`) : undefined;
    },
    wrap: (s) => ({ MetricAlarms: [s] }),
  },
};
