import { z } from 'zod';
import { isoTimestamp, toIso } from '../alarmSignal.js';
import type { SignalState } from '../signal.js';
import { defineNormalizer } from './types.js';

const ts = z.string().refine(isoTimestamp, 'must be a timestamp');

/** EventBridge "Config Rules Compliance Change" (messageType ComplianceChangeNotification). */
export const ConfigComplianceEventSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.literal('Config Rules Compliance Change'),
  source: z.literal('aws.config'),
  account: z.string(),
  region: z.string(),
  time: ts,
  detail: z.object({
    resourceId: z.string().min(1),
    resourceType: z.string().min(1),
    awsRegion: z.string(),
    awsAccountId: z.string(),
    configRuleName: z.string().min(1),
    configRuleARN: z.string().optional(),
    messageType: z.literal('ComplianceChangeNotification'),
    notificationCreationTime: ts.optional(),
    newEvaluationResult: z.object({
      evaluationResultIdentifier: z.object({ orderingTimestamp: ts }).optional(),
      complianceType: z.enum(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'INSUFFICIENT_DATA']),
      resultRecordedTime: ts,
      annotation: z.string().optional(),
    }),
  }),
});

export function complianceState(t: string): SignalState {
  if (t === 'NON_COMPLIANT') return 'firing';
  if (t === 'COMPLIANT') return 'resolved';
  return 'info';
}

/** Config names resources by type and id; the common types get their real ARN form. */
export function configResourceArn(type: string, id: string, region: string, account: string): string {
  if (id.startsWith('arn:')) return id;
  switch (type) {
    case 'AWS::S3::Bucket':
      return `arn:aws:s3:::${id}`;
    case 'AWS::EC2::Instance':
      return `arn:aws:ec2:${region}:${account}:instance/${id}`;
    case 'AWS::EC2::SecurityGroup':
      return `arn:aws:ec2:${region}:${account}:security-group/${id}`;
    case 'AWS::EC2::Volume':
      return `arn:aws:ec2:${region}:${account}:volume/${id}`;
    case 'AWS::RDS::DBInstance':
      return `arn:aws:rds:${region}:${account}:db:${id}`;
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${region}:${account}:function:${id}`;
    case 'AWS::DynamoDB::Table':
      return `arn:aws:dynamodb:${region}:${account}:table/${id}`;
    case 'AWS::IAM::User':
      return `arn:aws:iam::${account}:user/${id}`;
    default:
      return `arn:aws:config:${region}:${account}:resource/${type}/${id}`;
  }
}

export default defineNormalizer({
  id: 'configCompliance',
  title: 'AWS Config rules compliance change',
  source: 'config',
  matches: (raw) => raw['detail-type'] === 'Config Rules Compliance Change',
  schema: ConfigComplianceEventSchema,
  toSignals: (e) => {
    const d = e.detail;
    const r = d.newEvaluationResult;
    const when = r.evaluationResultIdentifier?.orderingTimestamp ?? r.resultRecordedTime;
    return [
      {
        sourceId: `${d.configRuleName}|${d.resourceType}|${d.resourceId}|${r.complianceType}|${toIso(when)}`,
        source: 'config',
        kind: 'compliance',
        resourceArn: configResourceArn(d.resourceType, d.resourceId, d.awsRegion, d.awsAccountId),
        resourceType: d.resourceType,
        rule: d.configRuleName,
        state: complianceState(r.complianceType),
        level: 'medium',
        title: `${d.configRuleName}: ${d.resourceType} ${d.resourceId} is ${r.complianceType}`,
        ...(r.annotation ? { description: r.annotation } : {}),
        labels: { configRule: d.configRuleName, compliance: r.complianceType },
        time: toIso(r.resultRecordedTime),
        account: d.awsAccountId,
        region: d.awsRegion,
        raw: e,
      },
    ];
  },
});
