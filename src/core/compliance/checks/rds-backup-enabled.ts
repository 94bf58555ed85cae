import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'rds-backup-enabled',
  title: 'RDS DB instances keep automated backups',
  description: 'BackupRetentionPeriod must be at least config.rdsMinBackupRetentionDays (7).',
  service: 'rds',
  resourceType: 'AWS::RDS::DBInstance',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['RDS.11'] },
  test: (s, ctx) =>
    s.backupRetentionPeriod >= ctx.config.rdsMinBackupRetentionDays
      ? pass({ backupRetentionPeriod: s.backupRetentionPeriod })
      : fail(s.backupRetentionPeriod === 0 ? 'automated backups are off' : `backups kept ${s.backupRetentionPeriod} day(s)`, { backupRetentionPeriod: s.backupRetentionPeriod, required: ctx.config.rdsMinBackupRetentionDays }),
});
