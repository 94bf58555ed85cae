import type { ChangeEvent } from '../../../ports/cloud.js';
import type { LogEvent } from '../../../ports/logs.js';
import { openIncident } from '../../incidents/lifecycle.js';
import type { Incident } from '../../incidents/incident.js';
import { fnv1a32, seededRandom } from '../../shared/hash.js';
import type { AnomalyInput } from '../anomalies.js';
import type { CauseKind } from '../taxonomy.js';
import type { TopologyEdge } from '../topology.js';
import { FAULT_CAUSES, FAULT_KINDS, type FaultKind, type FaultWindow } from './faults.js';
import { generateLogs, logGroupFor } from './generate.js';

/** A small shop on AWS: the resources and dependencies every generated RCA scenario runs on. */
const A = 'eu-west-1:123456789012';
export const SHOP = {
  web: `arn:aws:autoscaling:${A}:autoScalingGroup:6d7f0a:autoScalingGroupName/web-asg`,
  ordersApi: `arn:aws:ecs:${A}:service/prod/orders-api`,
  checkout: `arn:aws:lambda:${A}:function:checkout`,
  ordersDb: `arn:aws:rds:${A}:db:orders-db`,
  ordersTable: `arn:aws:dynamodb:${A}:table/orders`,
  paymentsApi: `arn:aws:ecs:${A}:service/prod/payments-api`,
  checkoutRole: 'arn:aws:iam::123456789012:role/checkout-role',
  ordersRole: 'arn:aws:iam::123456789012:role/orders-api-role',
  flags: `arn:aws:ssm:${A}:parameter/checkout/prod/feature-flags`,
  catalog: `arn:aws:lambda:${A}:function:catalog`,
  catalogTable: `arn:aws:dynamodb:${A}:table/catalog`,
  bastionSg: `arn:aws:ec2:${A}:security-group/sg-0b1a2c3d4e5f60718`,
} as const;

export const SHOP_TOPOLOGY: readonly TopologyEdge[] = [
  { from: SHOP.web, to: SHOP.ordersApi },
  { from: SHOP.web, to: SHOP.checkout },
  { from: SHOP.ordersApi, to: SHOP.ordersDb },
  { from: SHOP.ordersApi, to: SHOP.paymentsApi },
  { from: SHOP.ordersApi, to: SHOP.ordersRole },
  { from: SHOP.ordersApi, to: SHOP.flags },
  { from: SHOP.checkout, to: SHOP.ordersTable },
  { from: SHOP.checkout, to: SHOP.paymentsApi },
  { from: SHOP.checkout, to: SHOP.checkoutRole },
  { from: SHOP.checkout, to: SHOP.ordersDb },
  { from: SHOP.checkout, to: SHOP.flags },
  { from: SHOP.catalog, to: SHOP.catalogTable },
];

const SERVICE_OF: Record<string, string> = {
  [SHOP.web]: 'web',
  [SHOP.ordersApi]: 'orders-api',
  [SHOP.checkout]: 'checkout',
  [SHOP.ordersDb]: 'orders-db',
  [SHOP.paymentsApi]: 'payments-api',
  [SHOP.catalog]: 'catalog',
};

/** Resources that write application logs (tables, roles and parameters do not). */
export const LOGGING_RESOURCES: readonly string[] = Object.keys(SERVICE_OF);

export interface RcaScenario {
  id: string;
  kind: FaultKind;
  /** The known root cause, what RCA accuracy is measured against. */
  cause: CauseKind;
  faultStartMs: number;
  incident: Incident;
  /** When the analysis runs. */
  nowMs: number;
  topology: readonly TopologyEdge[];
  /** Application logs per log group. */
  logs: Record<string, LogEvent[]>;
  logGroupsByResource: Record<string, string[]>;
  /** Every CloudTrail change in the account around the incident, including unrelated ones. */
  changes: ChangeEvent[];
  anomalies: AnomalyInput[];
}

export interface ScenarioOptions {
  /** Log lines per minute per service (default 60). */
  ratePerMinute?: number;
  /** Epoch ms of the fault start (default 2026-11-23T12:00:00Z). */
  faultStartMs?: number;
}

const MIN = 60_000;

/**
 * One generated incident with a known cause: the fault's logs on the affected service (and on
 * the failing dependency, if any), the change that caused it when there is one, the metric
 * anomalies it produced, plus distractors (unrelated deploys, older config changes, noise
 * anomalies) so that ranking has to work. Deterministic for (kind, seed).
 */
