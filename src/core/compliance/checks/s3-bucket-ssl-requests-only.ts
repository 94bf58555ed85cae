import { asList, parsePolicy } from '../inventory/index.js';
import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 's3-bucket-ssl-requests-only',
  title: 'S3 bucket policies deny HTTP (non-TLS) requests',
  description: 'The bucket policy has a Deny for everyone when aws:SecureTransport is false.',
  service: 's3',
  resourceType: 'AWS::S3::Bucket',
  severity: 'MEDIUM',
  frameworks: { cis: ['2.1.1'], fsbp: ['S3.5'] },
  test: (s) => {
    if (!s.policy) return fail('the bucket has no policy, so HTTP requests are not denied', { policy: null });
    const denies = parsePolicy(s.policy).some((st) => {
      if (st.Effect !== 'Deny') return false;
      const everyone = st.Principal === '*' || (typeof st.Principal === 'object' && asList(st.Principal.AWS).includes('*'));
      const actions = asList(st.Action);
      const allActions = actions.includes('*') || actions.includes('s3:*');
      const secure = st.Condition?.Bool?.['aws:SecureTransport'];
      return everyone && allActions && (secure === 'false' || secure === false);
    });
    return denies ? pass() : fail('no Deny statement on aws:SecureTransport = false', { policy: s.policy });
  },
});
