import { stableHash } from '../../shared/hash.js';
import type { Severity } from '../../shared/severity.js';
import { worstSeverity } from '../../shared/severity.js';
import { DrainMiner, type DrainOptions, type LogCluster } from './drain.js';
import { maskedTokens } from './mask.js';
import type { LogLevel, ParsedLogEvent } from './events.js';
import { classifyCritical, CRITICAL_PATTERNS, type CriticalPattern } from './patterns.js';

export interface TimeWindow {
  startMs: number;
  /** Exclusive. */
  endMs: number;
}

/** One mined template with its counts in the baseline and incident windows. */
export interface TemplateStats {
  /** Stable across runs: a hash of the final template text. */
  id: string;
  template: string;
  level: LogLevel;
  baseline: number;
  incident: number;
  /** Up to `maxSamples` raw first lines from the incident window (or the baseline if none there). */
  samples: string[];
  logGroups: string[];
  firstSeenMs?: number;
  lastSeenMs?: number;
}

export interface MineResult {
  templates: TemplateStats[];
  linesBaseline: number;
  linesIncident: number;
}

const LEVEL_ORDER: Record<LogLevel, number> = { UNKNOWN: 0, TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };

type Acc = { baseline: number; incident: number; level: LogLevel; samples: string[]; bSamples: string[]; groups: Set<string>; first?: number; last?: number };

/**
 * Streaming form of {@link mineWindows}: feed events in batches (e.g. page by page from the Logs
 * port) and read the result at the end; memory stays proportional to the number of templates.
 */
export class WindowMiner {
  private readonly miner: DrainMiner;
  private readonly maxSamples: number;
  private readonly acc = new Map<LogCluster, Acc>();
  private linesBaseline = 0;
  private linesIncident = 0;

  constructor(
    private readonly baseline: TimeWindow,
    private readonly incident: TimeWindow,
    options: DrainOptions & { maxSamples?: number } = {},
  ) {
    this.miner = new DrainMiner(options);
    this.maxSamples = options.maxSamples ?? 3;
  }

  add(events: readonly ParsedLogEvent[]): void {
    const { baseline, incident, maxSamples } = this;
    for (const e of events) {
      const inIncident = e.timestamp >= incident.startMs && e.timestamp < incident.endMs;
      const inBaseline = !inIncident && e.timestamp >= baseline.startMs && e.timestamp < baseline.endMs;
      if (!inIncident && !inBaseline) continue;
      const c = this.miner.addTokens(maskedTokens(e.text, e.level === 'UNKNOWN' ? undefined : e.level));
      let a = this.acc.get(c);
      if (!a) {
        a = { baseline: 0, incident: 0, level: e.level, samples: [], bSamples: [], groups: new Set() };
        this.acc.set(c, a);
      }
      if (LEVEL_ORDER[e.level] > LEVEL_ORDER[a.level]) a.level = e.level;
      a.groups.add(e.logGroup);
      if (inIncident) {
        this.linesIncident++;
        a.incident++;
        if (a.samples.length < maxSamples) a.samples.push(sampleOf(e));
        if (a.first === undefined || e.timestamp < a.first) a.first = e.timestamp;
        if (a.last === undefined || e.timestamp > a.last) a.last = e.timestamp;
      } else {
        this.linesBaseline++;
        a.baseline++;
        if (a.bSamples.length < maxSamples) a.bSamples.push(sampleOf(e));
      }
    }
  }

  result(): MineResult {
    const templates: TemplateStats[] = [];
    for (const [cluster, a] of this.acc) {
      const template = cluster.tokens.join(' ');
      const t: TemplateStats = {
        id: stableHash(template).slice(0, 12),
        template,
        level: a.level,
        baseline: a.baseline,
        incident: a.incident,
        samples: a.samples.length > 0 ? a.samples : a.bSamples,
        logGroups: [...a.groups].sort(),
      };
      if (a.first !== undefined) t.firstSeenMs = a.first;
      if (a.last !== undefined) t.lastSeenMs = a.last;
      templates.push(t);
    }
    return { templates, linesBaseline: this.linesBaseline, linesIncident: this.linesIncident };
  }
}

