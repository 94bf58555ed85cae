import type { ChangeEvent } from '../../ports/cloud.js';
import type { LogEvent } from '../../ports/logs.js';
import type { Incident } from '../incidents/incident.js';
import { severityRank, type Severity } from '../shared/severity.js';
import { correlateAnomalies, type AnomalyInput, type CorrelatedAnomaly } from './anomalies.js';
import { probableCauses, type ProbableCause } from './causes.js';
import { correlateChanges, type CorrelatedChange } from './changes.js';
import type { DrainOptions } from './logs/drain.js';
import { parseLogEvents } from './logs/events.js';
import { criticalEscalation, mineWindows, rankTemplates, type Escalation, type RankedTemplate, type TimeWindow } from './logs/mine.js';
import type { CriticalPattern } from './logs/patterns.js';
import { dependencyDistances, type TopologyEdge } from './topology.js';

export interface RcaOptions {
  /** Incident window starts this long before the anchor (default 15 min). */
  beforeMs?: number;
  /** …and ends this long after it, or at resolution/now if earlier (default 15 min). */
  afterMs?: number;
  /** Baseline window length, right before the incident window (default 60 min). */
  baselineMs?: number;
  /** How far back changes are correlated (default 3 h). */
  changeLookbackMs?: number;
  /** Templates kept in the report (default 15). */
  maxTemplates?: number;
  /** Changes kept in the report (default 10). */
  maxChanges?: number;
  drain?: DrainOptions;
  patterns?: readonly CriticalPattern[];
}

export interface RcaWindows {
  /** The time RCA anchors on: the earliest of the incident's opening and the first anomaly on an affected resource. */
  anchorMs: number;
  baseline: TimeWindow;
  incident: TimeWindow;
}

export interface RcaReport {
  incidentId: string;
  analyzedAt: string;
  windows: RcaWindows;
  logGroups: string[];
  lines: { baseline: number; incident: number };
  templates: RankedTemplate[];
  /** Critical patterns found in grown templates: raise the incident to this severity and escalate. */
  escalation?: Escalation;
  changes: CorrelatedChange[];
  anomalies: CorrelatedAnomaly[];
  causes: ProbableCause[];
  /** One paragraph for notifications and the timeline. */
  summary: string;
}

export const DEFAULT_RCA_OPTIONS = { beforeMs: 15 * 60_000, afterMs: 15 * 60_000, baselineMs: 60 * 60_000, changeLookbackMs: 3 * 3_600_000, maxTemplates: 15, maxChanges: 10 } as const;

/** The windows RCA looks at for an incident, given what is known at `nowMs`. */
export function rcaWindows(incident: Pick<Incident, 'openedAt' | 'resolvedAt' | 'resourceArns'>, nowMs: number, anomalies: readonly AnomalyInput[] = [], options: RcaOptions = {}): RcaWindows {
  const o = { ...DEFAULT_RCA_OPTIONS, ...options };
  const opened = Date.parse(incident.openedAt);
  let anchorMs = opened;
  const affected = new Set(incident.resourceArns);
  for (const a of anomalies) {
    const t = typeof a.time === 'number' ? a.time : Date.parse(a.time);
    // Only anomalies on the incident's own resources, shortly before it opened, move the anchor.
    if (affected.has(a.resourceArn) && t < anchorMs && opened - t <= o.beforeMs * 4) anchorMs = t;
  }
  const start = anchorMs - o.beforeMs;
  const resolved = incident.resolvedAt ? Date.parse(incident.resolvedAt) : Number.POSITIVE_INFINITY;
  const end = Math.max(start + 1, Math.min(nowMs, resolved, opened + o.afterMs));
  return { anchorMs, baseline: { startMs: start - o.baselineMs, endMs: start }, incident: { startMs: start, endMs: end } };
}

export interface RcaInputs {
  incident: Incident;
  nowMs: number;
  logs: readonly LogEvent[];
  logGroups?: readonly string[];
  changes?: readonly ChangeEvent[];
  anomalies?: readonly AnomalyInput[];
  topology?: readonly TopologyEdge[];
  /** Which resource each log group belongs to (log group → ARN), to tell a dependency's errors from the service's own. */
  logGroupResources?: Readonly<Record<string, string>>;
  options?: RcaOptions;
}

