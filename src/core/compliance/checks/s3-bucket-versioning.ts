import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 's3-bucket-versioning',
  title: 'S3 buckets have versioning enabled',
  description: 'Versioning keeps overwritten and deleted objects recoverable.',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'LOW',
  frameworks: {},
  test: (s) => (s.versioning.Status === 'Enabled' ? pass() : fail(`versioning is ${s.versioning.Status ?? 'never enabled'}`, { versioning: s.versioning })),
});
