import { defineRunbook } from '../runbook.js';
import { bool, callOn, eligible, notEligible, str } from './support/state.js';

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/**
 * S3 bucket public access enabled → re-enable all four Block Public Access settings.
 * The catalogue marks it not reversible (re-opening a bucket is never automated): approval always.
 */
export default defineRunbook({
  id: 'AIOps-BlockS3PublicAccess',
  title: 'Re-enable S3 Block Public Access on a bucket',
  condition: 'S3 bucket public access enabled',
  action: 'Re-enable block public access (all four settings)',
  category: 'storage',
  pattern: 'lambda',
  reversible: false,
  approval: 'always',
  targetResourceType: 'AWS::S3::Bucket',
  trigger: {
    rule: '^(s3-bucket-level-public-access-prohibited|s3-bucket-public-read-prohibited|s3-bucket-public-write-prohibited|S3\\.(1|2|3|8)|PutBucketPublicAccessBlock|DeleteBucketPublicAccessBlock|Policy:S3/BucketBlockPublicAccessDisabled)$',
    kind: ['compliance', 'security-finding', 'change'],
  },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 10,
  sandboxScenario: 's3-bucket-public',
  rollbackPlan: 'Not automated: re-opening public access needs a reviewed change by the bucket owner (PutPublicAccessBlock with the settings recorded in the diagnostics).',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'Name')) return notEligible('bucket Name unknown');
    const open = FLAGS.filter((f) => bool(resource.state, `PublicAccessBlockConfiguration.${f}`) !== true);
    return open.length === 0 ? notEligible('Block Public Access already fully enabled') : eligible(`disabled settings: ${open.join(', ')}`);
  },
  plan: ({ resource }) => [
    callOn(
      resource,
      's3:PutBucketPublicAccessBlock',
      {
        Bucket: str(resource.state, 'Name') ?? resource.name,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      },
      'enable all four Block Public Access settings',
    ),
  ],
});
