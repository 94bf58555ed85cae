import { z } from 'zod';

export const NETWORK_ACL_TYPE = 'AWS::EC2::NetworkAcl';

/** `AWS::EC2::NetworkAcl`: `DescribeNetworkAcls` entries. `Protocol` '-1' all, '6' TCP, '17' UDP. */
export const NetworkAclStateSchema = z.looseObject({
  networkAclId: z.string(),
  vpcId: z.string(),
  isDefault: z.boolean(),
  entries: z.array(
    z.looseObject({
      RuleNumber: z.number().int(),
      Protocol: z.string(),
      RuleAction: z.enum(['allow', 'deny']),
      Egress: z.boolean(),
      CidrBlock: z.string().optional(),
      Ipv6CidrBlock: z.string().optional(),
      PortRange: z.looseObject({ From: z.number().int(), To: z.number().int() }).optional(),
    }),
  ),
});
export type NetworkAclState = z.infer<typeof NetworkAclStateSchema>;
