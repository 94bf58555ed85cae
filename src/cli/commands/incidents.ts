import type { Command } from 'commander';
import type { ApiClient } from '../client.js';
import { print, table } from '../output.js';

type Items = { items: Record<string, unknown>[] };

export function registerIncidents(program: Command, client: () => ApiClient, json: () => boolean): void {
  const inc = program.command('incidents').description('list, inspect, acknowledge and resolve incidents');
  inc
    .command('list')
    .option('--status <status>', 'open | resolved')
    .option('--severity <sev>', 'SEV-1 … SEV-4')
    .action(async (o: { status?: string; severity?: string }) => {
      const q = new URLSearchParams(Object.entries(o).filter(([, v]) => v) as [string, string][]);
      const r = await client().call<Items>('GET', `/incidents?${q}`);
      print(json(), r.items, () => table(r.items, ['id', 'severity', 'phase', 'status', 'title', 'openedAt']));
    });
  inc
    .command('show <id>')
    .description('incident detail with its timeline')
    .action(async (id: string) => {
      const r = await client().call<Record<string, unknown> & { timeline: Record<string, unknown>[] }>('GET', `/incidents/${encodeURIComponent(id)}`);
      print(json(), r, () => `${r.id}  ${r.severity}  ${r.phase}  ${r.title}\n\n${table(r.timeline, ['at', 'kind', 'phase', 'actor', 'message'])}`);
    });
  inc.command('ack <id>').action(async (id: string) => {
    const r = await client().call('POST', `/incidents/${encodeURIComponent(id)}/ack`, {});
    print(json(), r, () => `acknowledged ${id} (phase ${r.phase})`);
  });
  inc
    .command('resolve <id>')
    .option('--note <text>', 'resolution note')
    .action(async (id: string, o: { note?: string }) => {
      const r = await client().call('POST', `/incidents/${encodeURIComponent(id)}/resolve`, o.note ? { note: o.note } : {});
      print(json(), r, () => `resolved ${id} (phase ${r.phase})`);
    });
  program
    .command('status')
    .description('platform health and a one-screen overview')
    .action(async () => {
      const c = client();
      const [h, o] = await Promise.all([c.call('GET', '/health'), c.call<Record<string, unknown> & { openIncidents: Record<string, number> }>('GET', '/overview')]);
      print(json(), { health: h, overview: o }, () =>
        [`server ${c.url}: ${h.status}, virtual now ${h.now}, sandbox ${h.sandboxSpeed}×`, `open incidents: ${Object.entries(o.openIncidents).map(([k, v]) => `${k}=${v}`).join(' ')}`, `pending approvals: ${o.pendingApprovals}, quarantined: ${o.quarantined}`].join('\n'),
      );
    });
}
