import { arnRegion } from './topology.js';

/**
 * Evidence links: where an operator can see the evidence for themselves. AWS console URLs for
 * logs, CloudTrail and metrics (no call is made; they are only strings), and the product's own
 * console path for the incident.
 */
const region = (arn: string | undefined): string => (arn && arnRegion(arn)) || 'us-east-1';

export function logGroupLink(logGroup: string, resourceArn?: string): string {
  const enc = encodeURIComponent(encodeURIComponent(logGroup)).replace(/%/g, '$');
  return `https://console.aws.amazon.com/cloudwatch/home?region=${region(resourceArn)}#logsV2:log-groups/log-group/${enc}`;
}

export function cloudTrailLink(eventName: string, resourceArn: string): string {
  return `https://console.aws.amazon.com/cloudtrail/home?region=${region(resourceArn)}#/events?EventName=${encodeURIComponent(eventName)}`;
}

export function metricLink(metric: string, resourceArn: string): string {
  return `https://console.aws.amazon.com/cloudwatch/home?region=${region(resourceArn)}#metricsV2?search=${encodeURIComponent(metric)}`;
}

export function incidentLink(incidentId: string, anchor?: string): string {
  return `/incidents/${encodeURIComponent(incidentId)}/rca${anchor ? `#${anchor}` : ''}`;
}
