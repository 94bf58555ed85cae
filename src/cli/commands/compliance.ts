import type { Command } from 'commander';
import { CHECK_SEVERITIES, type CheckSeverity } from '../../core/compliance/check.js';
import { EXPORT_FORMATS } from '../../core/compliance/exports/index.js';
import { formatScanReport } from '../../app/compliance/formatReport.js';
import { scanExitCode, type ScanReport } from '../../app/compliance/complianceService.js';
import type { ApiClient } from '../client.js';
import { CliError, EXIT, print, table } from '../output.js';

export const SCAN_FORMATS = ['text', ...EXPORT_FORMATS] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export interface ScanCliOptions {
  framework?: string;
  severity?: CheckSeverity;
  format: ScanFormat;
  /** Minimum severity that fails the run; undefined = never. */
  failOn?: CheckSeverity;
}

/** Validates `aiops scan` flags; names the offending flag (exit 2). */
export function parseScanOptions(o: { framework?: string; severity?: string; format?: string; failOn?: string }): ScanCliOptions {
  const framework = o.framework?.toLowerCase();
  if (framework && framework !== 'cis' && framework !== 'fsbp') throw new CliError(`--framework: expected cis or fsbp, got "${o.framework}"`, EXIT.invalid);
  const sev = (flag: string, v: string | undefined): CheckSeverity | undefined => {
    if (v === undefined) return undefined;
    const up = v.toUpperCase();
    if (!(CHECK_SEVERITIES as readonly string[]).includes(up)) throw new CliError(`${flag}: expected one of ${CHECK_SEVERITIES.join(', ')}, got "${v}"`, EXIT.invalid);
    return up as CheckSeverity;
  };
  const format = (o.format ?? 'text').toLowerCase();
  if (!(SCAN_FORMATS as readonly string[]).includes(format)) throw new CliError(`--format: expected one of ${SCAN_FORMATS.join(', ')}, got "${o.format}"`, EXIT.invalid);
  const failOn = o.failOn?.toLowerCase() === 'none' ? undefined : sev('--fail-on', o.failOn ?? 'LOW');
  const severity = sev('--severity', o.severity);
  return { ...(framework ? { framework } : {}), ...(severity ? { severity } : {}), format: format as ScanFormat, ...(failOn ? { failOn } : {}) };
}

/** The CI exit code: EXIT.findings when an unsuppressed failure at least `failOn` severe remains. */
export function scanCliExitCode(report: Pick<ScanReport, 'openBySeverity'>, failOn: CheckSeverity | undefined): number {
  return failOn && scanExitCode(report, failOn) === 1 ? EXIT.findings : EXIT.ok;
}

/** One progress line: `[#######-----------] 2/4 scanning`. */
export function progressLine(step: number, total: number, label: string, width = 24): string {
  const done = Math.max(0, Math.min(width, Math.round((step / Math.max(1, total)) * width)));
  return `[${'#'.repeat(done)}${'-'.repeat(width - done)}] ${step}/${total} ${label}`;
}

/** Progress by phases on stderr (redrawn in place on a terminal, one line per phase otherwise). */
function progress(total: number) {
  const tty = Boolean(process.stderr.isTTY);
  let last = '';
  return {
    step(step: number, label: string) {
      last = progressLine(step, total, label);
      process.stderr.write(tty ? `\r${last}\x1b[K` : `${last}\n`);
    },
    end() {
      if (tty && last) process.stderr.write('\n');
    },
  };
}

export function registerCompliance(program: Command, client: () => ApiClient, json: () => boolean): void {
  program
    .command('scan')
    .description('run a compliance scan on the server and print the report (exit 6 when findings at --fail-on or worse remain)')
    .option('--framework <id>', 'cis | fsbp: only checks mapped to the framework')
    .option('--severity <sev>', 'only checks at least this severe (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL)')
    .option('--format <fmt>', `report format: ${SCAN_FORMATS.join(' | ')}`, 'text')
    .option('--fail-on <sev>', 'exit non-zero when an open finding at least this severe remains (none = never)', 'LOW')
    .action(async (raw: { framework?: string; severity?: string; format?: string; failOn?: string }) => {
      const o = parseScanOptions(raw);
      const c = client();
      const bar = progress(o.format === 'text' ? 3 : 4);
      bar.step(1, `scanning on ${c.url}`);
      const body = { ...(o.framework ? { framework: o.framework } : {}), ...(o.severity ? { severity: o.severity } : {}) };
      let report: ScanReport;
      try {
        report = await c.call<ScanReport>('POST', '/compliance/scan', body);
      } catch (e) {
        bar.end();
        throw e;
      }
      bar.step(2, `evaluated ${report.evaluations} checks on ${report.resources} resources`);
      let out: string | undefined;
      if (o.format !== 'text') {
        bar.step(3, `exporting ${o.format}`);
        const q = new URLSearchParams({ format: o.format, status: 'open', ...(o.framework ? { framework: o.framework } : {}), ...(o.severity ? { severity: o.severity } : {}) });
        const exported = await c.call<unknown>('GET', `/compliance/export?${q}`, undefined, '*/*');
        out = typeof exported === 'string' ? exported : JSON.stringify(exported, null, 2);
      }
      bar.step(o.format === 'text' ? 3 : 4, 'done');
      bar.end();
      if (out !== undefined) process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
      else print(json(), report, () => formatScanReport(report));
      process.exitCode = scanCliExitCode(report, o.failOn);
    });

  const findings = program.command('findings').description('list, inspect, suppress and unsuppress compliance findings');
  findings
    .command('list')
    .option('--status <status>', 'open | suppressed | resolved')
    .option('--severity <sev>', 'CRITICAL … INFORMATIONAL')
    .option('--framework <id>', 'cis | fsbp')
    .option('--check <id>', 'check id')
    .action(async (o: Record<string, string | undefined>) => {
      const q = new URLSearchParams(Object.entries(o).filter(([, v]) => v) as [string, string][]);
      const r = await client().call<{ items: Record<string, unknown>[] }>('GET', `/findings?${q}`);
      print(json(), r.items, () => table(r.items, ['id', 'severity', 'status', 'checkId', 'resourceArn', 'remediation', 'lastSeen']));
    });
  findings.command('show <id>').action(async (id: string) => {
    const r = await client().call<Record<string, unknown>>('GET', `/findings/${encodeURIComponent(id)}`);
    print(json(), r, () => JSON.stringify(r, null, 2));
  });
  findings
    .command('suppress <id>')
    .requiredOption('--reason <text>', 'why this finding is accepted')
    .option('--until <iso>', 'expiry (ISO 8601); the finding reopens after it')
    .action(async (id: string, o: { reason: string; until?: string }) => {
      const r = await client().call<Record<string, unknown>>('POST', `/findings/${encodeURIComponent(id)}/suppress`, { reason: o.reason, ...(o.until ? { until: o.until } : {}) });
      print(json(), r, () => `suppressed ${id}${o.until ? ` until ${o.until}` : ''}`);
    });
  findings.command('unsuppress <id>').action(async (id: string) => {
    const r = await client().call<Record<string, unknown>>('DELETE', `/findings/${encodeURIComponent(id)}/suppress`);
    print(json(), r, () => `unsuppressed ${id} (status ${String(r.status)})`);
  });
}
