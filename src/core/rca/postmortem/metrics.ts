import type { Incident } from '../../incidents/incident.js';
import type { Severity } from '../../shared/severity.js';

/**
 * MTTA / MTTD / MTTR reports per service and severity over time. MTTA and MTTR come from the
 * incident's recorded timestamps; MTTD needs when impact started, which RCA records (the anchor of
 * its windows: the first anomaly on the affected resources) or a label `impactStartedAt` gives.
 */
export interface DurationStats {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
}

export interface ResponseMetricsRow {
  service: string;
  severity: Severity;
  /** Period start (ISO) for `day`/`week`/`month` buckets, or `all`. */
  period: string;
  incidents: number;
  resolved: number;
  mtta?: DurationStats;
  mttd?: DurationStats;
  mttr?: DurationStats;
}

export type Bucket = 'day' | 'week' | 'month' | 'all';

/** When impact began: an `impactStartedAt` label, else the anchor of the latest RCA timeline entry. */
export function impactStartMs(incident: Incident): number | undefined {
  const label = incident.labels.impactStartedAt;
  if (label && !Number.isNaN(Date.parse(label))) return Date.parse(label);
  for (let i = incident.timeline.length - 1; i >= 0; i--) {
    const e = incident.timeline[i];
    const anchor = e?.kind === 'rca' ? e.data?.impactStartMs : undefined;
    if (typeof anchor === 'number') return anchor;
  }
  return undefined;
}

/** Detection delay: incident opened minus impact start (never negative). */
export function mttdMs(incident: Incident): number | undefined {
  const start = impactStartMs(incident);
  return start === undefined ? undefined : Math.max(0, Date.parse(incident.openedAt) - start);
}

function stats(values: number[]): DurationStats | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
  return { count: s.length, meanMs: s.reduce((a, b) => a + b, 0) / s.length, p50Ms: q(0.5), p90Ms: q(0.9) };
}

export function periodStart(iso: string, bucket: Bucket): string {
  if (bucket === 'all') return 'all';
  const d = new Date(iso);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (bucket === 'day') return new Date(day).toISOString();
  if (bucket === 'month') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString();
  // ISO weeks start on Monday.
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(day - dow * 86_400_000).toISOString();
}

export function responseMetrics(incidents: readonly Incident[], options: { bucket?: Bucket } = {}): ResponseMetricsRow[] {
  const bucket = options.bucket ?? 'week';
  const groups = new Map<string, { service: string; severity: Severity; period: string; list: Incident[] }>();
  for (const inc of incidents) {
    const service = inc.service ?? 'unknown';
    const period = periodStart(inc.openedAt, bucket);
    const key = `${service}|${inc.severity}|${period}`;
    let g = groups.get(key);
    if (!g) {
      g = { service, severity: inc.severity, period, list: [] };
      groups.set(key, g);
    }
    g.list.push(inc);
  }
  const rows: ResponseMetricsRow[] = [];
  for (const g of groups.values()) {
    const opened = (i: Incident): number => Date.parse(i.openedAt);
    const row: ResponseMetricsRow = { service: g.service, severity: g.severity, period: g.period, incidents: g.list.length, resolved: g.list.filter((i) => i.resolvedAt).length };
    const mtta = stats(g.list.flatMap((i) => (i.acknowledgedAt ? [Date.parse(i.acknowledgedAt) - opened(i)] : [])));
    const mttr = stats(g.list.flatMap((i) => (i.resolvedAt ? [Date.parse(i.resolvedAt) - opened(i)] : [])));
    const mttd = stats(g.list.flatMap((i) => {
      const v = mttdMs(i);
      return v === undefined ? [] : [v];
    }));
    if (mtta) row.mtta = mtta;
    if (mttd) row.mttd = mttd;
    if (mttr) row.mttr = mttr;
    rows.push(row);
  }
  return rows.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) || a.service.localeCompare(b.service) || a.severity.localeCompare(b.severity));
}
