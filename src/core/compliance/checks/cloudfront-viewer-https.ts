import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'cloudfront-viewer-https',
  title: 'CloudFront distributions require HTTPS from viewers',
  description: 'No cache behavior has ViewerProtocolPolicy "allow-all".',
  service: 'cloudfront',
  resourceType: 'AWS::CloudFront::Distribution',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['CloudFront.3'] },
  test: (s) => {
    const c = s.distributionConfig;
    const plain = [{ PathPattern: '(default)', ViewerProtocolPolicy: c.DefaultCacheBehavior.ViewerProtocolPolicy }, ...c.CacheBehaviors].filter((b) => b.ViewerProtocolPolicy === 'allow-all').map((b) => b.PathPattern);
    return plain.length === 0 ? pass() : fail(`behaviors allow plain HTTP: ${plain.join(', ')}`, { behaviors: plain });
  },
});