/**
 * Mines templates from the events of both windows with one miner (so the same message shape gets
 * the same template in both), then counts each template per window. Events outside both windows
 * are ignored.
 */
export function mineWindows(events: readonly ParsedLogEvent[], baseline: TimeWindow, incident: TimeWindow, options: DrainOptions & { maxSamples?: number } = {}): MineResult {
  const m = new WindowMiner(baseline, incident, options);
  m.add(events);
  return m.result();
}

function sampleOf(e: ParsedLogEvent): string {
  const first = e.stack && e.stack.length > 0 ? `${e.raw.split('\n')[0]}\n  ${e.stack.slice(0, 3).join('\n  ')}` : e.raw;
  return first.length > 400 ? `${first.slice(0, 400)}…` : first;
}

export interface RankedTemplate extends TemplateStats {
  /** Absent from the baseline window. */
  isNew: boolean;
  /** Smoothed rate ratio incident/baseline (per ms, add-`smoothing` on both counts). */
  ratio: number;
  /** How surprising the template is, weighted by level: new > frequent increase > steady. */
  score: number;
  critical: { id: string; title: string; severity: Severity; hints: CriticalPattern['hints'] }[];
}

export interface RankOptions {
  baselineMs: number;
  incidentMs: number;
  /** Additive smoothing on both counts (default 1). */
  smoothing?: number;
  patterns?: readonly CriticalPattern[];
}

const LEVEL_WEIGHT: Record<LogLevel, number> = { FATAL: 1.2, ERROR: 1, WARN: 0.6, UNKNOWN: 0.5, INFO: 0.3, DEBUG: 0.1, TRACE: 0.1 };

/**
 * Ranks templates seen in the incident window against the baseline window before it: new
 * templates first (most frequent first), then by smoothed frequency ratio, then by count.
 */
export function rankTemplates(templates: readonly TemplateStats[], options: RankOptions): RankedTemplate[] {
  const a = options.smoothing ?? 1;
  const bMs = Math.max(1, options.baselineMs);
  const iMs = Math.max(1, options.incidentMs);
  const patterns = options.patterns ?? CRITICAL_PATTERNS;
  const ranked: RankedTemplate[] = [];
  for (const t of templates) {
    if (t.incident === 0) continue;
    const isNew = t.baseline === 0;
    const ratio = (t.incident + a) / iMs / ((t.baseline + a) / bMs);
    const surprise = isNew ? 2 + Math.log2(1 + t.incident) : Math.max(0, Math.log2(ratio));
    const matchText = `${t.template}\n${t.samples[0] ?? ''}`;
    const critical = classifyCritical(matchText, patterns).map((p) => ({ id: p.id, title: p.title, severity: p.severity, hints: p.hints }));
    ranked.push({ ...t, isNew, ratio, score: surprise * LEVEL_WEIGHT[t.level], critical });
  }
  ranked.sort((x, y) => Number(y.isNew) - Number(x.isNew) || (x.isNew ? y.incident - x.incident : y.ratio - x.ratio) || y.incident - x.incident || (x.id < y.id ? -1 : 1));
  return ranked;
}

export interface Escalation {
  severity: Severity;
  reasons: string[];
}

/**
 * Critical patterns on templates that grew in the incident window (new, or ≥ `minRatio` times
 * more frequent, and seen at least `minCount` times) escalate; a pattern that was already as
 * frequent before, or a single stray line, is background noise.
 */
export function criticalEscalation(ranked: readonly RankedTemplate[], minRatio = 2, minCount = 3): Escalation | undefined {
  let severity: Severity | undefined;
  const reasons: string[] = [];
  for (const t of ranked) {
    if (t.critical.length === 0 || t.incident < minCount || !(t.isNew || t.ratio >= minRatio)) continue;
    for (const c of t.critical) {
      severity = severity ? worstSeverity(severity, c.severity) : c.severity;
      reasons.push(`${c.title}: "${t.template}" ×${t.incident}${t.isNew ? ' (new)' : ` (×${t.ratio.toFixed(1)} vs baseline)`}`);
    }
  }
  return severity ? { severity, reasons: reasons.slice(0, 10) } : undefined;
}
