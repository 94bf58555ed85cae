import { ValidationError } from '../../core/shared/errors.js';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the account: `autoScalingGroup:…:autoScalingGroupName/web`, `instance/i-1`. */
  resource: string;
}

export function parseArn(arn: string, field = 'target'): ParsedArn {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') throw new ValidationError(field, `not an ARN: ${arn}`);
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** The last path segment after `marker/` (`instance/i-123` → `i-123`). */
export function arnResourceId(arn: string, marker: string, field = 'target'): string {
  const { resource } = parseArn(arn, field);
  const i = resource.indexOf(`${marker}/`);
  if (i < 0) throw new ValidationError(field, `expected a ${marker} ARN, got ${arn}`);
  const id = resource.slice(i + marker.length + 1);
  if (!id) throw new ValidationError(field, `no ${marker} id in ${arn}`);
  return id;
}
