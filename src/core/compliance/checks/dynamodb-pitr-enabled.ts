import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'dynamodb-pitr-enabled',
  title: 'DynamoDB tables have point-in-time recovery',
  description: 'PITR restores a table to any second of the last 35 days.',
  service: 'dynamodb',
  resourceType: 'AWS::DynamoDB::Table',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['DynamoDB.2'] },
  test: (s) => (s.pointInTimeRecoveryDescription.PointInTimeRecoveryStatus === 'ENABLED' ? pass() : fail('point-in-time recovery is off', { pointInTimeRecoveryDescription: s.pointInTimeRecoveryDescription })),
});
