import { defineCheck, fail, notApplicable, pass } from '../check.js';

/** CloudFront viewer security policies, oldest first (AWS's documented order). */
const ORDER = ['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016', 'TLSv1.2_2018', 'TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.3_2025'];

export default defineCheck({
  id: 'cloudfront-min-tls',
  title: 'CloudFront distributions use TLS 1.2 or newer for viewers',
  description: 'ViewerCertificate.MinimumProtocolVersion must be at least config.minCloudFrontProtocol.',
  service: 'cloudfront',
  resourceType: 'AWS::CloudFront::Distribution',
  severity: 'MEDIUM',
  frameworks: {},
  test: (s, ctx) => {
    const cert = s.distributionConfig.ViewerCertificate;
    // The default *.cloudfront.net certificate always negotiates TLSv1; the policy cannot be set.
    if (cert.CloudFrontDefaultCertificate) return notApplicable('uses the default CloudFront certificate');
    const have = ORDER.indexOf(cert.MinimumProtocolVersion);
    const need = ORDER.indexOf(ctx.config.minCloudFrontProtocol);
    if (have < 0) throw new Error(`unknown MinimumProtocolVersion ${cert.MinimumProtocolVersion}`);
    return have >= need ? pass() : fail(`minimum viewer protocol is ${cert.MinimumProtocolVersion}`, { MinimumProtocolVersion: cert.MinimumProtocolVersion, required: ctx.config.minCloudFrontProtocol });
  },
});
