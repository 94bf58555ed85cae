import type { CostRuleDescriptor } from '../rule.js';
import dynamodbOverprovisioned from './dynamodb-overprovisioned.js';
import ebsGp2ToGp3 from './ebs-gp2-to-gp3.js';
import ebsSnapshotOld from './ebs-snapshot-old.js';
import ebsUnderused from './ebs-underused.js';
import ec2LowUtilization from './ec2-low-utilization.js';
import ec2PreviousGeneration from './ec2-previous-generation.js';
import eipUnassociated from './eip-unassociated.js';
import elbIdle from './elb-idle.js';
import lambdaOversizedMemory from './lambda-oversized-memory.js';
import natGatewayIdle from './nat-gateway-idle.js';
import rdsIdle from './rds-idle.js';

/** Every cost rule. The registry test checks ids, files, config and docs for each entry. */
export const COST_RULES: readonly CostRuleDescriptor[] = [
  ec2LowUtilization,
  ec2PreviousGeneration,
  elbIdle,
  ebsUnderused,
  ebsGp2ToGp3,
  ebsSnapshotOld,
  eipUnassociated,
  rdsIdle,
  lambdaOversizedMemory,
  dynamodbOverprovisioned,
  natGatewayIdle,
];
