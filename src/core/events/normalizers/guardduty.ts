import { z } from 'zod';
import { isoTimestamp, toIso } from '../alarmSignal.js';
import type { SignalLevel } from '../signal.js';
import { defineNormalizer, ownershipTags } from './types.js';

const ts = z.string().refine(isoTimestamp, 'must be a timestamp');

/** EventBridge "GuardDuty Finding" (documented finding format, the fields we use). */
export const GuardDutyFindingEventSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.literal('GuardDuty Finding'),
  source: z.literal('aws.guardduty'),
  account: z.string(),
  region: z.string(),
  time: ts,
  detail: z.object({
    id: z.string().min(1),
    arn: z.string().min(1),
    type: z.string().min(1),
    severity: z.number().min(0).max(10),
    title: z.string().min(1),
    description: z.string().optional(),
    accountId: z.string(),
    region: z.string(),
    createdAt: ts,
    updatedAt: ts,
    resource: z.object({
      resourceType: z.string(),
      instanceDetails: z.object({ instanceId: z.string(), tags: z.array(z.object({ key: z.string(), value: z.string() })) }).partial().optional(),
      accessKeyDetails: z.object({ userName: z.string(), accessKeyId: z.string() }).partial().optional(),
      s3BucketDetails: z.array(z.object({ arn: z.string().optional(), name: z.string().optional() })).optional(),
      eksClusterDetails: z.object({ name: z.string() }).partial().optional(),
    }),
    service: z.object({ archived: z.boolean().optional(), count: z.number().optional() }).partial().optional(),
  }),
});

/** GuardDuty's documented bands: 9–10 critical, 7–8.9 high, 4–6.9 medium, below low. */
export function guardDutyLevel(severity: number): SignalLevel {
  if (severity >= 9) return 'critical';
  if (severity >= 7) return 'high';
  if (severity >= 4) return 'medium';
  return 'low';
}

type Finding = z.infer<typeof GuardDutyFindingEventSchema>['detail'];

function findingResource(f: Finding): { arn: string; type?: string } {
  const r = f.resource;
  if (r.instanceDetails?.instanceId) return { arn: `arn:aws:ec2:${f.region}:${f.accountId}:instance/${r.instanceDetails.instanceId}`, type: 'AWS::EC2::Instance' };
  const bucket = r.s3BucketDetails?.[0];
  if (bucket?.arn || bucket?.name) return { arn: bucket.arn ?? `arn:aws:s3:::${bucket.name}`, type: 'AWS::S3::Bucket' };
  if (r.accessKeyDetails?.userName) return { arn: `arn:aws:iam::${f.accountId}:user/${r.accessKeyDetails.userName}`, type: 'AWS::IAM::User' };
  if (r.eksClusterDetails?.name) return { arn: `arn:aws:eks:${f.region}:${f.accountId}:cluster/${r.eksClusterDetails.name}`, type: 'AWS::EKS::Cluster' };
  return { arn: f.arn };
}

export default defineNormalizer({
  id: 'guardduty',
  title: 'GuardDuty finding (EventBridge)',
  source: 'guardduty',
  matches: (raw) => raw['detail-type'] === 'GuardDuty Finding',
  schema: GuardDutyFindingEventSchema,
  toSignals: (e) => {
    const f = e.detail;
    const res = findingResource(f);
    return [
      {
        // A finding is re-emitted when it recurs (updatedAt moves): each emission is one occurrence.
        sourceId: `${f.id}|${f.updatedAt}`,
        source: 'guardduty',
        kind: 'security-finding',
        resourceArn: res.arn,
        ...(res.type ? { resourceType: res.type } : {}),
        rule: f.type,
        state: f.service?.archived ? 'resolved' : 'firing',
        level: guardDutyLevel(f.severity),
        value: f.severity,
        title: f.title,
        ...(f.description ? { description: f.description } : {}),
        labels: { ...ownershipTags(Object.fromEntries((f.resource.instanceDetails?.tags ?? []).map((t) => [t.key, t.value]))), findingType: f.type, findingId: f.id },
        time: toIso(f.updatedAt),
        account: f.accountId,
        region: f.region,
        raw: e,
      },
    ];
  },
});
