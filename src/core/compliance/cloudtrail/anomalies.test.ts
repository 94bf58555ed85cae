import { describe, expect, it } from 'vitest';
import { SignalSchema } from '../../events/signal.js';
import { ValidationError } from '../../shared/errors.js';
import { CLOUDTRAIL_RULES, detectCloudTrailAnomalies, parseCloudTrailRecord } from './anomalies.js';
import { changeEventToCloudTrail, touchedResources } from './record.js';

let n = 0;
const ev = (eventSource: string, eventName: string, extra: Record<string, unknown> = {}) => ({
  eventID: `ev-${++n}`,
  eventTime: '2026-11-23T10:00:00Z',
  eventSource,
  eventName,
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', accountId: '111122223333' },
  recipientAccountId: '111122223333',
  requestParameters: {},
  ...extra,
});
const publicPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const privatePolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });

describe('Function: detectCloudTrailAnomalies', () => {
  it.each([
    ['StopLogging', ev('cloudtrail.amazonaws.com', 'StopLogging', { requestParameters: { name: 'org-trail' } }), 'cloudtrail-stop-logging', 'critical'],
    ['DeleteTrail', ev('cloudtrail.amazonaws.com', 'DeleteTrail', { requestParameters: { name: 'org-trail' } }), 'cloudtrail-delete-trail', 'critical'],
    ['public bucket policy', ev('s3.amazonaws.com', 'PutBucketPolicy', { requestParameters: { bucketName: 'b', bucketPolicy: publicPolicy } }), 's3-bucket-made-public', 'high'],
    ['public bucket policy as object', ev('s3.amazonaws.com', 'PutBucketPolicy', { requestParameters: { bucketName: 'b', bucketPolicy: JSON.parse(publicPolicy) } }), 's3-bucket-made-public', 'high'],
    ['BPA removed', ev('s3.amazonaws.com', 'DeleteBucketPublicAccessBlock', { requestParameters: { bucketName: 'b' } }), 's3-bucket-made-public', 'high'],
    ['SSH opened to the world', ev('ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', { requestParameters: { groupId: 'sg-1', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } } }), 'security-group-opened-to-world', 'high'],
    ['IAM policy attached', ev('iam.amazonaws.com', 'AttachRolePolicy', { requestParameters: { roleName: 'app', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } }), 'iam-policy-change', 'medium'],
    ['admin policy attached', ev('iam.amazonaws.com', 'AttachUserPolicy', { requestParameters: { userName: 'bob', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }), 'iam-policy-change', 'high'],
    ['GuardDuty deleted', ev('guardduty.amazonaws.com', 'DeleteDetector'), 'security-service-disabled', 'high'],
    ['console login without MFA', ev('signin.amazonaws.com', 'ConsoleLogin', { responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'No' } }), 'console-login-without-mfa', 'high'],
    ['root console login', ev('signin.amazonaws.com', 'ConsoleLogin', { userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root' }, responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'Yes' } }), 'root-console-login', 'critical'],
  ])('flags %s', (_n, record, rule, level) => {
    const { signals } = detectCloudTrailAnomalies([record], { knownRegions: ['us-east-1'] });
    expect(signals.map((s) => s.rule)).toContain(rule);
    const s = signals.find((x) => x.rule === rule)!;
    expect(s).toMatchObject({ source: 'cloudtrail', kind: 'security-finding', state: 'firing', level, account: '111122223333', region: 'us-east-1' });
    expect(SignalSchema.safeParse(s).success).toBe(true);
  });

  it.each([
    ['private bucket policy', ev('s3.amazonaws.com', 'PutBucketPolicy', { requestParameters: { bucketName: 'b', bucketPolicy: privatePolicy } })],
    ['login with MFA', ev('signin.amazonaws.com', 'ConsoleLogin', { responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'Yes' } })],
    ['failed login', ev('signin.amazonaws.com', 'ConsoleLogin', { responseElements: { ConsoleLogin: 'Failure' }, additionalEventData: { MFAUsed: 'No' } })],
    ['denied StopLogging', ev('cloudtrail.amazonaws.com', 'StopLogging', { errorCode: 'AccessDenied' })],
    ['SG opened to the VPC', ev('ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', { requestParameters: { groupId: 'sg-1', ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } }] } } })],
    ['read-only call', ev('s3.amazonaws.com', 'GetBucketPolicy', { requestParameters: { bucketName: 'b' } })],
  ])('does not flag %s', (_n, record) => {
    expect(detectCloudTrailAnomalies([record], { knownRegions: ['us-east-1'] }).signals).toEqual([]);
  });

  it('learns regions first, then flags a new region once', () => {
    const first = detectCloudTrailAnomalies([ev('s3.amazonaws.com', 'GetObject')]);
    expect(first.signals).toEqual([]);
    expect(first.state.knownRegions).toEqual(['us-east-1']);
    const far = (name: string) => ({ ...ev('ec2.amazonaws.com', name), awsRegion: 'ap-east-1' });
    const second = detectCloudTrailAnomalies([far('RunInstances'), far('RunInstances')], first.state);
    expect(second.signals.map((s) => s.rule)).toEqual(['api-call-from-new-region']);
    expect(second.state.knownRegions).toEqual(['ap-east-1', 'us-east-1']);
  });

  it('gives each signal a stable id so re-deliveries deduplicate', () => {
    const r = ev('cloudtrail.amazonaws.com', 'StopLogging');
    expect(detectCloudTrailAnomalies([r]).signals[0]!.id).toBe(detectCloudTrailAnomalies([r]).signals[0]!.id);
  });

  it('rejects malformed records with the field, keeping the rest', () => {
    const { signals, rejected } = detectCloudTrailAnomalies([{ eventName: 'StopLogging' }, ev('cloudtrail.amazonaws.com', 'StopLogging')]);
    expect(signals).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ index: 0, field: 'eventID' });
    expect(() => parseCloudTrailRecord({})).toThrow(ValidationError);
  });

  it('has unique rule ids', () => {
    expect(new Set(CLOUDTRAIL_RULES.map((r) => r.id)).size).toBe(CLOUDTRAIL_RULES.length);
  });
});

