import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'iam-root-mfa',
  title: 'The root user has MFA enabled',
  description: 'A stolen root password alone must not be enough to take the account.',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'CRITICAL',
  frameworks: { cis: ['1.5'] },
  test: (s) => (s.accountSummary.AccountMFAEnabled === 1 ? pass() : fail('the root user has no MFA', { AccountMFAEnabled: s.accountSummary.AccountMFAEnabled })),
});
