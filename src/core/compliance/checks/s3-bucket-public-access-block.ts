import { defineCheck, fail, pass } from '../check.js';

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export default defineCheck({
  id: 's3-bucket-public-access-block',
  title: 'S3 buckets block public access (bucket settings)',
  description: 'All four Block Public Access settings must be on for the bucket.',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'HIGH',
  frameworks: { cis: ['2.1.4'], fsbp: ['S3.8'] },
  remediation: 'AIOps-BlockS3PublicAccess',
  test: (s) => {
    const bpa = s.publicAccessBlock;
    const off = bpa ? FLAGS.filter((f) => !bpa[f]) : [...FLAGS];
    return off.length === 0 ? pass() : fail(`Block Public Access is off for ${off.join(', ')}`, { publicAccessBlock: bpa, disabled: off });
  },
});
