import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 's3-bucket-mfa-delete',
  title: 'S3 buckets with versioning require MFA Delete',
  description: 'MFA Delete protects object versions from deletion without the root MFA.',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'LOW',
  frameworks: { cis: ['2.1.2'] },
  test: (s) => {
    if (s.versioning.Status !== 'Enabled') return notApplicable('versioning is not enabled');
    return s.versioning.MFADelete === 'Enabled' ? pass() : fail('MFA Delete is not enabled', { versioning: s.versioning });
  },
});
