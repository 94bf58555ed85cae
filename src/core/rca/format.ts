import type { RcaReport } from './report.js';

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const time = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Human-readable RCA report for the CLI (`aiops rca <incident>`) and plain-text notifications.
 *
 * @example
 * process.stdout.write(formatRcaReport(report));
 */
export function formatRcaReport(r: RcaReport & { gaps?: string[] }, options: { causes?: number; templates?: number; changes?: number } = {}): string {
  const out: string[] = [];
  out.push(`RCA for ${r.incidentId} (analyzed ${r.analyzedAt})`);
  out.push(`  windows: baseline ${time(r.windows.baseline.startMs)} → ${time(r.windows.baseline.endMs)}, incident → ${time(r.windows.incident.endMs)}; ${r.lines.baseline} + ${r.lines.incident} lines from ${r.logGroups.length} log group(s)`);
  if (r.escalation) out.push(`  ESCALATE to ${r.escalation.severity}: ${r.escalation.reasons[0] ?? ''}`);
  out.push('', 'Probable causes:');
  if (r.causes.length === 0) out.push('  (none found)');
  for (const c of r.causes.slice(0, options.causes ?? 3)) {
    out.push(`  ${c.rank}. ${c.title} — ${c.kind}, confidence ${pct(c.confidence)}`);
    for (const e of c.evidence.slice(0, 3)) out.push(`     - [${e.type}] ${e.summary}`, `       ${e.link}`);
  }
  out.push('', 'Top log templates (new first, then by rate vs baseline):');
  for (const t of r.templates.slice(0, options.templates ?? 5)) out.push(`  ${t.isNew ? 'NEW ' : `×${t.ratio.toFixed(1)}`.padEnd(4)} ${String(t.incident).padStart(6)}  ${t.template.length > 120 ? `${t.template.slice(0, 120)}…` : t.template}${t.critical.length > 0 ? `  [${t.critical.map((x) => x.id).join(', ')}]` : ''}`);
  if (r.changes.length > 0) {
    out.push('', 'Correlated changes:');
    for (const c of r.changes.slice(0, options.changes ?? 5)) out.push(`  ${c.change.time}  score ${c.score.toFixed(2)}  ${c.explanation}`);
  }
  if (r.gaps && r.gaps.length > 0) out.push('', 'Gaps (could not read):', ...r.gaps.map((g) => `  - ${g}`));
  return `${out.join('\n')}\n`;
}
