import { defineScenario } from './scenario.js';

/**
 * Someone deletes the public access block of the assets bucket; AWS Config reports it
 * NON_COMPLIANT with s3-bucket-level-public-access-prohibited a minute later. Re-blocking is not
 * reversible by automation, so a human approves it.
 */
export default defineScenario({
  id: 's3-bucket-public',
  title: "S3 bucket made public",
  description: "The assets bucket loses its public access block.",
  faults: [
    {
      type: 'state',
      resource: 'matcarv-assets-staging',
      set: { PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false } },
      eventName: 'DeleteBucketPublicAccessBlock',
      principal: 'arn:aws:iam::123456789012:user/deploy-bot',
    },
    { type: 'event', event: 'config', resource: 'matcarv-assets-staging', startInMinutes: 1, details: { configRuleName: 's3-bucket-level-public-access-prohibited' } },
  ],
  expected: {
    rule: 's3-bucket-level-public-access-prohibited',
    severity: 'SEV-4',
    runbook: 'AIOps-BlockS3PublicAccess',
    needsApproval: true,
    targetState: { resource: 'matcarv-assets-staging', field: 'PublicAccessBlockConfiguration.BlockPublicAcls', equals: true },
    resolves: false,
  },
});
