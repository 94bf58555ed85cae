import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'rds-auto-minor-version-upgrade',
  title: 'RDS DB instances apply minor version upgrades automatically',
  description: 'Minor versions carry security fixes.',
  service: 'rds',
  resourceType: 'AWS::RDS::DBInstance',
  severity: 'LOW',
  frameworks: { cis: ['2.3.2'], fsbp: ['RDS.13'] },
  test: (s) => (s.autoMinorVersionUpgrade ? pass() : fail('auto minor version upgrade is off', { autoMinorVersionUpgrade: false })),
});
