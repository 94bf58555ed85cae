import { z } from 'zod';

export const CLOUDTRAIL_TRAIL_TYPE = 'AWS::CloudTrail::Trail';

/** `AWS::CloudTrail::Trail`: `DescribeTrails`, `GetTrailStatus` (`IsLogging`), `GetEventSelectors`. */
export const CloudTrailStateSchema = z.looseObject({
  name: z.string(),
  homeRegion: z.string(),
  isMultiRegionTrail: z.boolean(),
  includeGlobalServiceEvents: z.boolean().default(true),
  logFileValidationEnabled: z.boolean(),
  isLogging: z.boolean(),
  s3BucketName: z.string(),
  kmsKeyId: z.string().nullable().optional(),
  cloudWatchLogsLogGroupArn: z.string().nullable().optional(),
  eventSelectors: z.array(z.looseObject({ ReadWriteType: z.enum(['ReadOnly', 'WriteOnly', 'All']), IncludeManagementEvents: z.boolean() })).default([
    { ReadWriteType: 'All', IncludeManagementEvents: true },
  ]),
});
export type CloudTrailState = z.infer<typeof CloudTrailStateSchema>;
