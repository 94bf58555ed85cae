import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 's3-bucket-access-logging',
  title: 'S3 buckets have server access logging enabled',
  description: 'Server access logs record every request made to the bucket.',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'LOW',
  frameworks: { fsbp: ['S3.9'] },
  test: (s) => (s.logging?.TargetBucket ? pass({ targetBucket: s.logging.TargetBucket }) : fail('server access logging is off', { logging: s.logging ?? null })),
});
