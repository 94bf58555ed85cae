import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'iam-user-mfa-console',
  title: 'IAM users with a console password have MFA',
  description: 'Console users without MFA are one phished password away from compromise.',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'HIGH',
  frameworks: { cis: ['1.10'], fsbp: ['IAM.5'] },
  test: (s) => {
    if (!s.passwordEnabled) return notApplicable('user has no console password');
    return s.mfaDevices.length > 0 ? pass() : fail(`user ${s.userName} can sign in to the console without MFA`, { userName: s.userName, mfaDevices: 0 });
  },
});
