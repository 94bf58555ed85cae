import { asList, parsePolicy } from '../inventory/index.js';
import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'iam-policy-no-wildcard-service-actions',
  title: 'IAM policies do not allow wildcard actions for a whole service',
  description: 'Allow statements with actions like "s3:*" grant far more than a workload needs.',
  service: 'iam',
  resourceType: 'AWS::IAM::Policy',
  severity: 'LOW',
  frameworks: { fsbp: ['IAM.21'] },
  test: (s) => {
    if (s.attachmentCount === 0) return notApplicable('policy is not attached');
    const wild = parsePolicy(s.policyDocument)
      .filter((st) => st.Effect === 'Allow')
      .flatMap((st) => asList(st.Action))
      .filter((a) => /^[a-z0-9-]+:\*$/i.test(a));
    return wild.length === 0 ? pass() : fail(`service-wide wildcard actions: ${wild.join(', ')}`, { actions: wild });
  },
});
