import type { Sandbox, SandboxTimelineItem } from '../../adapters/sandbox/sandbox.js';
import { logGroupsOf } from '../../adapters/sandbox/sandbox-logs.js';
import type { FaultSpec } from '../../adapters/sandbox/faults/schema.js';
import { generateLogs, type FaultKind, type FaultWindow } from '../../core/rca/loggen/index.js';
import type { TopologyEdge } from '../../core/rca/topology.js';
import { fnv1a32 } from '../../core/shared/hash.js';
import type { ResourceRecord } from '../../ports/cloud.js';
import type { LogEvent, LogQuery, Logs } from '../../ports/logs.js';
import { resolveSandboxArn } from './rca-topology.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * How the sandbox's fault primitives read as log-generator fault kinds (documented in docs/rca.md,
 * "Sandbox logs"). Metric faults by metric name, state faults by their CloudTrail event name, `logs`
 * faults by the text of their template. First match wins; no match adds no generated fault lines.
 */
export const METRIC_FAULT_KINDS: readonly { metric: RegExp; kind: FaultKind }[] = [
  { metric: /CPUUtilization|CpuUtilized|LoadAverage/i, kind: 'cpu-saturation' },
  { metric: /MemoryUtilization|MaxMemoryUsed|FreeableMemory|SwapUsage/i, kind: 'oom' },
  { metric: /Throttl/i, kind: 'throttling' },
  { metric: /FreeStorageSpace|DiskSpace|UsedPercent/i, kind: 'disk-full' },
  { metric: /DatabaseConnections/i, kind: 'db-failover' },
  { metric: /Latency|Duration|ResponseTime/i, kind: 'dependency-latency' },
];

export const STATE_FAULT_KINDS: readonly { eventName: RegExp; kind: FaultKind }[] = [
  { eventName: /^(UpdateFunctionCode|UpdateAlias|PublishVersion|UpdateService|CreateDeployment|RegisterTaskDefinition)$/, kind: 'bad-deploy' },
  { eventName: /^(UpdateFunctionConfiguration|PutParameter|DeleteParameter|PutSecretValue)$/, kind: 'bad-config' },
  { eventName: /^(FailoverDBInstance|FailoverDBCluster|RebootDBInstance|RebootDBCluster|StopDBInstance)$/, kind: 'db-failover' },
  { eventName: /^(PutRolePolicy|DeleteRolePolicy|DetachRolePolicy|PutKeyPolicy|RevokeSecurityGroupIngress|RevokeSecurityGroupEgress)$/, kind: 'access-denied' },
  { eventName: /^(UpdateTable|PutFunctionConcurrency|DeleteFunctionConcurrency)$/, kind: 'throttling' },
];

export const LOG_TEMPLATE_KINDS: readonly { text: RegExp; kind: FaultKind }[] = [
  { text: /OutOfMemory|out of memory|OOMKilled|heap/i, kind: 'oom' },
  { text: /No space left|ENOSPC|disk full/i, kind: 'disk-full' },
  { text: /ECONNREFUSED|Connection refused|could not connect|database system is/i, kind: 'db-failover' },
  { text: /Throttl|Rate exceeded|TooManyRequests|ProvisionedThroughputExceeded/i, kind: 'throttling' },
  { text: /AccessDenied|not authorized|Forbidden/i, kind: 'access-denied' },
  { text: /TypeError|NullPointerException|ReferenceError|is not a function|Cannot read propert/i, kind: 'bad-deploy' },
  { text: /ParameterNotFound|Missing required|Invalid configuration|not set/i, kind: 'bad-config' },
  { text: /saturated|RejectedExecution|overloaded|too busy/i, kind: 'cpu-saturation' },
  { text: /timed? ?out|ETIMEDOUT|circuit breaker|upstream/i, kind: 'dependency-latency' },
];

/** A generator fault on one sandbox resource. */
export interface SandboxFaultWindow extends FaultWindow {
  kind: FaultKind;
  resourceArn: string;
  /** The sandbox fault id it came from. */
  faultId: string;
}

/** The fault kind a fault primitive reads as in logs, or undefined (events and unmapped faults). */
export function faultKindOf(fault: FaultSpec): FaultKind | undefined {
  switch (fault.type) {
    case 'metric':
      // A fault that lowers CPU or latency is not a saturation.
      if (fault.pattern === 'dropout' || (fault.pattern === 'scale' && fault.magnitude < 1)) return fault.metric.match(/DatabaseConnections/i) ? 'db-failover' : undefined;
      return METRIC_FAULT_KINDS.find((m) => m.metric.test(fault.metric))?.kind;
    case 'state':
      return fault.eventName ? STATE_FAULT_KINDS.find((s) => s.eventName.test(fault.eventName!))?.kind : undefined;
    case 'logs':
      return fault.level === 'DEBUG' || fault.level === 'INFO' ? undefined : LOG_TEMPLATE_KINDS.find((l) => l.text.test(fault.template))?.kind;
    default:
      return undefined;
  }
}

