import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'cloudtrail-kms-encryption',
  title: 'CloudTrail logs are encrypted with a KMS key',
  description: 'SSE-KMS adds a key policy between the log bucket and its readers.',
  service: 'cloudtrail',
  resourceType: 'AWS::CloudTrail::Trail',
  severity: 'MEDIUM',
  frameworks: { cis: ['3.5'], fsbp: ['CloudTrail.2'] },
  test: (s) => (s.kmsKeyId ? pass() : fail('trail logs are not encrypted with KMS', { kmsKeyId: null })),
});
