import { NotFoundError } from '../../../core/shared/errors.js';
import ec2CpuSpike from './ec2-cpu-spike.js';
import ecsTasksZero from './ecs-tasks-zero.js';
import lambdaThrottles from './lambda-throttles.js';
import ec2StatusCheckFailed from './ec2-status-check-failed.js';
import s3BucketPublic from './s3-bucket-public.js';
import ebsVolumeFull from './ebs-volume-full.js';
import dynamodbReadThrottle from './dynamodb-read-throttle.js';
import sgOpenSsh from './sg-open-ssh.js';
import alb5xxSpike from './alb-5xx-spike.js';
import route53HealthCheckFailed from './route53-health-check-failed.js';
import sqsDlqBacklog from './sqs-dlq-backlog.js';
import sqsQueueDepth from './sqs-queue-depth.js';
import snsDeliveryFailures from './sns-delivery-failures.js';
import cloudtrailStopped from './cloudtrail-stopped.js';
import iamAccessKeyOld from './iam-access-key-old.js';
import configRuleNoncompliant from './config-rule-noncompliant.js';
import guarddutyHighFinding from './guardduty-high-finding.js';
import lambdaBadAlias from './lambda-bad-alias.js';
import rdsFailoverEvent from './rds-failover-event.js';
import ebsSnapshotsExpired from './ebs-snapshots-expired.js';
import costAnomalyReport from './cost-anomaly-report.js';
import iamKeysNonprodRotation from './iam-keys-nonprod-rotation.js';
import anomalyDetectionSchedule from './anomaly-detection-schedule.js';
import securityhubSyncSchedule from './securityhub-sync-schedule.js';
import postureDrift from './posture-drift.js';
import costIdleInstance from './cost-idle-instance.js';
import costGp2Volume from './cost-gp2-volume.js';
import costUnassociatedEip from './cost-unassociated-eip.js';
import costUnattachedVolume from './cost-unattached-volume.js';
import costPreviousGeneration from './cost-previous-generation.js';
import costOversizedLambda from './cost-oversized-lambda.js';
import costOldSnapshot from './cost-old-snapshot.js';
import costIdleDbInstance from './cost-idle-db-instance.js';
import costOverprovisionedTable from './cost-overprovisioned-table.js';
import type { AnyScenario, DetectionExpectation, ScenarioDescriptor } from './scenario.js';
import latencyLevelShift from './latency-level-shift.js';
import memoryLeak from './memory-leak.js';
import nightTrafficDrop from './night-traffic-drop.js';
import sloErrorRateCreep from './slo-error-rate-creep.js';

/** Every sandbox scenario, one file each (one per catalogue entry). The registry test checks each one. */
export const SCENARIOS: readonly ScenarioDescriptor[] = [
  ec2CpuSpike,
  ecsTasksZero,
  lambdaThrottles,
  ec2StatusCheckFailed,
  s3BucketPublic,
  ebsVolumeFull,
  dynamodbReadThrottle,
  sgOpenSsh,
  alb5xxSpike,
  route53HealthCheckFailed,
  sqsDlqBacklog,
  sqsQueueDepth,
  snsDeliveryFailures,
  cloudtrailStopped,
  iamAccessKeyOld,
  configRuleNoncompliant,
  guarddutyHighFinding,
  lambdaBadAlias,
  rdsFailoverEvent,
  ebsSnapshotsExpired,
  costAnomalyReport,
  iamKeysNonprodRotation,
  anomalyDetectionSchedule,
  securityhubSyncSchedule,
];

/** Scenarios that rehearse detection rather than a runbook: anomalies a static threshold misses, posture drift, waste. */
export const DETECTION_SCENARIOS: readonly ScenarioDescriptor<DetectionExpectation>[] = [
  memoryLeak,
  nightTrafficDrop,
  latencyLevelShift,
  postureDrift,
  costIdleInstance,
  costGp2Volume,
  costUnassociatedEip,
  costUnattachedVolume,
  costPreviousGeneration,
  costOversizedLambda,
  costOldSnapshot,
  sloErrorRateCreep,
  costIdleDbInstance,
  costOverprovisionedTable,
];

/** Every scenario an operator can inject. */
export const ALL_SCENARIOS: readonly AnyScenario[] = [...SCENARIOS, ...DETECTION_SCENARIOS];

export function findScenario(id: string): AnyScenario {
  const s = ALL_SCENARIOS.find((x) => x.id === id);
  if (!s) throw new NotFoundError('scenario', id);
  return s;
}

/** A catalogue rehearsal scenario (one that names a runbook and its expected outcome). */
export function findRehearsal(id: string): ScenarioDescriptor {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new NotFoundError('rehearsal scenario', id);
  return s;
}
