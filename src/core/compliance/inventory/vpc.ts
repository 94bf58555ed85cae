import { z } from 'zod';

export const VPC_TYPE = 'AWS::EC2::VPC';

/** `AWS::EC2::VPC`: `DescribeVpcs` plus its `DescribeFlowLogs` (filter resource-id). */
export const VpcStateSchema = z.looseObject({
  vpcId: z.string(),
  isDefault: z.boolean(),
  cidrBlock: z.string().optional(),
  flowLogs: z.array(
    z.looseObject({
      FlowLogId: z.string(),
      FlowLogStatus: z.enum(['ACTIVE']).or(z.string()),
      TrafficType: z.enum(['ACCEPT', 'REJECT', 'ALL']),
      LogDestinationType: z.enum(['cloud-watch-logs', 's3', 'kinesis-data-firehose']).optional(),
    }),
  ),
});
export type VpcState = z.infer<typeof VpcStateSchema>;
