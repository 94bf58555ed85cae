import { defineCheck, fail, notApplicable, pass } from '../check.js';

const DEPRECATED = ['SSLv3', 'TLSv1', 'TLSv1.1'];

export default defineCheck({
  id: 'cloudfront-origin-tls',
  title: 'CloudFront does not use deprecated SSL/TLS to custom origins',
  description: 'Custom origins must not allow SSLv3, TLSv1 or TLSv1.1.',
  service: 'cloudfront',
  resourceType: 'AWS::CloudFront::Distribution',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['CloudFront.10'] },
  test: (s) => {
    const custom = s.distributionConfig.Origins.filter((o) => o.CustomOriginConfig);
    if (custom.length === 0) return notApplicable('no custom origins');
    const weak = custom.filter((o) => o.CustomOriginConfig!.OriginProtocolPolicy !== 'http-only' && o.CustomOriginConfig!.OriginSslProtocols.some((p) => DEPRECATED.includes(p))).map((o) => o.Id);
    return weak.length === 0 ? pass() : fail(`origins allow deprecated protocols: ${weak.join(', ')}`, { origins: weak });
  },
});