describe('Function: touchedResources', () => {
  it.each([
    [ev('s3.amazonaws.com', 'PutBucketPolicy', { requestParameters: { bucketName: 'b' } }), [{ type: 'AWS::S3::Bucket', arn: 'arn:aws:s3:::b' }]],
    [ev('ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', { requestParameters: { groupId: 'sg-1' } }), [{ type: 'AWS::EC2::SecurityGroup', id: 'sg-1' }]],
    [ev('cloudtrail.amazonaws.com', 'StopLogging', { requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/t' } }), [{ type: 'AWS::CloudTrail::Trail', arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/t' }]],
    [ev('guardduty.amazonaws.com', 'DeleteDetector'), [{ type: 'AWS::::Account', arn: 'arn:aws:iam::111122223333:root' }]],
    [ev('iam.amazonaws.com', 'UpdateAccessKey', { requestParameters: { userName: 'bob' } }), [{ type: 'AWS::IAM::User', id: 'bob' }]],
    [ev('sqs.amazonaws.com', 'SetQueueAttributes', { requestParameters: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/q' } }), [{ type: 'AWS::SQS::Queue', id: 'q' }]],
  ])('resolves %#', (record, expected) => {
    expect(touchedResources(parseCloudTrailRecord(record))).toEqual(expected);
  });

  it('maps a Cloud port change event', () => {
    const rec = changeEventToCloudTrail({ time: '2026-11-23T10:00:00.000Z', eventName: 'PutBucketPolicy', eventSource: 's3.amazonaws.com', resourceArn: 'arn:aws:s3:::b', principal: 'arn:aws:iam::111122223333:user/x', params: { bucketName: 'b' } });
    expect(touchedResources(rec)).toEqual([{ type: 'AWS::S3::Bucket', arn: 'arn:aws:s3:::b' }]);
  });
});
