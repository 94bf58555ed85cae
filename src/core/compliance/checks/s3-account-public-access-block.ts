import { defineCheck, fail, pass } from '../check.js';

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export default defineCheck({
  id: 's3-account-public-access-block',
  title: 'S3 Block Public Access is on at the account level',
  description: 'Account-wide Block Public Access overrides any bucket that would be made public.',
  service: 's3',
  resourceType: 'AWS::::Account',
  severity: 'MEDIUM',
  frameworks: { cis: ['2.1.4'], fsbp: ['S3.1'] },
  remediation: 'AIOps-BlockS3PublicAccess',
  test: (s) => {
    const bpa = s.s3PublicAccessBlock;
    const off = bpa ? FLAGS.filter((f) => !bpa[f]) : [...FLAGS];
    return off.length === 0 ? pass() : fail(`account Block Public Access is off for ${off.join(', ')}`, { s3PublicAccessBlock: bpa, disabled: off });
  },
});
