import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'sns-topic-encrypted',
  title: 'SNS topics are encrypted with KMS',
  description: 'The topic has a KmsMasterKeyId attribute.',
  service: 'sns',
  resourceType: 'AWS::SNS::Topic',
  severity: 'MEDIUM',
  frameworks: {},
  test: (s) => (s.attributes.KmsMasterKeyId ? pass() : fail('topic is not encrypted with KMS', { KmsMasterKeyId: null })),
});
