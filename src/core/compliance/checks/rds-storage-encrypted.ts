import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'rds-storage-encrypted',
  title: 'RDS DB instances are encrypted at rest',
  description: 'StorageEncrypted must be true (it can only be set at creation).',
  service: 'rds',
  resourceType: 'AWS::RDS::DBInstance',
  severity: 'MEDIUM',
  frameworks: { cis: ['2.3.1'], fsbp: ['RDS.3'] },
  test: (s) => (s.storageEncrypted ? pass() : fail('storage is not encrypted', { storageEncrypted: false })),
});
