import type { AnomalyInput } from '../../core/rca/anomalies.js';
import { buildRcaReport, rcaWindows, type RcaOptions, type RcaReport } from '../../core/rca/report.js';
import { dependencyDistances, type TopologyEdge } from '../../core/rca/topology.js';
import type { Incident } from '../../core/incidents/incident.js';
import { addTimeline, escalate } from '../../core/incidents/lifecycle.js';
import { NotFoundError } from '../../core/shared/errors.js';
import type { ChangeEvent, Cloud } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import type { LogEvent, Logs } from '../../ports/logs.js';
import type { Store } from '../../ports/store.js';

export interface RcaContext {
  anomalies?: AnomalyInput[];
  topology?: TopologyEdge[];
}

export interface RcaServiceOptions extends RcaOptions {
  /** Log groups of dependencies up to this many hops are mined too (default 1; 0 = affected resources only). */
  logDependencyDepth?: number;
  /** Changes are read on resources up to this many hops (default 3). */
  changeDependencyDepth?: number;
  /** Cap on events read per log group (default 200 000). */
  maxEventsPerGroup?: number;
  /** Topology used when the caller gives none (e.g. from the sandbox or a tag-based discovery). */
  topology?: () => Promise<TopologyEdge[]> | TopologyEdge[];
}

/** An RCA report as stored in the `reports` collection (kind `rca`). */
export interface RcaReportDoc {
  id: string;
  kind: 'rca';
  incidentId: string;
  createdAt: string;
  report: RcaReport & { gaps?: string[] };
  version?: number;
}

export interface RcaDeps {
  logs: Logs;
  cloud: Cloud;
  store: Store;
  clock: Clock;
}

/**
 * Fetches what RCA needs through the ports (log groups of the affected resources and their near
 * dependencies, CloudTrail changes on the dependency graph) and runs the pure analysis. A port that
 * fails does not fail the analysis: the gap is named in the report (`gaps`), never hidden.
 */
export function createRcaAnalysis(deps: RcaDeps, options: RcaServiceOptions = {}) {
  async function analyze(incident: Incident, ctx: RcaContext = {}): Promise<RcaReport & { gaps: string[] }> {
    const nowMs = deps.clock.now();
    const topology = ctx.topology ?? (options.topology ? await options.topology() : []);
    const anomalies = ctx.anomalies ?? [];
    const windows = rcaWindows(incident, nowMs, anomalies, options);
    const gaps: string[] = [];
    const logDist = dependencyDistances(incident.resourceArns, topology, options.logDependencyDepth ?? 1);
    const logGroupResources: Record<string, string> = {};
    const logs: LogEvent[] = [];
    for (const arn of logDist.keys()) {
      let groups: string[] = [];
      try {
        groups = await deps.logs.logGroupsFor(arn);
      } catch (e) {
        gaps.push(`log groups of ${arn}: ${errorText(e)}`);
      }
      for (const g of groups) {
        if (g in logGroupResources) continue;
        logGroupResources[g] = arn;
        try {
          const events = await deps.logs.filterLogEvents({ logGroup: g, startMs: windows.baseline.startMs, endMs: windows.incident.endMs, limit: options.maxEventsPerGroup ?? 200_000 });
          for (const e of events) logs.push(e);
        } catch (e) {
          gaps.push(`logs of ${g}: ${errorText(e)}`);
        }
      }
    }
    const sinceIso = new Date(windows.anchorMs - (options.changeLookbackMs ?? 3 * 3_600_000)).toISOString();
    const changes: ChangeEvent[] = [];
    for (const arn of dependencyDistances(incident.resourceArns, topology, options.changeDependencyDepth ?? 3).keys()) {
      try {
        changes.push(...(await deps.cloud.recentChanges(arn, sinceIso)));
      } catch (e) {
        gaps.push(`changes on ${arn}: ${errorText(e)}`);
      }
    }
    const report = buildRcaReport({ incident, nowMs, logs, logGroups: Object.keys(logGroupResources), logGroupResources, changes, anomalies, topology, options });
    return { ...report, gaps };
  }

  /**
   * Analyzes a stored incident, stores the report (`reports`, kind `rca`), appends an `rca`
   * timeline entry and, when critical log patterns were found, escalates the incident's severity.
   */
  async function analyzeAndRecord(incidentId: string, ctx: RcaContext = {}): Promise<{ report: RcaReport & { gaps: string[] }; incident: Incident }> {
    const incidents = deps.store.collection<Incident>('incidents');
    const current = await incidents.get(incidentId);
    if (!current) throw new NotFoundError('incident', incidentId);
    const report = await analyze(current, ctx);
    const at = report.analyzedAt;
    const doc: RcaReportDoc = { id: `rca-${incidentId}-${Date.parse(at)}`, kind: 'rca', incidentId, createdAt: at, report };
    await deps.store.collection<RcaReportDoc>('reports').put(doc);
    const incident = await incidents.update(incidentId, (inc) => {
      let next = addTimeline(inc, { at, kind: 'rca', message: report.summary, actor: 'automated', data: timelineData(report, doc.id) });
      if (report.escalation) next = escalate(next, report.escalation.severity, at, 'automated', `critical log patterns: ${report.escalation.reasons[0] ?? ''}`);
      return next;
    });
    return { report, incident };
  }

  /** The latest stored RCA report of an incident. */
  async function latestReport(incidentId: string): Promise<RcaReportDoc | undefined> {
    const docs = await deps.store.collection<RcaReportDoc>('reports').find({ where: { kind: 'rca' }, order: 'desc' });
    return docs.find((d) => d.incidentId === incidentId);
  }

  return { analyze, analyzeAndRecord, latestReport };
}

/** What the timeline keeps of a report: small, and enough for MTTD and the console's summary. */
export function timelineData(report: RcaReport, reportId: string): Record<string, unknown> {
  return {
    reportId,
    impactStartMs: report.windows.anchorMs,
    causes: report.causes.slice(0, 3).map((c) => ({ kind: c.kind, title: c.title, confidence: Math.round(c.confidence * 1000) / 1000 })),
    ...(report.escalation ? { escalation: report.escalation } : {}),
  };
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
