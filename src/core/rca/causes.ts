import type { CorrelatedAnomaly } from './anomalies.js';
import type { CorrelatedChange } from './changes.js';
import { cloudTrailLink, incidentLink, logGroupLink, metricLink } from './links.js';
import type { RankedTemplate } from './logs/mine.js';
import { CAUSE_KINDS, CAUSE_TITLES, type CauseKind } from './taxonomy.js';
import { arnName } from './topology.js';

export type EvidenceType = 'log-template' | 'change' | 'metric-anomaly';

/** One piece of evidence behind a probable cause, with a link to see it. */
export interface Evidence {
  type: EvidenceType;
  /** Template id, change id or anomaly id (also an anchor in the incident's RCA view). */
  ref: string;
  summary: string;
  /** How much this piece contributes to the cause, in [0, 1). */
  weight: number;
  link: string;
  consoleLink: string;
  resourceArn?: string;
  at?: string;
}

export interface ProbableCause {
  rank: number;
  kind: CauseKind;
  title: string;
  /** Noisy-OR of the evidence weights, in [0, 1). */
  confidence: number;
  explanation: string;
  /** The resource the strongest evidence points at. */
  resourceArn?: string;
  evidence: Evidence[];
}

export interface CauseInputs {
  incidentId: string;
  templates: readonly RankedTemplate[];
  changes: readonly CorrelatedChange[];
  anomalies: readonly CorrelatedAnomaly[];
  /** Resource of the log templates (the first affected resource) for links. */
  primaryResourceArn?: string;
  /**
   * Where each template's lines came from when that was a dependency of the affected resources
   * (template id → resource and hop distance): errors in a dependency's own logs say the
   * dependency is failing, whatever the error is.
   */
  templateSources?: ReadonlyMap<string, { resourceArn: string; distance: number }>;
  /** Templates considered (the top N by rank; default 20). */
  maxTemplates?: number;
  /** Evidence kept per cause (default 6). */
  maxEvidence?: number;
  /** Minimum confidence for a cause to be listed (default 0.05). */
  minConfidence?: number;
}

/** How much each family of evidence is trusted on its own (calibrated on the generated scenarios). */
export const EVIDENCE_WEIGHTS = { log: 0.85, change: 0.8, anomaly: 0.7 } as const;

/** Strength of a template's surprise: 0 for steady, → 1 for a frequent new error template. */
const templateStrength = (t: RankedTemplate): number => (t.isNew || t.ratio >= 2 ? 1 - Math.exp(-t.score / 4) : 0);

/**
 * Probable causes: every piece of evidence (an anomalous log template matching a critical
 * pattern, a correlated change, a correlated metric anomaly) votes for cause kinds with a weight;
 * a cause's confidence is the noisy-OR of its votes, so independent agreeing evidence (a deploy
 * four minutes before + a new TypeError template) compounds. Ranked by confidence. Pure.
 */
