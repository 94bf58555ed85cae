import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'iam-user-no-direct-policies',
  title: 'IAM users receive permissions only through groups',
  description: 'No managed or inline policy attached directly to a user.',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'LOW',
  frameworks: { cis: ['1.15'], fsbp: ['IAM.2'] },
  test: (s) => {
    const direct = [...s.attachedManagedPolicies.map((p) => p.PolicyName), ...s.userPolicyList];
    return direct.length === 0 ? pass() : fail(`policies attached directly: ${direct.join(', ')}`, { policies: direct });
  },
});
