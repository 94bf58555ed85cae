import type { ChangeEvent } from '../../ports/cloud.js';
import { stableHash } from '../shared/hash.js';
import type { CauseKind } from './taxonomy.js';
import { arnName, dependencyDistances, type TopologyEdge } from './topology.js';

export type ChangeKind = 'deployment' | 'configuration' | 'security' | 'capacity' | 'availability' | 'other';

/** How CloudTrail event names map to change kinds and which causes they are evidence for (data). */
export interface ChangeRule {
  kind: ChangeKind;
  eventNames: readonly string[];
  hints: Partial<Record<CauseKind, number>>;
}

export const CHANGE_RULES: readonly ChangeRule[] = [
  {
    kind: 'deployment',
    eventNames: ['UpdateAlias', 'UpdateFunctionCode', 'PublishVersion', 'UpdateService', 'CreateDeployment', 'RegisterTaskDefinition', 'UpdateStack', 'ExecuteChangeSet', 'StartPipelineExecution', 'UpdateApplication'],
    hints: { deployment: 1 },
  },
  {
    kind: 'configuration',
    eventNames: ['UpdateFunctionConfiguration', 'PutParameter', 'DeleteParameter', 'LabelParameterVersion', 'PutSecretValue', 'UpdateSecret', 'ModifyDBParameterGroup', 'ModifyDBClusterParameterGroup', 'ModifyLoadBalancerAttributes', 'ModifyTargetGroupAttributes', 'ModifyListener', 'PutBucketLifecycleConfiguration', 'UpdateEnvironment', 'PutConfigurationSetEventDestination', 'UpdateEventSourceMapping', 'ChangeResourceRecordSets'],
    hints: { configuration: 1 },
  },
  {
    kind: 'security',
    eventNames: ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'ModifySecurityGroupRules', 'PutRolePolicy', 'DeleteRolePolicy', 'AttachRolePolicy', 'DetachRolePolicy', 'UpdateAssumeRolePolicy', 'PutKeyPolicy', 'DisableKey', 'ScheduleKeyDeletion', 'PutBucketPolicy', 'DeleteBucketPolicy', 'CreateNetworkAclEntry', 'ReplaceNetworkAclEntry', 'DeleteNetworkAclEntry'],
    hints: { security: 1 },
  },
  {
    kind: 'capacity',
    eventNames: ['SetDesiredCapacity', 'UpdateAutoScalingGroup', 'PutScalingPolicy', 'PutFunctionConcurrency', 'DeleteFunctionConcurrency', 'PutProvisionedConcurrencyConfig', 'UpdateTable', 'ModifyDBInstance', 'ModifyInstanceAttribute', 'RegisterScalableTarget'],
    hints: { capacity: 0.6, throttling: 0.5, 'resource-exhaustion': 0.3 },
  },
  {
    kind: 'availability',
    eventNames: ['FailoverDBCluster', 'RebootDBInstance', 'RebootDBCluster', 'StopDBInstance', 'DeleteDBInstance', 'RebootInstances', 'StopInstances', 'TerminateInstances', 'DeregisterTargets', 'StopTask'],
    hints: { 'dependency-failure': 1 },
  },
];

const RULE_BY_EVENT = new Map<string, ChangeRule>(CHANGE_RULES.flatMap((r) => r.eventNames.map((n) => [n, r] as const)));

/** Kind of a change; an `UpdateService` that only changes the desired count is capacity, not a deployment. */
export function classifyChange(c: ChangeEvent): ChangeRule {
  if (c.eventName === 'UpdateService' && c.params && !('taskDefinition' in c.params) && 'desiredCount' in c.params) return CHANGE_RULES[3] as ChangeRule;
  return RULE_BY_EVENT.get(c.eventName) ?? { kind: 'other', eventNames: [], hints: {} };
}

export interface CorrelatedChange {
  id: string;
  change: ChangeEvent;
  kind: ChangeKind;
  hints: Partial<Record<CauseKind, number>>;
  /** Hops from the incident's resources (0 = an affected resource itself). */
  distance: number;
  /** How long before the incident started. */
  ageMs: number;
  /** Time proximity × topology proximity × kind weight, in (0, 1]. */
  score: number;
  explanation: string;
}

export interface ChangeCorrelationOptions {
  affected: readonly string[];
  topology?: readonly TopologyEdge[];
  /** When the incident (or its first anomaly) started: changes after it are effects, not causes. */
  incidentStartMs: number;
  /** How far back to look (default 3 h). */
  lookbackMs?: number;
  /** Time-decay constant of proximity (default 30 min). */
  tauMs?: number;
  maxDistance?: number;
  /** Changes this long after the start still count (clock skew between CloudTrail and metrics; default 60 s). */
  graceMs?: number;
}

const KIND_WEIGHT: Record<ChangeKind, number> = { deployment: 1, configuration: 0.9, security: 0.9, availability: 1, capacity: 0.7, other: 0.3 };

/**
 * Ranks CloudTrail/deploy changes on the affected resources and their dependencies in the window
 * before the incident: the closer in time and in the topology, the higher. Pure.
 */
export function correlateChanges(changes: readonly ChangeEvent[], o: ChangeCorrelationOptions): CorrelatedChange[] {
  const lookback = o.lookbackMs ?? 3 * 3_600_000;
  const tau = o.tauMs ?? 30 * 60_000;
  const grace = o.graceMs ?? 60_000;
  const dist = dependencyDistances(o.affected, o.topology ?? [], o.maxDistance ?? 3);
  const seen = new Set<string>();
  const out: CorrelatedChange[] = [];
  for (const c of changes) {
    const at = Date.parse(c.time);
    if (Number.isNaN(at)) continue;
    const distance = dist.get(c.resourceArn);
    if (distance === undefined) continue;
    const ageMs = o.incidentStartMs - at;
    if (ageMs > lookback || ageMs < -grace) continue;
    const id = stableHash(`${c.time}|${c.eventName}|${c.resourceArn}|${c.principal}`).slice(0, 12);
    if (seen.has(id)) continue;
    seen.add(id);
    const rule = classifyChange(c);
    const score = Math.exp(-Math.max(0, ageMs) / tau) * (1 / (1 + distance)) * KIND_WEIGHT[rule.kind];
    const where = distance === 0 ? 'on the affected resource' : `on a dependency ${distance} hop${distance > 1 ? 's' : ''} away`;
    const when = ageMs >= 0 ? `${Math.round(ageMs / 60_000)} min before the incident` : 'at the incident start';
    out.push({ id, change: c, kind: rule.kind, hints: rule.hints, distance, ageMs, score, explanation: `${c.eventName} (${rule.kind}) on ${arnName(c.resourceArn)} by ${c.principal}, ${when}, ${where}` });
  }
  return out.sort((a, b) => b.score - a.score || a.ageMs - b.ageMs || (a.id < b.id ? -1 : 1));
}
