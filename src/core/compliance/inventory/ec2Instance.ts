import { z } from 'zod';

export const EC2_INSTANCE_TYPE = 'AWS::EC2::Instance';

/** `AWS::EC2::Instance`: `DescribeInstances`. */
export const Ec2InstanceStateSchema = z.looseObject({
  instanceId: z.string(),
  instanceType: z.string().optional(),
  state: z.looseObject({ Name: z.enum(['pending', 'running', 'shutting-down', 'terminated', 'stopping', 'stopped']) }),
  metadataOptions: z.looseObject({ HttpTokens: z.enum(['optional', 'required']), HttpEndpoint: z.enum(['enabled', 'disabled']).default('enabled') }),
  publicIpAddress: z.string().nullable().optional(),
  iamInstanceProfile: z.looseObject({ Arn: z.string() }).nullable().optional(),
});
export type Ec2InstanceState = z.infer<typeof Ec2InstanceStateSchema>;
