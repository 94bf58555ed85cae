import { z } from 'zod';
import { isoTimestamp, toIso } from '../alarmSignal.js';
import { defineNormalizer } from './types.js';

const ts = z.string().refine(isoTimestamp, 'must be a timestamp');

/** EventBridge "AWS API Call via CloudTrail" (CloudTrail record in `detail`). */
export const CloudTrailEventSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.literal('AWS API Call via CloudTrail'),
  source: z.string().startsWith('aws.'),
  account: z.string(),
  region: z.string(),
  time: ts,
  resources: z.array(z.string()).default([]),
  detail: z.object({
    eventID: z.string().min(1),
    eventTime: ts,
    eventSource: z.string().min(1),
    eventName: z.string().min(1),
    awsRegion: z.string(),
    userIdentity: z.object({ type: z.string().optional(), arn: z.string().optional(), principalId: z.string().optional(), accountId: z.string().optional() }).optional(),
    requestParameters: z.record(z.string(), z.unknown()).nullish(),
    readOnly: z.boolean().optional(),
    errorCode: z.string().optional(),
    resources: z.array(z.object({ ARN: z.string().optional(), type: z.string().optional() })).optional(),
  }),
});

type Detail = z.infer<typeof CloudTrailEventSchema>['detail'];

const str = (x: unknown): string | undefined => (typeof x === 'string' && x ? x : undefined);

/** Best-effort target of an API call, so a change correlates with alarms on the same resource. */
export function cloudTrailTarget(d: Detail, account: string, top: string[]): string {
  const fromResources = top[0] ?? d.resources?.find((r) => r.ARN)?.ARN;
  if (fromResources) return fromResources;
  const p = d.requestParameters ?? {};
  const region = d.awsRegion;
  const fn = str(p.functionName);
  if (fn) return fn.startsWith('arn:') ? fn.replace(/:\d+$|:\$LATEST$/, '') : `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const asg = str(p.autoScalingGroupName);
  if (asg) return `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:*:autoScalingGroupName/${asg}`;
  const table = str(p.tableName);
  if (table) return `arn:aws:dynamodb:${region}:${account}:table/${table}`;
  const db = str(p.dBInstanceIdentifier);
  if (db) return `arn:aws:rds:${region}:${account}:db:${db}`;
  const bucket = str(p.bucketName);
  if (bucket) return `arn:aws:s3:::${bucket}`;
  const queueUrl = str(p.queueUrl);
  if (queueUrl) return `arn:aws:sqs:${region}:${account}:${queueUrl.split('/').pop()}`;
  const svc = str(p.service);
  const cluster = str(p.cluster);
  if (svc) return svc.startsWith('arn:') ? svc : `arn:aws:ecs:${region}:${account}:service/${cluster ?? 'default'}/${svc}`;
  const items = (p.instancesSet as { items?: { instanceId?: string }[] } | undefined)?.items;
  const instance = str(p.instanceId) ?? items?.[0]?.instanceId;
  if (instance) return `arn:aws:ec2:${region}:${account}:instance/${instance}`;
  return `arn:aws:${d.eventSource.split('.')[0]}:${region}:${account}:api/${d.eventName}`;
}

export default defineNormalizer({
  id: 'cloudtrail',
  title: 'AWS API Call via CloudTrail (change event, never an alert)',
  source: 'cloudtrail',
  matches: (raw) => raw['detail-type'] === 'AWS API Call via CloudTrail',
  schema: CloudTrailEventSchema,
  toSignals: (e) => {
    const d = e.detail;
    return [
      {
        sourceId: d.eventID,
        source: 'cloudtrail',
        kind: 'change',
        resourceArn: cloudTrailTarget(d, e.account, e.resources),
        rule: `${d.eventSource}:${d.eventName}`,
        state: 'info',
        level: 'info',
        title: `${d.eventName} by ${d.userIdentity?.arn ?? 'unknown principal'}`,
        labels: { eventSource: d.eventSource, eventName: d.eventName, ...(d.userIdentity?.arn ? { principal: d.userIdentity.arn } : {}), ...(d.errorCode ? { errorCode: d.errorCode } : {}) },
        time: toIso(d.eventTime),
        account: e.account,
        region: d.awsRegion,
        raw: e,
      },
    ];
  },
});
