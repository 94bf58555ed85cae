import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'iam-password-policy-length',
  title: 'The IAM password policy requires at least 14 characters',
  description: 'Minimum length from config.passwordMinLength (CIS: 14).',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'MEDIUM',
  frameworks: { cis: ['1.8'], fsbp: ['IAM.7'] },
  test: (s, ctx) => {
    const min = s.passwordPolicy?.MinimumPasswordLength;
    if (min === undefined) return fail('the account has no password policy', { passwordPolicy: null });
    return min >= ctx.config.passwordMinLength ? pass({ MinimumPasswordLength: min }) : fail(`minimum password length is ${min}`, { MinimumPasswordLength: min, required: ctx.config.passwordMinLength });
  },
});
