import type { ComplianceFinding } from '../findings/finding.js';
import type { FrameworkScore } from '../frameworks/index.js';
import { type AsffOptions, toAsff } from './asff.js';
import { toCsv } from './csv.js';
import { toHtml } from './html.js';
import { toOcsf } from './ocsf.js';
import { toSarif } from './sarif.js';

export * from './asff.js';
export * from './csv.js';
export * from './html.js';
export * from './ocsf.js';
export * from './sarif.js';

export const EXPORT_FORMATS = ['json', 'csv', 'asff', 'ocsf', 'sarif', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  asff: 'application/json',
  ocsf: 'application/json',
  sarif: 'application/sarif+json',
  html: 'text/html; charset=utf-8',
};

export interface ExportOptions extends AsffOptions {
  generatedAt: string;
  scores?: readonly FrameworkScore[];
  version?: string;
}

/** Renders findings in one of the export formats (the CLI's `--output`, the API's `?format=`). */
export function exportFindings(format: ExportFormat, findings: readonly ComplianceFinding[], o: ExportOptions): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ generatedAt: o.generatedAt, scores: o.scores ?? [], findings }, null, 2);
    case 'csv':
      return toCsv(findings);
    case 'asff':
      return JSON.stringify({ Findings: findings.map((f) => toAsff(f, o)) }, null, 2);
    case 'ocsf':
      return JSON.stringify(findings.map(toOcsf), null, 2);
    case 'sarif':
      return JSON.stringify(toSarif(findings, { generatedAt: o.generatedAt, ...(o.version ? { version: o.version } : {}) }), null, 2);
    case 'html':
      return toHtml(findings, { generatedAt: o.generatedAt, ...(o.scores ? { scores: o.scores } : {}) });
  }
}
