import type { Command } from 'commander';
import { formatRcaReport } from '../../core/rca/format.js';
import type { RcaReport } from '../../core/rca/report.js';
import type { ApiClient } from '../client.js';
import { CliError, EXIT, print, table } from '../output.js';

type Items = { items: Record<string, unknown>[] };
interface ReportDoc {
  id: string;
  incidentId: string;
  report: RcaReport & { gaps?: string[] };
}
interface ActionItemsExport {
  payloads: Record<string, unknown>[];
  script: string;
}

/** What `aiops postmortem export` prints: the markdown, a `gh` script, or the issue payloads as JSON. */
export function exportOutput(mode: { markdown?: boolean; script?: boolean }, data: { markdown?: string; items?: ActionItemsExport }): string {
  if (mode.markdown) return data.markdown ?? '';
  if (!data.items) return '';
  return mode.script ? data.items.script.replace(/\n$/, '') : JSON.stringify(data.items.payloads, null, 2);
}

export function validateRepo(repo: string | undefined): string | undefined {
  if (repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new CliError(`--repo: expected owner/name, got "${repo}"`, EXIT.invalid);
  return repo;
}

export function registerRca(program: Command, client: () => ApiClient, json: () => boolean): void {
  program
    .command('rca <incident>')
    .description('root-cause analysis of an incident: probable causes, log templates, correlated changes')
    .option('--rerun', 'run the analysis again now (operator)')
    .action(async (incident: string, o: { rerun?: boolean }) => {
      const path = `/incidents/${encodeURIComponent(incident)}/rca`;
      const doc = o.rerun ? await client().call<ReportDoc>('POST', path, {}) : await client().call<ReportDoc>('GET', path);
      print(json(), doc, () => formatRcaReport(doc.report).replace(/\n$/, ''));
    });

  const pm = program.command('postmortem').description('post-mortems: draft, list, show, publish, export');
  pm.command('draft <incident>')
    .description('draft (or show the existing) post-mortem of a resolved incident (operator)')
    .action(async (incident: string) => {
      const d = await client().call<Record<string, unknown>>('POST', '/postmortems', { incidentId: incident });
      print(json(), d, () => `${String(d.id)}  ${String(d.status)}  due ${String(d.dueAt)}  (aiops postmortem show ${String(d.id)})`);
    });
  pm.command('list')
    .option('--status <status>', 'draft | in-review | published')
    .action(async (o: { status?: string }) => {
      const r = await client().call<Items>('GET', `/postmortems${o.status ? `?status=${encodeURIComponent(o.status)}` : ''}`);
      print(json(), r.items, () => table(r.items, ['id', 'incidentId', 'severity', 'status', 'dueAt', 'title']));
    });
  pm.command('show <id>').action(async (id: string) => {
    const d = await client().call<Record<string, unknown> & { markdown: string }>('GET', `/postmortems/${encodeURIComponent(id)}`);
    print(json(), d, () => d.markdown);
  });
  pm.command('publish <id>')
    .description('publish (freeze) a post-mortem (operator)')
    .action(async (id: string) => {
      const d = await client().call<Record<string, unknown>>('POST', `/postmortems/${encodeURIComponent(id)}/publish`, {});
      print(json(), d, () => `published ${id} at ${String(d.publishedAt)}`);
    });
  pm.command('export <id>')
    .description('action items as GitHub issue payloads (JSON), or --script for `gh issue create` commands, or --markdown')
    .option('--script', 'a shell script of gh issue create commands')
    .option('--repo <owner/name>', 'repository for the gh commands')
    .option('--markdown', 'the post-mortem markdown instead')
    .action(async (id: string, o: { script?: boolean; repo?: string; markdown?: boolean }) => {
      const enc = encodeURIComponent(id);
      if (o.markdown) {
        const markdown = await client().call<string>('GET', `/postmortems/${enc}/export`, undefined, 'text/markdown');
        process.stdout.write(`${exportOutput(o, { markdown })}\n`);
        return;
      }
      const repo = validateRepo(o.repo);
      const items = await client().call<ActionItemsExport>('GET', `/postmortems/${enc}/action-items${repo ? `?repo=${encodeURIComponent(repo)}` : ''}`);
      process.stdout.write(`${exportOutput(o, { items })}\n`);
    });
}
