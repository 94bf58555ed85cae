import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'sqs-queue-encrypted',
  title: 'SQS queues are encrypted at rest',
  description: 'SSE-SQS (SqsManagedSseEnabled) or SSE-KMS (KmsMasterKeyId).',
  service: 'sqs',
  resourceType: 'AWS::SQS::Queue',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['SQS.1'] },
  test: (s) => (s.attributes.KmsMasterKeyId || s.attributes.SqsManagedSseEnabled === 'true' ? pass() : fail('queue is not encrypted', { attributes: s.attributes })),
});
