import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'iam-user-single-active-key',
  title: 'IAM users have at most one active access key',
  description: 'Two active keys usually mean a rotation that was never finished.',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'LOW',
  frameworks: { cis: ['1.13'] },
  test: (s) => {
    if (s.accessKeys.length === 0) return notApplicable('user has no access keys');
    const active = s.accessKeys.filter((k) => k.status === 'Active').map((k) => k.accessKeyId);
    return active.length <= 1 ? pass() : fail(`user has ${active.length} active access keys`, { activeKeys: active });
  },
});
