import type { Command } from 'commander';
import type { ApiClient } from '../client.js';
import { CliError, EXIT, print, table } from '../output.js';

interface RecItem {
  id: string;
  status: string;
  ruleId: string;
  resourceArn: string;
  monthlySavingsUsd: number;
  recommendation: { confidence: string; automatable: boolean; recommendedAction: string; remediation?: { runbookId: string } };
}

export const REPORT_FORMATS = ['json', 'markdown', 'html'] as const;

/** Table rows for `aiops cost recommendations`: resource as its ARN tail, savings as dollars. */
export function recommendationRows(items: readonly RecItem[]): Record<string, unknown>[] {
  return items.map((d) => ({
    id: d.id,
    status: d.status,
    rule: d.ruleId,
    resource: d.resourceArn.split(/[:/]/).pop(),
    savings: `$${d.monthlySavingsUsd.toFixed(2)}/mo`,
    confidence: d.recommendation.confidence,
    runbook: d.recommendation.automatable ? (d.recommendation.remediation?.runbookId ?? '') : 'manual',
  }));
}

/** Query string for the list filters; unknown or empty options are left out. */
export function recommendationQuery(o: { status?: string; rule?: string; type?: string; minSavings?: string; limit?: string }): string {
  const q = new URLSearchParams();
  if (o.status) q.set('status', o.status);
  if (o.rule) q.set('ruleId', o.rule);
  if (o.type) q.set('resourceType', o.type);
  if (o.minSavings) q.set('minSavingsUsd', o.minSavings);
  if (o.limit) q.set('limit', o.limit);
  const s = q.toString();
  return s ? `?${s}` : '';
}

interface SpendResponse {
  from: string;
  to: string;
  groupBy: string;
  dates: string[];
  series: { key: string; usd: number[] }[];
  anomalies: { key: string; date: string }[];
}

/** Query string for `aiops cost spend`: `--days` and `--group-by` (service | account | tag:<key>). */
export function spendQuery(o: { days?: string; groupBy?: string }): string {
  const q = new URLSearchParams();
  if (o.days) q.set('days', o.days);
  if (o.groupBy) q.set('groupBy', o.groupBy);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Table rows for `aiops cost spend`: each group's total over the window, its share, the last day and its anomalous days. */
export function spendRows(r: SpendResponse): Record<string, unknown>[] {
  const totals = r.series.map((s) => s.usd.reduce((a, b) => a + b, 0));
  const all = totals.reduce((a, b) => a + b, 0);
  return r.series.map((s, i) => ({
    group: s.key,
    total: `$${totals[i]!.toFixed(2)}`,
    share: all > 0 ? `${((100 * totals[i]!) / all).toFixed(1)}%` : '-',
    [r.to]: `$${(s.usd.at(-1) ?? 0).toFixed(2)}`,
    anomalies: r.anomalies.filter((a) => a.key === s.key).map((a) => a.date).join(' '),
  }));
}

export function parseReportFormat(v: string | undefined): (typeof REPORT_FORMATS)[number] {
  const f = (v ?? 'markdown') as (typeof REPORT_FORMATS)[number];
  if (!REPORT_FORMATS.includes(f)) throw new CliError(`--format must be one of ${REPORT_FORMATS.join(', ')}`, EXIT.invalid);
  return f;
}

export function registerCost(program: Command, client: () => ApiClient, json: () => boolean): void {
  const cost = program.command('cost').description('cost report, savings recommendations, FinOps approval');
  cost
    .command('report')
    .description('the latest daily cost report (03:00 UTC)')
    .option('--format <format>', 'markdown | json | html', 'markdown')
    .option('--generate', "generate today's report now instead of reading the latest")
    .action(async (o: { format?: string; generate?: boolean }) => {
      const format = json() ? 'json' : parseReportFormat(o.format);
      const c = client();
      if (o.generate) await c.call('POST', '/cost/report', {});
      const accept = format === 'json' ? 'application/json' : format === 'html' ? 'text/html' : 'text/markdown';
      const r = await c.call<unknown>('GET', `/cost/report?format=${format}`, undefined, accept);
      process.stdout.write(`${typeof r === 'string' ? r : JSON.stringify(r, null, 2)}\n`);
    });
  cost
    .command('recommendations')
    .description('savings recommendations, largest first')
    .option('--status <status>', 'open | dismissed | approved | resolved')
    .option('--rule <ruleId>', 'e.g. ebs-gp2-to-gp3')
    .option('--type <resourceType>', 'e.g. AWS::EC2::Volume')
    .option('--min-savings <usd>', 'only recommendations saving at least this much per month')
    .option('--limit <n>', 'at most n rows')
    .action(async (o: { status?: string; rule?: string; type?: string; minSavings?: string; limit?: string }) => {
      const r = await client().call<{ items: RecItem[]; totalMonthlySavingsUsd: number }>('GET', `/cost/recommendations${recommendationQuery(o)}`);
      print(json(), r, () => `${table(recommendationRows(r.items), ['id', 'status', 'rule', 'resource', 'savings', 'confidence', 'runbook'])}\n\nopen potential savings: $${r.totalMonthlySavingsUsd.toFixed(2)}/month`);
    });
  cost
    .command('dismiss <id>')
    .requiredOption('--reason <text>', 'why (dismissed recommendations stay dismissed)')
    .action(async (id: string, o: { reason: string }) => {
      const r = await client().call('POST', `/cost/recommendations/${encodeURIComponent(id)}/dismiss`, { reason: o.reason });
      print(json(), r, () => `dismissed ${id}`);
    });
  cost
    .command('approve <id>')
    .description('FinOps approval (role approver): starts the runbook, which waits in Approvals for a human decision')
    .option('--dry-run', 'only show the calls the runbook would make')
    .action(async (id: string, o: { dryRun?: boolean }) => {
      const path = `/cost/recommendations/${encodeURIComponent(id)}/${o.dryRun ? 'dry-run' : 'approve'}`;
      const r = await client().call<Record<string, unknown>>('POST', path, {});
      const exec = (o.dryRun ? r : r.execution) as { id: string; runbookId: string };
      print(json(), r, () => `${o.dryRun ? 'dry run' : 'approved'}: execution ${exec.id} (${exec.runbookId})${o.dryRun ? '' : ' — approve it in the Approvals page or with `aiops approvals approve`'}`);
    });
  cost
    .command('spend')
    .description('daily spend over the last days, grouped by service, account or a cost-allocation tag')
    .option('--days <n>', 'complete days to show (1-365)', '30')
    .option('--group-by <dimension>', 'service | account | tag:<key> (e.g. tag:team)', 'service')
    .action(async (o: { days?: string; groupBy?: string }) => {
      const r = await client().call<SpendResponse>('GET', `/cost/spend${spendQuery(o)}`);
      print(json(), r, () => `${r.from} .. ${r.to} by ${r.groupBy}\n${table(spendRows(r), ['group', 'total', 'share', r.to, 'anomalies'])}`);
    });
  cost.command('analyze').action(async () => {
    const r = await client().call<{ resources: number; recommendations: number; totalMonthlySavingsUsd: number }>('POST', '/cost/analyze', {});
    print(json(), r, () => `${r.resources} resources, ${r.recommendations} recommendations, $${r.totalMonthlySavingsUsd.toFixed(2)}/month potential savings`);
  });
}
