import { CHECK_SEVERITIES, severityOrder } from '../check.js';
import type { ComplianceFinding } from '../findings/finding.js';
import type { FrameworkScore } from '../frameworks/index.js';

export const escapeHtml = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const COLORS: Record<string, string> = { CRITICAL: '#7f1d1d', HIGH: '#b91c1c', MEDIUM: '#b45309', LOW: '#1d4ed8', INFORMATIONAL: '#475569' };

/** A self-contained HTML report (no scripts, no external assets): summary, framework scores, findings. */
export function toHtml(findings: readonly ComplianceFinding[], o: { generatedAt: string; scores?: readonly FrameworkScore[]; title?: string }): string {
  const open = findings.filter((f) => f.status === 'open');
  const counts = CHECK_SEVERITIES.map((s) => `<td style="color:${COLORS[s]}"><b>${open.filter((f) => f.severity === s).length}</b><br>${s}</td>`).join('');
  const scores = (o.scores ?? [])
    .map((s) => `<tr><td>${escapeHtml(s.name)} v${escapeHtml(s.version)}</td><td><b>${s.score}%</b></td><td>${s.controlsPassed}</td><td>${s.controlsFailed}</td><td>${s.controlsNotEvaluated}</td></tr>`)
    .join('');
  const rows = [...findings]
    .sort((a, b) => severityOrder(a.severity) - severityOrder(b.severity) || a.checkId.localeCompare(b.checkId))
    .map(
      (f) =>
        `<tr class="${f.status}"><td style="color:${COLORS[f.severity]}">${f.severity}</td><td>${escapeHtml(f.status)}</td><td><code>${escapeHtml(f.checkId)}</code><br>${escapeHtml(f.title)}</td>` +
        `<td><code>${escapeHtml(f.resourceArn)}</code></td><td>${escapeHtml(f.message)}${f.suppression ? `<br><i>suppressed: ${escapeHtml(f.suppression.reason)}${f.suppression.until ? ` until ${escapeHtml(f.suppression.until)}` : ''}</i>` : ''}</td>` +
        `<td>${escapeHtml([...(f.frameworks.cis ?? []).map((c) => `CIS ${c}`), ...(f.frameworks.fsbp ?? [])].join(', '))}</td><td>${escapeHtml(f.remediation ?? '')}</td><td>${escapeHtml(f.firstSeen)}</td><td>${escapeHtml(f.lastSeen)}</td></tr>`,
    )
    .join('\n');
  const title = escapeHtml(o.title ?? 'MatCarv AIOps compliance report');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#0f172a}table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #cbd5e1;padding:.4rem;text-align:left;vertical-align:top;font-size:.9rem}th{background:#f1f5f9}tr.resolved{opacity:.55}tr.suppressed{background:#f8fafc}</style>
</head><body>
<h1>${title}</h1>
<p>Generated ${escapeHtml(o.generatedAt)} · ${open.length} open, ${findings.filter((f) => f.status === 'suppressed').length} suppressed, ${findings.filter((f) => f.status === 'resolved').length} resolved findings</p>
<h2>Open findings by severity</h2><table><tr>${counts}</tr></table>
${scores ? `<h2>Framework scores</h2><table><tr><th>Framework</th><th>Score</th><th>Passed</th><th>Failed</th><th>Not evaluated</th></tr>${scores}</table>` : ''}
<h2>Findings</h2>
<table><tr><th>Severity</th><th>Status</th><th>Check</th><th>Resource</th><th>Evidence</th><th>Controls</th><th>Remediation</th><th>First seen</th><th>Last seen</th></tr>
${rows}
</table></body></html>
`;
}
