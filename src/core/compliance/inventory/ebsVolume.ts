import { z } from 'zod';

export const EBS_VOLUME_TYPE = 'AWS::EC2::Volume';

/** `AWS::EC2::Volume`: `DescribeVolumes`. */
export const EbsVolumeStateSchema = z.looseObject({
  volumeId: z.string(),
  encrypted: z.boolean(),
  kmsKeyId: z.string().optional(),
  state: z.enum(['creating', 'available', 'in-use', 'deleting', 'deleted', 'error']),
  attachments: z.array(z.looseObject({ InstanceId: z.string() })).default([]),
});
export type EbsVolumeState = z.infer<typeof EbsVolumeStateSchema>;
