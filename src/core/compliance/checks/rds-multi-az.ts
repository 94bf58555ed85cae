import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'rds-multi-az',
  title: 'RDS DB instances are Multi-AZ',
  description: 'A standby in another AZ survives an AZ outage.',
  service: 'rds',
  resourceType: 'AWS::RDS::DBInstance',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['RDS.5'] },
  test: (s) => (s.multiAZ ? pass() : fail('instance is single-AZ', { multiAZ: false })),
});
