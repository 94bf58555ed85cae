import { CHECK_SEVERITIES, severityOrder } from '../../core/compliance/check.js';
import type { ScanReport } from './complianceService.js';

/**
 * A human-readable scan summary for the CLI (`aiops scan`): totals, framework scores, and the
 * failing findings worst first, each with its remediation runbook.
 */
export function formatScanReport(report: ScanReport, o: { maxFailures?: number } = {}): string {
  const max = o.maxFailures ?? 50;
  const lines: string[] = [];
  const secs = (report.durationMs / 1000).toFixed(2);
  lines.push(`Scanned ${report.resources} resources with ${report.checks} checks (${report.evaluations} evaluations) in ${secs}s`);
  lines.push(`  passed ${report.passed} · failed ${report.failed}${report.errors ? ` (${report.errors} could not be evaluated)` : ''} · not applicable ${report.notApplicable}`);
  lines.push(`  findings: ${report.changes.opened} new, ${report.changes.reopened} reopened, ${report.changes.resolved + report.changes.deleted} resolved, ${report.changes['suppressed-seen']} suppressed`);
  const open = CHECK_SEVERITIES.filter((s) => report.openBySeverity[s] > 0).map((s) => `${s} ${report.openBySeverity[s]}`);
  lines.push(`  open: ${open.length ? open.join(', ') : 'none'}`);
  for (const s of report.scores) lines.push(`  ${s.name} v${s.version}: ${s.score}% (${s.controlsPassed} passed, ${s.controlsFailed} failed, ${s.controlsNotEvaluated} not evaluated)`);
  const failing = report.failures.filter((f) => f.status === 'open').sort((a, b) => severityOrder(a.severity) - severityOrder(b.severity) || a.checkId.localeCompare(b.checkId));
  if (failing.length > 0) lines.push('', 'Failing:');
  for (const f of failing.slice(0, max)) lines.push(`  [${f.severity}] ${f.checkId}  ${f.resourceArn}\n      ${f.message}${f.remediation ? `\n      remediation: ${f.remediation}` : ''}`);
  if (failing.length > max) lines.push(`  … and ${failing.length - max} more (use --output to export all)`);
  if (report.emitFailures > 0) lines.push('', `warning: ${report.emitFailures} finding signal(s) could not be emitted; they will be retried on the next scan`);
  return lines.join('\n');
}
