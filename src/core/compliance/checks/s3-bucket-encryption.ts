import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 's3-bucket-encryption',
  title: 'S3 buckets have default server-side encryption',
  description: 'The bucket has a default encryption rule (SSE-S3, SSE-KMS or DSSE-KMS).',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'MEDIUM',
  frameworks: {},
  test: (s) => {
    const algos = (s.serverSideEncryption?.Rules ?? []).map((r) => r.ApplyServerSideEncryptionByDefault.SSEAlgorithm);
    return algos.length > 0 ? pass({ algorithms: algos }) : fail('no default server-side encryption', { serverSideEncryption: s.serverSideEncryption });
  },
});
