import { stableHash } from '../shared/hash.js';
import type { CauseKind } from './taxonomy.js';
import { arnName, dependencyDistances, type TopologyEdge } from './topology.js';

/** A metric anomaly as the anomaly detectors record it (only the fields RCA needs). */
export interface AnomalyInput {
  id?: string;
  resourceArn: string;
  /** Metric name or metric key (`AWS/RDS DatabaseConnections DBInstanceIdentifier=orders-db`). */
  metric: string;
  /** ISO time or epoch ms of the anomalous point. */
  time: string | number;
  /** Detector score in [0, 1] (default 0.8). */
  score?: number;
  direction?: 'up' | 'down';
}

/**
 * Which causes a metric anomaly points at, depending on whether it is on the affected resource
 * itself (`self`) or on one of its dependencies (`dependency`). Symptoms on the affected resource
 * (errors, latency) say little; the same on a dependency says it is the dependency. Data.
 */
export interface MetricRule {
  metric: RegExp;
  direction?: 'up' | 'down';
  self: Partial<Record<CauseKind, number>>;
  dependency: Partial<Record<CauseKind, number>>;
}

export const METRIC_RULES: readonly MetricRule[] = [
  { metric: /Throttl/i, self: { throttling: 0.9 }, dependency: { throttling: 0.8 } },
  { metric: /CPUUtilization|CPUCreditBalance|LoadAverage|CpuReserved/i, direction: 'up', self: { capacity: 0.8 }, dependency: { 'dependency-failure': 0.4, capacity: 0.3 } },
  { metric: /RequestCount|Invocations|ConcurrentExecutions|IncomingRecords|NumberOfMessagesSent/i, direction: 'up', self: { capacity: 0.5 }, dependency: { capacity: 0.3 } },
  { metric: /MemoryUtilization|SwapUsage|MaxMemoryUsed/i, direction: 'up', self: { 'resource-exhaustion': 0.8 }, dependency: { 'dependency-failure': 0.3, 'resource-exhaustion': 0.3 } },
  { metric: /FreeableMemory/i, direction: 'down', self: { 'resource-exhaustion': 0.7 }, dependency: { 'dependency-failure': 0.3, 'resource-exhaustion': 0.4 } },
  { metric: /FreeStorageSpace|DiskSpace|disk_used|EBSByteBalance/i, self: { 'resource-exhaustion': 0.9 }, dependency: { 'resource-exhaustion': 0.6, 'dependency-failure': 0.3 } },
  { metric: /DatabaseConnections/i, direction: 'down', self: { 'dependency-failure': 0.5 }, dependency: { 'dependency-failure': 0.8 } },
  { metric: /DatabaseConnections/i, direction: 'up', self: { 'resource-exhaustion': 0.4 }, dependency: { 'resource-exhaustion': 0.3 } },
  { metric: /Latency|Duration|ResponseTime|IteratorAge/i, direction: 'up', self: { capacity: 0.2 }, dependency: { 'dependency-failure': 0.7 } },
  { metric: /Errors|5XX|Faults|Failed|UnHealthyHostCount|StatusCheckFailed/i, direction: 'up', self: {}, dependency: { 'dependency-failure': 0.6 } },
  { metric: /HealthyHostCount|RunningTaskCount/i, direction: 'down', self: { capacity: 0.4 }, dependency: { 'dependency-failure': 0.6 } },
];

export interface CorrelatedAnomaly {
  id: string;
  anomaly: AnomalyInput;
  timeMs: number;
  distance: number;
  /** Negative when the anomaly came after the incident start. */
  leadMs: number;
  hints: Partial<Record<CauseKind, number>>;
  /** Detector score × time proximity, in [0, 1]. */
  weight: number;
  explanation: string;
}

export interface AnomalyCorrelationOptions {
  affected: readonly string[];
  topology?: readonly TopologyEdge[];
  incidentStartMs: number;
  /** Anomalies this long before the start count (default 2 h). */
  lookbackMs?: number;
  /** Anomalies this long after the start count (default 30 min). */
  lookaheadMs?: number;
  tauMs?: number;
  maxDistance?: number;
}

const dirOf = (a: AnomalyInput): 'up' | 'down' => a.direction ?? 'up';

/** Metric anomalies on the affected resources and their dependencies around the incident start. */
export function correlateAnomalies(anomalies: readonly AnomalyInput[], o: AnomalyCorrelationOptions): CorrelatedAnomaly[] {
  const dist = dependencyDistances(o.affected, o.topology ?? [], o.maxDistance ?? 3);
  const lookback = o.lookbackMs ?? 2 * 3_600_000;
  const lookahead = o.lookaheadMs ?? 30 * 60_000;
  const tau = o.tauMs ?? 30 * 60_000;
  const out: CorrelatedAnomaly[] = [];
  for (const a of anomalies) {
    const distance = dist.get(a.resourceArn);
    const timeMs = typeof a.time === 'number' ? a.time : Date.parse(a.time);
    if (distance === undefined || Number.isNaN(timeMs)) continue;
    const leadMs = o.incidentStartMs - timeMs;
    if (leadMs > lookback || leadMs < -lookahead) continue;
    const hints: Partial<Record<CauseKind, number>> = {};
    for (const r of METRIC_RULES) {
      if (!r.metric.test(a.metric) || (r.direction && r.direction !== dirOf(a))) continue;
      for (const [k, v] of Object.entries(distance === 0 ? r.self : r.dependency) as [CauseKind, number][]) hints[k] = Math.max(hints[k] ?? 0, v);
      break;
    }
    const weight = Math.min(1, Math.max(0, a.score ?? 0.8)) * Math.exp(-Math.abs(leadMs) / tau);
    const where = distance === 0 ? 'on the affected resource' : `on dependency ${arnName(a.resourceArn)} (${distance} hop${distance > 1 ? 's' : ''})`;
    out.push({
      id: a.id ?? stableHash(`${a.resourceArn}|${a.metric}|${timeMs}`).slice(0, 12),
      anomaly: a,
      timeMs,
      distance,
      leadMs,
      hints,
      weight,
      explanation: `${a.metric} ${dirOf(a) === 'up' ? 'rose' : 'dropped'} anomalously ${where}, ${Math.round(Math.abs(leadMs) / 60_000)} min ${leadMs >= 0 ? 'before' : 'after'} the incident start`,
    });
  }
  return out.sort((x, y) => y.weight - x.weight || x.distance - y.distance || (x.id < y.id ? -1 : 1));
}