/**
 * The whole analysis, pure: windows, template mining and ranking, critical escalation, change and
 * anomaly correlation, probable causes, summary. The RCA use case only fetches its inputs.
 */
export function buildRcaReport(input: RcaInputs): RcaReport {
  const o = { ...DEFAULT_RCA_OPTIONS, ...(input.options ?? {}) };
  const { incident } = input;
  const windows = rcaWindows(incident, input.nowMs, input.anomalies, o);
  const parsed = parseLogEvents([...input.logs].sort((a, b) => a.timestamp - b.timestamp));
  const mined = mineWindows(parsed, windows.baseline, windows.incident, o.drain);
  const ranked = rankTemplates(mined.templates, { baselineMs: windows.baseline.endMs - windows.baseline.startMs, incidentMs: windows.incident.endMs - windows.incident.startMs, ...(o.patterns ? { patterns: o.patterns } : {}) });
  const escalation = criticalEscalation(ranked);
  const topology = input.topology ?? [];
  const changes = correlateChanges(input.changes ?? [], { affected: incident.resourceArns, topology, incidentStartMs: windows.anchorMs, lookbackMs: o.changeLookbackMs });
  const anomalies = correlateAnomalies(input.anomalies ?? [], { affected: incident.resourceArns, topology, incidentStartMs: windows.anchorMs });
  const templateSources = sourcesOf(ranked, input.logGroupResources ?? {}, dependencyDistances(incident.resourceArns, topology));
  const causes = probableCauses({ incidentId: incident.id, templates: ranked, changes, anomalies, templateSources, ...(incident.resourceArns[0] ? { primaryResourceArn: incident.resourceArns[0] } : {}) });
  const report: RcaReport = {
    incidentId: incident.id,
    analyzedAt: new Date(input.nowMs).toISOString(),
    windows,
    logGroups: [...new Set(input.logGroups ?? input.logs.map((l) => l.logGroup))].sort(),
    lines: { baseline: mined.linesBaseline, incident: mined.linesIncident },
    templates: ranked.slice(0, o.maxTemplates),
    changes: changes.slice(0, o.maxChanges),
    anomalies,
    causes,
    summary: '',
  };
  if (escalation) report.escalation = escalation;
  report.summary = summarize(report, incident.severity);
  return report;
}

/** A template comes from a dependency when every log group it was seen in belongs to one (nearest wins). */
function sourcesOf(ranked: readonly RankedTemplate[], groupResources: Readonly<Record<string, string>>, dist: ReadonlyMap<string, number>): Map<string, { resourceArn: string; distance: number }> {
  const out = new Map<string, { resourceArn: string; distance: number }>();
  for (const t of ranked) {
    let best: { resourceArn: string; distance: number } | undefined;
    for (const g of t.logGroups) {
      const arn = groupResources[g];
      const d = arn === undefined ? undefined : dist.get(arn);
      if (arn === undefined || d === undefined) {
        best = undefined;
        break;
      }
      if (!best || d < best.distance) best = { resourceArn: arn, distance: d };
    }
    if (best) out.set(t.id, best);
  }
  return out;
}

function summarize(r: RcaReport, severity: Severity): string {
  const top = r.causes[0];
  const parts: string[] = [];
  if (top) parts.push(`Probable cause: ${top.title} (confidence ${Math.round(top.confidence * 100)}%). ${top.evidence[0]?.summary ?? ''}`.trim());
  else parts.push('No probable cause found: no anomalous log template, correlated change or dependency anomaly.');
  const others = r.causes.slice(1, 3).map((c) => `${c.kind} ${Math.round(c.confidence * 100)}%`);
  if (others.length > 0) parts.push(`Also considered: ${others.join(', ')}.`);
  const fresh = r.templates.filter((t) => t.isNew).length;
  parts.push(`${r.lines.incident} log lines in the incident window vs ${r.lines.baseline} in the baseline; ${fresh} new template${fresh === 1 ? '' : 's'}; ${r.changes.length} correlated change${r.changes.length === 1 ? '' : 's'}.`);
  if (r.escalation && severityRank(r.escalation.severity) < severityRank(severity)) parts.push(`Critical log patterns: escalate ${severity} → ${r.escalation.severity}.`);
  return parts.join(' ');
}
