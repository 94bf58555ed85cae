import type { ResourceRecord } from '../../../ports/cloud.js';
import { stableHash } from '../../../core/shared/hash.js';
import type { EventFault } from './schema.js';

/** Resource types whose Config resource id the ingestion path maps back to the resource's ARN. */
const CONFIG_ID_TYPES = new Set(['AWS::S3::Bucket', 'AWS::EC2::Instance', 'AWS::EC2::SecurityGroup', 'AWS::EC2::Volume', 'AWS::RDS::DBInstance', 'AWS::Lambda::Function', 'AWS::DynamoDB::Table', 'AWS::IAM::User']);

const uuidLike = (key: string): string => {
  const h = stableHash(key) + stableHash(`${key}#2`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

function envelope(detailType: string, source: string, r: ResourceRecord, time: string, key: string, detail: Record<string, unknown>) {
  return { version: '0', id: uuidLike(key), 'detail-type': detailType, source, account: r.account, time, region: r.region, resources: [r.arn], detail };
}

/**
 * Raw events in the shapes AWS documents for EventBridge, so the ingestion path sees in the sandbox
 * exactly what it sees in an account. `details` overrides the realistic defaults.
 */
export function buildRawEvent(f: EventFault, r: ResourceRecord, time: string, key: string): Record<string, unknown> {
  const d = f.details;
  switch (f.event) {
    case 'cloudtrail':
      return envelope('AWS API Call via CloudTrail', `aws.${String(d.eventSource ?? 'ec2.amazonaws.com').split('.')[0]}`, r, time, key, {
        eventVersion: '1.09',
        userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLEDEPLOYBOT1', arn: String(d.principal ?? `arn:aws:iam::${r.account}:user/deploy-bot`), accountId: r.account, userName: 'deploy-bot' },
        eventTime: time,
        eventSource: d.eventSource ?? 'ec2.amazonaws.com',
        eventName: d.eventName ?? 'ModifyInstanceAttribute',
        awsRegion: r.region,
        sourceIPAddress: d.sourceIPAddress ?? '198.51.100.7',
        userAgent: 'aws-cli/2.15.0',
        requestParameters: d.requestParameters ?? { resource: r.id },
        responseElements: null,
        eventID: uuidLike(`${key}:ct`),
        readOnly: false,
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: r.account,
      });
    case 'guardduty': {
      const severity = Number(d.severity ?? 8);
      return envelope('GuardDuty Finding', 'aws.guardduty', r, time, key, {
        schemaVersion: '2.0',
        accountId: r.account,
        region: r.region,
        partition: 'aws',
        id: stableHash(`${key}:gd`),
        arn: `arn:aws:guardduty:${r.region}:${r.account}:detector/12abc34d567e8fa901bc2d34e56789f0/finding/${stableHash(`${key}:gd`)}`,
        type: d.type ?? 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
        resource: { resourceType: r.type === 'AWS::IAM::User' ? 'AccessKey' : 'Instance', accessKeyDetails: { userName: r.name, principalId: r.id, userType: 'IAMUser' } },
        severity,
        createdAt: time,
        updatedAt: time,
        title: d.title ?? `Credentials for ${r.name} used from an external IP address.`,
        description: d.description ?? `Credentials of IAM user ${r.name} were used from an IP address outside AWS.`,
        service: { serviceName: 'guardduty', detectorId: '12abc34d567e8fa901bc2d34e56789f0', count: 1, eventFirstSeen: time, eventLastSeen: time, archived: false },
      });
    }
    case 'securityhub':
      return envelope('Security Hub Findings - Imported', 'aws.securityhub', r, time, key, {
        findings: [
          {
            SchemaVersion: '2018-10-08',
            Id: `arn:aws:securityhub:${r.region}:${r.account}:subscription/aws-foundational-security-best-practices/v/1.0.0/${d.control ?? 'S3.8'}/finding/${uuidLike(`${key}:sh`)}`,
            ProductArn: `arn:aws:securityhub:${r.region}::product/aws/securityhub`,
            GeneratorId: `aws-foundational-security-best-practices/v/1.0.0/${d.control ?? 'S3.8'}`,
            AwsAccountId: r.account,
            Types: ['Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices'],
            CreatedAt: time,
            UpdatedAt: time,
            Severity: { Label: d.severity ?? 'HIGH' },
            Title: d.title ?? `${d.control ?? 'S3.8'} control failed`,
            Description: d.description ?? 'A Security Hub control failed for this resource.',
            Resources: [{ Type: r.type.replace(/::/g, '').replace(/^AWS/, 'Aws'), Id: r.arn, Region: r.region }],
            Compliance: { Status: 'FAILED' },
            Workflow: { Status: 'NEW' },
            RecordState: 'ACTIVE',
          },
        ],
      });
    case 'health':
      return envelope('AWS Health Event', 'aws.health', r, time, key, {
        eventArn: `arn:aws:health:${r.region}::event/${d.service ?? 'EC2'}/${d.eventTypeCode ?? 'AWS_EC2_OPERATIONAL_ISSUE'}/${stableHash(key)}`,
        service: d.service ?? 'EC2',
        eventTypeCode: d.eventTypeCode ?? 'AWS_EC2_OPERATIONAL_ISSUE',
        eventTypeCategory: d.eventTypeCategory ?? 'issue',
        startTime: time,
        lastUpdatedTime: time,
        statusCode: d.statusCode ?? 'open',
        eventRegion: r.region,
        eventDescription: [{ language: 'en_US', latestDescription: String(d.description ?? 'Increased error rates in one Availability Zone.') }],
        affectedEntities: [{ entityValue: r.id, entityArn: r.arn }],
      });
    case 'config': {
      // Config names most resources by id; types the ingestion path cannot turn back into an ARN are named by ARN.
      const resourceId = CONFIG_ID_TYPES.has(r.type) ? r.id : r.arn;
      return envelope('Config Rules Compliance Change', 'aws.config', r, time, key, {
        resourceId,
        awsRegion: r.region,
        awsAccountId: r.account,
        configRuleName: d.configRuleName ?? 's3-bucket-level-public-access-prohibited',
        recordVersion: '1.0',
        configRuleARN: `arn:aws:config:${r.region}:${r.account}:config-rule/config-rule-${stableHash(String(d.configRuleName ?? 's3'))}`,
        messageType: 'ComplianceChangeNotification',
        newEvaluationResult: {
          evaluationResultIdentifier: { evaluationResultQualifier: { configRuleName: d.configRuleName ?? 's3-bucket-level-public-access-prohibited', resourceType: r.type, resourceId }, orderingTimestamp: time },
          complianceType: d.complianceType ?? 'NON_COMPLIANT',
          resultRecordedTime: time,
          ...(d.annotation ? { annotation: d.annotation } : {}),
        },
        oldEvaluationResult: { complianceType: d.complianceType === 'COMPLIANT' ? 'NON_COMPLIANT' : 'COMPLIANT' },
        resourceType: r.type,
      });
    }
    case 'cloudwatch-alarm':
      return envelope('CloudWatch Alarm State Change', 'aws.cloudwatch', r, time, key, {
        alarmName: d.alarmName ?? `staging-${r.tags['service'] ?? r.name}-custom-critical`,
        state: { value: d.state ?? 'ALARM', reason: d.reason ?? 'Injected by the sandbox', timestamp: time },
        previousState: { value: d.state === 'OK' ? 'ALARM' : 'OK', timestamp: time },
        configuration: { description: d.description ?? 'Injected alarm', metrics: [] },
      });
  }
}
