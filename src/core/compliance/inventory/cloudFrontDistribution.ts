import { z } from 'zod';

export const CLOUDFRONT_DISTRIBUTION_TYPE = 'AWS::CloudFront::Distribution';

const ViewerProtocolPolicy = z.enum(['allow-all', 'https-only', 'redirect-to-https']);

/** `AWS::CloudFront::Distribution`: `GetDistributionConfig` (`DistributionConfig`). */
export const CloudFrontDistributionStateSchema = z.looseObject({
  distributionConfig: z.looseObject({
    Enabled: z.boolean().default(true),
    DefaultCacheBehavior: z.looseObject({ ViewerProtocolPolicy }),
    CacheBehaviors: z.array(z.looseObject({ PathPattern: z.string(), ViewerProtocolPolicy })).default([]),
    ViewerCertificate: z.looseObject({
      CloudFrontDefaultCertificate: z.boolean().optional(),
      MinimumProtocolVersion: z.string(),
    }),
    Origins: z
      .array(
        z.looseObject({
          Id: z.string(),
          DomainName: z.string(),
          CustomOriginConfig: z.looseObject({ OriginProtocolPolicy: z.string(), OriginSslProtocols: z.array(z.string()) }).optional(),
        }),
      )
      .default([]),
  }),
});
export type CloudFrontDistributionState = z.infer<typeof CloudFrontDistributionStateSchema>;
