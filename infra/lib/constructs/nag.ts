import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings on a construct (and its children). Every acknowledgement states
 * why the finding does not apply; `findings` may name a rule (`AwsSolutions-IAM4`) or one finding
 * of it (`AwsSolutions-IAM5[Resource::*]`).
 */
export function acknowledge(scope: IConstruct, reason: string, ...findings: string[]): void {
  for (const id of findings) Validations.of(scope).acknowledge({ id, reason });
}

/** The findings every Lambda function of this app carries by construction, acknowledged once per function. */
export function acknowledgeLambdaBaseline(scope: IConstruct): void {
  acknowledge(
    scope,
    'AWSLambdaBasicExecutionRole only allows writing the function’s own CloudWatch Logs; it is the AWS-recommended baseline for Lambda logging.',
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
  );
  acknowledge(scope, 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions (active tracing is mandatory).', 'AwsSolutions-IAM5[Resource::*]');
}

/** The IAM5 finding id for one wildcard resource or action, as cdk-nag names it. */
export const iam5 = (kind: 'Resource' | 'Action', value: string): string => `AwsSolutions-IAM5[${kind}::${value}]`;

/** `<LogicalId.Arn>`: how cdk-nag prints a resource's ARN token in a finding. */
export function arnToken(resource: IConstruct): string {
  const child = (resource.node.defaultChild ?? resource) as IConstruct;
  return `<${Stack.of(child).getLogicalId(child as CfnElement)}.Arn>`;
}

/** Acknowledges the wildcards CDK's bucket grant helpers produce (object-level actions on `bucket/*`). */
export function acknowledgeBucketGrant(grantee: IConstruct, bucket: IConstruct, mode: 'read' | 'write' | 'readWrite'): void {
  const actions = { read: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'], write: ['s3:DeleteObject*', 's3:Abort*'], readWrite: ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'] }[mode];
  acknowledge(grantee, 'CDK bucket grant: object-level actions on this one bucket’s objects (bucket/*), whose keys are written at run time.', ...actions.map((a) => iam5('Action', a)), iam5('Resource', `${arnToken(bucket)}/*`));
}
