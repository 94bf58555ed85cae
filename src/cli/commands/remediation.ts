import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import type { ApiClient } from '../client.js';
import { CliError, EXIT, print, table } from '../output.js';

type Items = { items: Record<string, unknown>[] };

export function registerRemediation(program: Command, client: () => ApiClient, json: () => boolean): void {
  const ap = program.command('approvals').description('human decisions for irreversible or production remediations');
  ap.command('list')
    .option('--status <status>', 'pending | approved | rejected | expired', 'pending')
    .action(async (o: { status: string }) => {
      const r = await client().call<Items>('GET', `/approvals?status=${encodeURIComponent(o.status)}`);
      print(json(), r.items, () => table(r.items, ['id', 'runbookId', 'targetResource', 'reason', 'status', 'expiresAt']));
    });
  for (const verb of ['approve', 'reject'] as const) {
    ap.command(`${verb} <id>`)
      .option('--comment <text>')
      .action(async (id: string, o: { comment?: string }) => {
        const r = await client().call('POST', `/approvals/${encodeURIComponent(id)}/${verb}`, o.comment ? { comment: o.comment } : {});
        print(json(), r, () => `${id}: ${r.status} by ${r.decidedBy}`);
      });
  }

  const ex = program.command('executions').description('runbook executions');
  ex.command('list').action(async () => {
    const r = await client().call<Items>('GET', '/executions');
    print(json(), r.items, () => table(r.items, ['id', 'runbookId', 'status', 'outcome', 'targetResource', 'startedAt']));
  });
  ex.command('show <id>').action(async (id: string) => {
    const r = await client().call<Record<string, unknown> & { statesVisited: string[]; audit: Record<string, unknown>[] }>('GET', `/executions/${encodeURIComponent(id)}`);
    print(json(), r, () => `${r.id} ${r.runbookId} ${r.status} ${r.outcome ?? ''}\nstates: ${r.statesVisited.join(' → ')}\n\n${table(r.audit, ['seq', 'timestamp', 'action', 'outcome', 'operator'])}`);
  });
  ex.command('start <runbook> <target>')
    .description('run a runbook on one resource; a dry run unless --execute')
    .option('--execute', 'act for real (still subject to approvals and safety rules)')
    .action(async (runbookId: string, targetResource: string, o: { execute?: boolean }) => {
      const r = await client().call('POST', '/executions', { runbookId, targetResource, dryRun: !o.execute });
      print(json(), r, () => `${r.id} started (${o.execute ? 'execute' : 'dry-run'}); follow with: aiops executions show ${r.id}`);
    });
  ex.command('rollback <id>').action(async (id: string) => {
    const r = await client().call('POST', `/executions/${encodeURIComponent(id)}/rollback`, {});
    print(json(), r, () => `${id}: ${r.status}`);
  });

  const au = program.command('audit').description('the AutomationAuditLog');
  au.command('list')
    .option('--execution <id>')
    .option('--limit <n>', 'records', '50')
    .action(async (o: { execution?: string; limit: string }) => {
      const q = new URLSearchParams({ limit: o.limit, ...(o.execution ? { executionId: o.execution } : {}) });
      const r = await client().call<Items>('GET', `/audit?${q}`);
      print(json(), r.items, () => table(r.items, ['seq', 'timestamp', 'runbook', 'action', 'outcome', 'operator']));
    });
  au.command('verify')
    .description('check the hash chain; exit code 1 if it is broken')
    .action(async () => {
      const r = await client().call<{ ok: boolean; checked: number; brokenAt?: number; reason?: string }>('GET', '/audit/verify');
      print(json(), r, () => (r.ok ? `audit chain intact: ${r.checked} records` : `audit chain BROKEN at record ${r.brokenAt}: ${r.reason}`));
      if (!r.ok) throw new CliError('audit chain broken', EXIT.failure);
    });
  au.command('export')
    .option('--format <f>', 'jsonl | csv', 'jsonl')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (o: { format: string; out?: string }) => {
      const text = await client().call<string>('GET', `/audit/export?format=${encodeURIComponent(o.format)}`, undefined, '*/*');
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
    });

  program
    .command('kill-switch [state]')
    .description('show, or turn on/off, the kill switch that stops automated remediation (admin)')
    .option('--env <env...>', 'only these environments (e.g. prod); default: global')
    .action(async (state: string | undefined, o: { env?: string[] }) => {
      const c = client();
      const current = await c.call<{ global: boolean; environments: string[] }>('GET', '/safety/kill-switch');
      if (state === undefined) return print(json(), current, () => `kill switch: global ${current.global ? 'ON' : 'off'}; environments: ${current.environments.join(', ') || 'none'}`);
      if (state !== 'on' && state !== 'off') throw new CliError('state must be on or off', EXIT.invalid);
      const on = state === 'on';
      const next = o.env
        ? { global: current.global, environments: on ? [...current.environments, ...o.env] : current.environments.filter((e) => !o.env!.includes(e)) }
        : { global: on, environments: current.environments };
      const r = await c.call<{ global: boolean; environments: string[] }>('PUT', '/safety/kill-switch', next);
      print(json(), r, () => `kill switch: global ${r.global ? 'ON' : 'off'}; environments: ${r.environments.join(', ') || 'none'}`);
    });

  program
    .command('tokens')
    .description('create an API token for a role (admin only)')
    .requiredOption('--name <name>')
    .requiredOption('--role <role>', 'viewer | operator | approver | admin')
    .action(async (o: { name: string; role: string }) => {
      const r = await client().call('POST', '/tokens', o);
      print(json(), r, () => `token for ${o.name} (${o.role}): ${r.token}`);
    });
}