/**
 * Reconstructs fault windows from the sandbox's public record: the timeline's "scheduled" entries
 * carry each fault primitive and when it was scheduled (start = then + startInMinutes; end = start +
 * duration, + revertAfterMinutes for state faults, open for permanent state changes), "cleared
 * active faults" ends metric and log faults early, and `logFaults()` gives the exact windows of
 * `logs` faults. A database failover also shows in the logs of the database's direct dependants.
 */
export function sandboxFaultWindows(sandbox: Pick<Sandbox, 'timeline' | 'logFaults' | 'resolve'>, topology: readonly TopologyEdge[] = []): SandboxFaultWindow[] {
  const items: SandboxTimelineItem[] = sandbox.timeline(1000);
  const clears = items.filter((i) => i.kind === 'fault' && i.message === 'cleared active faults').map((i) => Date.parse(i.at));
  const exactLogs = new Map(sandbox.logFaults().map((l) => [l.id, l]));
  const out: SandboxFaultWindow[] = [];
  for (const item of items) {
    const fault = item.data?.fault as FaultSpec | undefined;
    const faultId = item.data?.id as string | undefined;
    if (item.kind !== 'fault' || !fault || !faultId) continue;
    const kind = faultKindOf(fault);
    if (!kind) continue;
    let arn: string;
    try {
      arn = sandbox.resolve(fault.resource).arn;
    } catch {
      continue;
    }
    const startMs = Date.parse(item.at) + (fault.startInMinutes ?? 0) * MINUTE;
    let endMs: number;
    if (fault.type === 'state') endMs = fault.revertAfterMinutes ? startMs + fault.revertAfterMinutes * MINUTE : Number.POSITIVE_INFINITY;
    else if (fault.type === 'logs' && exactLogs.has(faultId)) endMs = exactLogs.get(faultId)!.endMs;
    else endMs = startMs + ('durationMinutes' in fault ? fault.durationMinutes : 0) * MINUTE;
    if (fault.type !== 'state') for (const c of clears) if (c >= startMs && c < endMs) endMs = c;
    if (endMs <= startMs) continue;
    out.push({ kind, resourceArn: arn, startMs, endMs, faultId });
    if (kind === 'db-failover') for (const e of topology) if (e.to === arn) out.push({ kind, resourceArn: e.from, startMs, endMs, faultId });
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

export interface RcaSandboxLogsOptions {
  topology?: () => readonly TopologyEdge[];
  /** Generated application lines per minute per log group (default 60). */
  ratePerMinute?: number;
}

/**
 * The sandbox's Logs port, made realistic for RCA: the sandbox's own lines (its simple background
 * and the raw lines of `logs` faults) merged with `generateLogs` output for the resource that owns
 * the log group (Lambda Powertools JSON, ECS Spring text with stack traces, PostgreSQL, plain text),
 * with fault kinds derived from the sandbox's fault primitives. Generation is in whole-hour chunks
 * seeded by (sandbox seed, hour), so the same query always returns the same lines.
 */
export class RcaSandboxLogs implements Logs {
  constructor(
    private readonly sandbox: Sandbox,
    private readonly options: RcaSandboxLogsOptions = {},
  ) {}

  logGroupsFor(resourceArn: string): Promise<string[]> {
    return this.sandbox.logs.logGroupsFor(resolveSandboxArn(this.sandbox.resources(), resourceArn)?.arn ?? resourceArn);
  }

  async filterLogEvents(q: LogQuery): Promise<LogEvent[]> {
    const base = await this.sandbox.logs.filterLogEvents({ ...q, limit: undefined });
    const end = Math.min(q.endMs, this.sandbox.now());
    const owners = this.sandbox.resources().filter((r) => logGroupsOf(r).includes(q.logGroup));
    const owner = pickOwner(owners);
    if (!owner || end <= q.startMs) return q.limit ? base.slice(0, q.limit) : base;
    const ownerArns = new Set(owners.map((o) => o.arn));
    const faults = sandboxFaultWindows(this.sandbox, this.options.topology?.() ?? []).filter((f) => ownerArns.has(f.resourceArn));
    const terms = (q.filterPattern ?? '').split(/\s+/).filter(Boolean);
    const generated: LogEvent[] = [];
    for (let chunk = Math.floor(q.startMs / HOUR) * HOUR; chunk < end; chunk += HOUR) {
      const lines = generateLogs({
        service: owner.tags['service'] ?? owner.name,
        resourceArn: owner.arn,
        fromMs: chunk,
        toMs: chunk + HOUR,
        faults,
        seed: (this.sandbox.seed ^ fnv1a32(`${q.logGroup}|${chunk}`)) >>> 0,
        ratePerMinute: this.options.ratePerMinute ?? 60,
        logGroup: q.logGroup,
      });
      for (const e of lines) if (e.timestamp >= q.startMs && e.timestamp < end && terms.every((t) => e.message.includes(t))) generated.push(e);
    }
    const merged = [...base, ...generated].sort((a, b) => a.timestamp - b.timestamp);
    return q.limit ? merged.slice(0, q.limit) : merged;
  }
}

/** The group's writer: the Auto Scaling group for a fleet's shared group, else the first owner. */
function pickOwner(owners: readonly ResourceRecord[]): ResourceRecord | undefined {
  return owners.find((o) => o.type === 'AWS::AutoScaling::AutoScalingGroup') ?? owners[0];
}
