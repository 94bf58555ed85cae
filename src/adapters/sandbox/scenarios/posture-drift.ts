import { defineScenario } from './scenario.js';

const PUBLIC_READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::matcarv-assets-staging/*' }],
});
const ALL_OFF = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

/**
 * Security posture drift: someone switches off Block Public Access on the assets bucket and gives
 * it a public-read policy, then opens SSH to the world on the web security group. Each change is a
 * state change in the account plus the CloudTrail API call EventBridge delivers for it; the
 * compliance rescan on that event finds both within a minute, and the linked remediations
 * (Block Public Access, revoke open SSH) are irreversible, so they wait for an approval.
 */
export default defineScenario({
  id: 'posture-drift',
  title: 'Public S3 bucket and world-open SSH',
  description: 'Block Public Access is removed from matcarv-assets-staging with a public-read policy, and web-sg gets 0.0.0.0/0 on port 22.',
  faults: [
    {
      type: 'state',
      resource: 'matcarv-assets-staging',
      eventName: 'DeleteBucketPublicAccessBlock',
      principal: 'arn:aws:iam::123456789012:user/deploy-bot',
      // Both spellings of the Block Public Access field, so the drift holds whichever the fleet uses.
      set: { PublicAccessBlock: ALL_OFF, PublicAccessBlockConfiguration: ALL_OFF },
    },
    {
      type: 'event',
      event: 'cloudtrail',
      resource: 'matcarv-assets-staging',
      details: { eventSource: 's3.amazonaws.com', eventName: 'DeleteBucketPublicAccessBlock', requestParameters: { bucketName: 'matcarv-assets-staging', publicAccessBlock: '' } },
    },
    { type: 'state', resource: 'matcarv-assets-staging', eventName: 'PutBucketPolicy', principal: 'arn:aws:iam::123456789012:user/deploy-bot', set: { Policy: PUBLIC_READ } },
    {
      type: 'event',
      event: 'cloudtrail',
      resource: 'matcarv-assets-staging',
      details: { eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'matcarv-assets-staging', bucketPolicy: JSON.parse(PUBLIC_READ) as unknown } },
    },
    {
      type: 'state',
      resource: 'web-sg',
      eventName: 'AuthorizeSecurityGroupIngress',
      principal: 'arn:aws:iam::123456789012:user/deploy-bot',
      startInMinutes: 2,
      // IpPermissions is a list: the state patch replaces it, so the existing HTTPS rule is repeated.
      set: {
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [] },
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'debug' }], Ipv6Ranges: [] },
        ],
      },
    },
    {
      type: 'event',
      event: 'cloudtrail',
      resource: 'web-sg',
      startInMinutes: 2,
      details: {
        eventSource: 'ec2.amazonaws.com',
        eventName: 'AuthorizeSecurityGroupIngress',
        requestParameters: { groupId: 'sg-0web0000000000001', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } },
      },
    },
  ],
  expected: {
    alarm: 's3-bucket-public-access-block',
    runbook: 'AIOps-BlockS3PublicAccess',
    needsApproval: true,
    targetState: { resource: 'matcarv-assets-staging', field: 'PublicAccessBlockConfiguration.BlockPublicAcls', equals: true },
    // A compliance finding is only withdrawn by the next scan after the fix; the incident waits for it.
    resolves: false,
  },
});
