import { z } from 'zod';

export const SECURITY_GROUP_TYPE = 'AWS::EC2::SecurityGroup';

/** One EC2 `IpPermission` as `DescribeSecurityGroups` returns it. `IpProtocol` '-1' means all traffic. */
export const IpPermissionSchema = z.looseObject({
  IpProtocol: z.string(),
  FromPort: z.number().int().optional(),
  ToPort: z.number().int().optional(),
  IpRanges: z.array(z.looseObject({ CidrIp: z.string(), Description: z.string().optional() })).default([]),
  Ipv6Ranges: z.array(z.looseObject({ CidrIpv6: z.string(), Description: z.string().optional() })).default([]),
  UserIdGroupPairs: z.array(z.looseObject({ GroupId: z.string() })).default([]),
  PrefixListIds: z.array(z.looseObject({ PrefixListId: z.string() })).default([]),
});
export type IpPermission = z.infer<typeof IpPermissionSchema>;

/** `AWS::EC2::SecurityGroup`: `DescribeSecurityGroups`. */
export const SecurityGroupStateSchema = z.looseObject({
  groupId: z.string(),
  groupName: z.string(),
  vpcId: z.string().optional(),
  ipPermissions: z.array(IpPermissionSchema),
  ipPermissionsEgress: z.array(IpPermissionSchema).default([]),
});
export type SecurityGroupState = z.infer<typeof SecurityGroupStateSchema>;