export function probableCauses(input: CauseInputs): ProbableCause[] {
  const maxEvidence = input.maxEvidence ?? 6;
  const votes = new Map<CauseKind, Evidence[]>();
  const vote = (k: CauseKind, e: Evidence): void => {
    if (e.weight <= 0) return;
    const list = votes.get(k);
    if (list) list.push(e);
    else votes.set(k, [e]);
  };
  for (const t of input.templates.slice(0, input.maxTemplates ?? 20)) {
    const s = templateStrength(t);
    if (s === 0) continue;
    const hints = new Map<CauseKind, number>();
    for (const c of t.critical) for (const [k, v] of Object.entries(c.hints) as [CauseKind, number][]) hints.set(k, Math.max(hints.get(k) ?? 0, v));
    // A new error nobody has a pattern for is most often a code path a release broke.
    if (hints.size === 0 && t.isNew && (t.level === 'ERROR' || t.level === 'FATAL')) hints.set('deployment', 0.3);
    const source = input.templateSources?.get(t.id);
    if (source && source.distance > 0 && hints.size > 0) {
      const strongest = Math.max(...hints.values());
      for (const [k, h] of hints) hints.set(k, h * 0.5);
      hints.set('dependency-failure', Math.max(hints.get('dependency-failure') ?? 0, strongest));
    }
    const resourceArn = source?.resourceArn ?? input.primaryResourceArn;
    for (const [k, h] of hints) {
      vote(k, {
        type: 'log-template',
        ref: t.id,
        summary: `${source && source.distance > 0 ? `in dependency ${arnName(source.resourceArn)}'s logs: ` : ''}${t.isNew ? 'new' : `×${t.ratio.toFixed(1)}`} log template "${t.template.length > 140 ? `${t.template.slice(0, 140)}…` : t.template}" seen ${t.incident}× (baseline ${t.baseline})${t.samples[0] ? `; e.g. ${firstLine(t.samples[0])}` : ''}`,
        weight: EVIDENCE_WEIGHTS.log * h * s,
        link: t.logGroups[0] ? logGroupLink(t.logGroups[0], resourceArn) : incidentLink(input.incidentId, `template-${t.id}`),
        consoleLink: incidentLink(input.incidentId, `template-${t.id}`),
        ...(resourceArn ? { resourceArn } : {}),
        ...(t.firstSeenMs !== undefined ? { at: new Date(t.firstSeenMs).toISOString() } : {}),
      });
    }
  }
  for (const c of input.changes) {
    for (const [k, h] of Object.entries(c.hints) as [CauseKind, number][]) {
      vote(k, { type: 'change', ref: c.id, summary: c.explanation, weight: EVIDENCE_WEIGHTS.change * h * c.score, link: cloudTrailLink(c.change.eventName, c.change.resourceArn), consoleLink: incidentLink(input.incidentId, `change-${c.id}`), resourceArn: c.change.resourceArn, at: c.change.time });
    }
  }
  for (const a of input.anomalies) {
    for (const [k, h] of Object.entries(a.hints) as [CauseKind, number][]) {
      vote(k, { type: 'metric-anomaly', ref: a.id, summary: a.explanation, weight: EVIDENCE_WEIGHTS.anomaly * h * a.weight, link: metricLink(a.anomaly.metric, a.anomaly.resourceArn), consoleLink: incidentLink(input.incidentId, `anomaly-${a.id}`), resourceArn: a.anomaly.resourceArn, at: new Date(a.timeMs).toISOString() });
    }
  }
  const causes: Omit<ProbableCause, 'rank'>[] = [];
  for (const kind of CAUSE_KINDS) {
    const ev = votes.get(kind);
    if (!ev) continue;
    ev.sort((a, b) => b.weight - a.weight || (a.ref < b.ref ? -1 : 1));
    const confidence = 1 - ev.reduce((p, e) => p * (1 - Math.min(0.99, e.weight)), 1);
    if (confidence < (input.minConfidence ?? 0.05)) continue;
    const top = ev[0] as Evidence;
    const kinds = [...new Set(ev.map((e) => e.type))];
    const resourceArn = ev.find((e) => e.type !== 'log-template')?.resourceArn ?? top.resourceArn;
    causes.push({
      kind,
      title: `${CAUSE_TITLES[kind]}${resourceArn ? ` (${arnName(resourceArn)})` : ''}`,
      confidence,
      explanation: `${CAUSE_TITLES[kind]}: ${ev.length} piece${ev.length > 1 ? 's' : ''} of evidence from ${kinds.join(', ')}; strongest: ${top.summary}`,
      ...(resourceArn ? { resourceArn } : {}),
      evidence: ev.slice(0, maxEvidence),
    });
  }
  causes.sort((a, b) => b.confidence - a.confidence || CAUSE_KINDS.indexOf(a.kind) - CAUSE_KINDS.indexOf(b.kind));
  return causes.map((c, i) => ({ rank: i + 1, ...c }));
}

const firstLine = (s: string): string => {
  const l = s.split('\n')[0] ?? '';
  return l.length > 160 ? `${l.slice(0, 160)}…` : l;
};
