import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'rds-not-public',
  title: 'RDS DB instances are not publicly accessible',
  description: 'PubliclyAccessible gives the instance an internet-resolvable endpoint.',
  service: 'rds',
  resourceType: 'AWS::RDS::DBInstance',
  severity: 'CRITICAL',
  frameworks: { cis: ['2.3.3'], fsbp: ['RDS.2'] },
  test: (s) => (s.publiclyAccessible ? fail('instance is publicly accessible', { publiclyAccessible: true }) : pass()),
});
