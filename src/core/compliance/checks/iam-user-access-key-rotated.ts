import { defineCheck, fail, notApplicable, pass } from '../check.js';
import { ageDays } from './helpers.js';

export default defineCheck({
  id: 'iam-user-access-key-rotated',
  title: 'Active IAM access keys are rotated every 90 days',
  description: 'Active keys older than config.accessKeyMaxAgeDays (90) fail.',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'MEDIUM',
  frameworks: { cis: ['1.14'], fsbp: ['IAM.3'] },
  remediation: 'AIOps-DisableOldAccessKey',
  test: (s, ctx) => {
    const active = s.accessKeys.filter((k) => k.status === 'Active');
    if (active.length === 0) return notApplicable('user has no active access keys');
    const old = active.map((k) => ({ accessKeyId: k.accessKeyId, ageDays: ageDays(k.createDate, ctx.now) })).filter((k) => k.ageDays > ctx.config.accessKeyMaxAgeDays);
    return old.length === 0 ? pass() : fail(`${old.length} active access key(s) older than ${ctx.config.accessKeyMaxAgeDays} days`, { keys: old });
  },
});
