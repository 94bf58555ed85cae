import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'iam-password-policy-reuse',
  title: 'The IAM password policy prevents password reuse',
  description: 'PasswordReusePrevention must be at least config.passwordReusePrevention (CIS: 24).',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'LOW',
  frameworks: { cis: ['1.9'] },
  test: (s, ctx) => {
    const reuse = s.passwordPolicy?.PasswordReusePrevention ?? 0;
    return reuse >= ctx.config.passwordReusePrevention ? pass() : fail(`password reuse prevention is ${reuse}`, { PasswordReusePrevention: reuse, required: ctx.config.passwordReusePrevention });
  },
});
