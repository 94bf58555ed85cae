import { asList, parsePolicy } from '../inventory/index.js';
import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'iam-policy-no-admin-wildcard',
  title: 'Attached IAM policies do not grant full "*:*" administrative privileges',
  description: 'An Allow of Action "*" on Resource "*" in an attached customer managed policy.',
  service: 'iam',
  resourceType: 'AWS::IAM::Policy',
  severity: 'HIGH',
  frameworks: { cis: ['1.16'], fsbp: ['IAM.1'] },
  test: (s) => {
    if (s.attachmentCount === 0) return notApplicable('policy is not attached');
    const admin = parsePolicy(s.policyDocument).filter((st) => st.Effect === 'Allow' && asList(st.Action).some((a) => a === '*' || a === '*:*') && asList(st.Resource).includes('*'));
    return admin.length === 0 ? pass() : fail('policy allows "*" on "*"', { statements: admin.map((st, i) => st.Sid ?? `#${i}`), attachmentCount: s.attachmentCount });
  },
});
