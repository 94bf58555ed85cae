import { defineCheck, fail, pass } from '../check.js';
import { publicStatements } from './helpers.js';

export default defineCheck({
  id: 's3-bucket-policy-not-public',
  title: 'S3 bucket policies do not grant access to everyone',
  description: 'No Allow statement with Principal "*" that is not narrowed by a source/org condition.',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'CRITICAL',
  frameworks: {},
  remediation: 'AIOps-BlockS3PublicAccess',
  test: (s) => {
    const open = publicStatements(s.policy);
    // A policy is only effective publicly if RestrictPublicBuckets is off.
    if (open.length === 0 || s.publicAccessBlock?.RestrictPublicBuckets === true) return pass();
    return fail(`bucket policy is public (statements ${open.join(', ')})`, { publicStatements: open, policy: s.policy });
  },
});