export function buildScenario(kind: FaultKind, seed: number, options: ScenarioOptions = {}): RcaScenario {
  const r = seededRandom((seed * 7919) ^ fnv1a32(kind));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const between = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const t0 = options.faultStartMs ?? Date.parse('2026-11-23T12:00:00Z');
  const iso = (ms: number): string => new Date(ms).toISOString();
  const changes: ChangeEvent[] = [];
  const anomalies: AnomalyInput[] = [];
  const faults: Record<string, FaultWindow[]> = {};
  const addFault = (arn: string, k: FaultKind): void => {
    (faults[arn] ??= []).push({ kind: k, startMs: t0, endMs: t0 + 40 * MIN });
  };
  const change = (arn: string, eventName: string, eventSource: string, agoMin: number, principal: string, params?: Record<string, unknown>): void => {
    changes.push({ time: iso(t0 - agoMin * MIN - between(0, 50) * 1000), eventName, eventSource, resourceArn: arn, principal, ...(params ? { params } : {}) });
  };
  const anomaly = (arn: string, metric: string, leadMin: number, direction: 'up' | 'down' = 'up', score = 0.9): void => {
    anomalies.push({ resourceArn: arn, metric, time: t0 - leadMin * MIN, direction, score });
  };
  const deployer = 'arn:aws:sts::123456789012:assumed-role/github-deploy/ci';
  const operator = 'arn:aws:sts::123456789012:assumed-role/Admin/jane';

  let affected: string;
  switch (kind) {
    case 'cpu-saturation':
      affected = pick([SHOP.ordersApi, SHOP.web]);
      addFault(affected, kind);
      anomaly(affected, 'CPUUtilization', -between(1, 4));
      if (r() < 0.5) anomaly(affected, 'RequestCount', between(0, 3), 'up', 0.7);
      break;
    case 'bad-deploy':
      affected = pick([SHOP.checkout, SHOP.ordersApi]);
      addFault(affected, kind);
      if (affected === SHOP.checkout) change(affected, 'UpdateAlias', 'lambda.amazonaws.com', between(1, 12), deployer, { name: 'live', functionVersion: String(between(40, 90)) });
      else change(affected, 'UpdateService', 'ecs.amazonaws.com', between(1, 12), deployer, { taskDefinition: `orders-api:${between(80, 120)}` });
      anomaly(affected, 'Errors', -between(1, 3));
      break;
    case 'db-failover':
      affected = pick([SHOP.ordersApi, SHOP.checkout]);
      addFault(affected, kind);
      addFault(SHOP.ordersDb, kind);
      if (r() < 0.5) change(SHOP.ordersDb, pick(['RebootDBInstance', 'FailoverDBCluster']), 'rds.amazonaws.com', between(0, 3), operator, { forceFailover: true });
      anomaly(SHOP.ordersDb, 'DatabaseConnections', 0, 'down');
      anomaly(affected, 'Errors', -between(1, 3));
      break;
    case 'throttling':
      affected = SHOP.checkout;
      addFault(affected, kind);
      if (r() < 0.5) change(SHOP.ordersTable, 'UpdateTable', 'dynamodb.amazonaws.com', between(5, 30), operator, { provisionedThroughput: { writeCapacityUnits: 5 } });
      anomaly(SHOP.ordersTable, 'WriteThrottleEvents', -between(0, 2));
      anomaly(affected, 'Errors', -between(1, 3), 'up', 0.7);
      break;
    case 'oom':
      affected = pick([SHOP.ordersApi, SHOP.checkout]);
      addFault(affected, kind);
      if (affected === SHOP.ordersApi) anomaly(affected, 'MemoryUtilization', between(2, 10));
      anomaly(affected, 'Errors', -between(1, 3), 'up', 0.7);
      break;
    case 'bad-config':
      affected = pick([SHOP.checkout, SHOP.ordersApi]);
      addFault(affected, kind);
      if (r() < 0.5) change(SHOP.flags, 'PutParameter', 'ssm.amazonaws.com', between(1, 15), operator, { name: '/checkout/prod/feature-flags', overwrite: true });
      else if (affected === SHOP.checkout) change(affected, 'UpdateFunctionConfiguration', 'lambda.amazonaws.com', between(1, 15), operator, { environment: { variables: '***' } });
      else change(SHOP.flags, 'DeleteParameter', 'ssm.amazonaws.com', between(1, 15), operator);
      anomaly(affected, 'Errors', -between(1, 3));
      break;
    case 'access-denied': {
      affected = pick([SHOP.checkout, SHOP.ordersApi]);
      addFault(affected, kind);
      const role = affected === SHOP.checkout ? SHOP.checkoutRole : SHOP.ordersRole;
      change(role, pick(['DetachRolePolicy', 'PutRolePolicy', 'DeleteRolePolicy']), 'iam.amazonaws.com', between(1, 20), operator, { policyName: 'orders-table-write' });
      anomaly(affected, 'Errors', -between(1, 3));
      break;
    }
    case 'disk-full':
      affected = pick([SHOP.web, SHOP.ordersDb]);
      addFault(affected, kind);
      anomaly(affected, affected === SHOP.ordersDb ? 'FreeStorageSpace' : 'disk_used_percent', between(3, 20), affected === SHOP.ordersDb ? 'down' : 'up');
      break;
    case 'dependency-latency':
      affected = pick([SHOP.checkout, SHOP.ordersApi]);
      addFault(affected, kind);
      addFault(SHOP.paymentsApi, 'cpu-saturation');
      anomaly(SHOP.paymentsApi, 'TargetResponseTime', between(0, 3));
      anomaly(affected, 'Duration', -between(1, 3), 'up', 0.7);
      break;
  }

  // Harder cases: the signature anomaly was missed by the detectors (first one added for the
  // kind), an unrelated deploy landed on a dependency shortly before, or a short burst of another
  // fault's errors shows up on the affected service as a secondary symptom.
  if (r() < 0.3 && anomalies.length > 1) anomalies.shift();
  if (r() < 0.3) change(SHOP.paymentsApi, 'UpdateService', 'ecs.amazonaws.com', between(10, 25), deployer, { taskDefinition: `payments-api:${between(10, 50)}` });
  if (r() < 0.25) {
    const other = pick(FAULT_KINDS.filter((k) => k !== kind && FAULT_CAUSES[k] !== FAULT_CAUSES[kind]));
    const at = t0 + between(0, 6) * MIN;
    (faults[affected] ??= []).push({ kind: other, startMs: at, endMs: at + 3 * MIN });
  }

  // Distractors: what a real account also did that afternoon.
  change(SHOP.catalog, 'UpdateAlias', 'lambda.amazonaws.com', between(2, 30), deployer, { name: 'live' });
  change(SHOP.bastionSg, 'AuthorizeSecurityGroupIngress', 'ec2.amazonaws.com', between(5, 90), operator);
  if (r() < 0.6) change(SHOP.paymentsApi, 'UpdateService', 'ecs.amazonaws.com', between(60, 150), deployer, { taskDefinition: `payments-api:${between(10, 50)}` });
  if (r() < 0.5) change(SHOP.web, 'PutScalingPolicy', 'autoscaling.amazonaws.com', between(30, 120), operator);
  if (r() < 0.4) change(affected, kind === 'bad-deploy' ? 'TagResource' : 'UpdateFunctionConfiguration', 'lambda.amazonaws.com', between(100, 170), operator);
  anomaly(SHOP.catalog, 'Duration', between(-10, 30), 'up', 0.6);
  if (r() < 0.5) anomaly(SHOP.web, 'RequestCount', between(20, 60), 'up', 0.5);

  const rate = options.ratePerMinute ?? 60;
  const logs: Record<string, LogEvent[]> = {};
  const logGroupsByResource: Record<string, string[]> = {};
  for (const arn of LOGGING_RESOURCES) {
    const group = logGroupFor(arn);
    logGroupsByResource[arn] = [group];
    logs[group] = generateLogs({ service: SERVICE_OF[arn] ?? 'app', resourceArn: arn, fromMs: t0 - 100 * MIN, toMs: t0 + 45 * MIN, faults: faults[arn] ?? [], seed: seed * 31 + 7, ratePerMinute: rate });
  }
  const openedMs = t0 + between(2, 8) * MIN;
  const incident = openIncident({
    id: `inc-${kind}-${seed}`,
    title: `${SERVICE_OF[affected] ?? affected.split(':').pop()} degraded`,
    severity: 'SEV-2',
    groupKey: `service=${SERVICE_OF[affected] ?? 'app'},env=prod`,
    service: SERVICE_OF[affected] ?? 'app',
    environment: 'prod',
    resourceArns: [affected],
    alertIds: [`alert-${kind}-${seed}`],
    labels: { scenario: kind },
    at: iso(openedMs),
  });
  return { id: `${kind}#${seed}`, kind, cause: FAULT_CAUSES[kind], faultStartMs: t0, incident, nowMs: openedMs + 10 * MIN, topology: SHOP_TOPOLOGY, logs, logGroupsByResource, changes, anomalies };
}

/** Every fault kind × `seeds` seeds: the generated scenario set the benchmark measures (build each lazily with {@link buildScenario}: a scenario holds tens of thousands of log lines). */
export function scenarioSpecs(seeds: number): { kind: FaultKind; seed: number }[] {
  const out: { kind: FaultKind; seed: number }[] = [];
  for (let s = 1; s <= seeds; s++) for (const k of FAULT_KINDS) out.push({ kind: k, seed: s });
  return out;
}
