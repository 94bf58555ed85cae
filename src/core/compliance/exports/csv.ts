import type { ComplianceFinding } from '../findings/finding.js';

export const CSV_COLUMNS = [
  'id', 'checkId', 'title', 'severity', 'status', 'complianceStatus', 'resourceArn', 'resourceType', 'region', 'account',
  'firstSeen', 'lastSeen', 'resolvedAt', 'cis', 'fsbp', 'remediation', 'suppressionReason', 'suppressedUntil', 'message',
] as const;

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(findings: readonly ComplianceFinding[]): string {
  const rows = findings.map((f) =>
    [
      f.id, f.checkId, f.title, f.severity, f.status, f.complianceStatus, f.resourceArn, f.resourceType, f.region, f.account,
      f.firstSeen, f.lastSeen, f.resolvedAt, (f.frameworks.cis ?? []).join(' '), (f.frameworks.fsbp ?? []).join(' '), f.remediation,
      f.suppression?.reason, f.suppression?.until, f.message,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
