import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'iam-root-access-keys',
  title: 'The root user has no access keys',
  description: 'Root access keys cannot be scoped down; use IAM roles instead.',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'CRITICAL',
  frameworks: { cis: ['1.4'], fsbp: ['IAM.4'] },
  test: (s) => (s.accountSummary.AccountAccessKeysPresent === 0 ? pass() : fail('the root user has access keys', { AccountAccessKeysPresent: s.accountSummary.AccountAccessKeysPresent })),
});
