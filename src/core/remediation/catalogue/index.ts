import type { RunbookDescriptor } from '../runbook.js';
import scaleOutEC2ASG from './AIOps-ScaleOutEC2ASG.js';
import restartECSService from './AIOps-RestartECSService.js';
import increaseLambdaConcurrency from './AIOps-IncreaseLambdaConcurrency.js';
import rebootEC2Instance from './AIOps-RebootEC2Instance.js';
import blockS3PublicAccess from './AIOps-BlockS3PublicAccess.js';
import snapshotEBSVolume from './AIOps-SnapshotEBSVolume.js';
import scaleDynamoDBCapacity from './AIOps-ScaleDynamoDBCapacity.js';
import revokeOpenSSH from './AIOps-RevokeOpenSSH.js';
import invalidateCFCache from './AIOps-InvalidateCFCache.js';
import failoverRoute53 from './AIOps-FailoverRoute53.js';
import purgeSQSDLQ from './AIOps-PurgeSQSDLQ.js';
import scaleQueueConsumer from './AIOps-ScaleQueueConsumer.js';
import disableFailingSNSSubscription from './AIOps-DisableFailingSNSSubscription.js';
import enableCloudTrail from './AIOps-EnableCloudTrail.js';
import disableOldAccessKey from './AIOps-DisableOldAccessKey.js';
import createConfigFinding from './AIOps-CreateConfigFinding.js';
import quarantineIAMPrincipal from './AIOps-QuarantineIAMPrincipal.js';
import rotateLambdaAlias from './AIOps-RotateLambdaAlias.js';
import rDSFailover from './AIOps-RDSFailover.js';
import deleteExpiredEBSSnapshots from './AIOps-DeleteExpiredEBSSnapshots.js';
import generateCostAnomalyReport from './AIOps-GenerateCostAnomalyReport.js';
import rotateNonProdAccessKeys from './AIOps-RotateNonProdAccessKeys.js';
import runAnomalyDetection from './AIOps-RunAnomalyDetection.js';
import syncSecurityHubFindings from './AIOps-SyncSecurityHubFindings.js';
import stopIdleInstance from './AIOps-StopIdleInstance.js';
import modifyVolumeToGp3 from './AIOps-ModifyVolumeToGp3.js';
import releaseElasticIp from './AIOps-ReleaseElasticIp.js';
import deleteUnattachedVolume from './AIOps-DeleteUnattachedVolume.js';
import changeInstanceType from './AIOps-ChangeInstanceType.js';
import rightSizeLambdaMemory from './AIOps-RightSizeLambdaMemory.js';
import deleteOldSnapshot from './AIOps-DeleteOldSnapshot.js';
import stopIdleDbInstance from './AIOps-StopIdleDbInstance.js';
import rightSizeDynamoDbCapacity from './AIOps-RightSizeDynamoDbCapacity.js';

/**
 * The auto-remediation catalogue: seed 001's 17 rows, seed 000's AIOps-* runbooks (merged where
 * they are the same action) and the scheduled maintenance tasks. Order follows the seeds.
 */
export const CATALOGUE: readonly RunbookDescriptor[] = [
  scaleOutEC2ASG,
  restartECSService,
  increaseLambdaConcurrency,
  rebootEC2Instance,
  blockS3PublicAccess,
  snapshotEBSVolume,
  scaleDynamoDBCapacity,
  revokeOpenSSH,
  invalidateCFCache,
  failoverRoute53,
  purgeSQSDLQ,
  scaleQueueConsumer,
  disableFailingSNSSubscription,
  enableCloudTrail,
  disableOldAccessKey,
  createConfigFinding,
  quarantineIAMPrincipal,
  rotateLambdaAlias,
  rDSFailover,
  deleteExpiredEBSSnapshots,
  generateCostAnomalyReport,
  rotateNonProdAccessKeys,
  runAnomalyDetection,
  syncSecurityHubFindings,
  stopIdleInstance,
  modifyVolumeToGp3,
  releaseElasticIp,
  deleteUnattachedVolume,
  changeInstanceType,
  rightSizeLambdaMemory,
  deleteOldSnapshot,
  stopIdleDbInstance,
  rightSizeDynamoDbCapacity,
];

const BY_ID = new Map(CATALOGUE.map((r) => [r.id, r]));

/** The catalogue entry with this id, or undefined. */
export function findRunbook(id: string): RunbookDescriptor | undefined {
  return BY_ID.get(id);
}

export { matchesTrigger, matchRunbooks } from './match.js';
export { RUNBOOK_PERMISSIONS } from './permissions.js';
