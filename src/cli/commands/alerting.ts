import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { checkConfig } from '../../app/alerting/index.js';
import type { ApiClient } from '../client.js';
import { CliError, EXIT, print, table } from '../output.js';

type Items = { items: Record<string, unknown>[] };

/** `aiops config check`, `aiops silences …`, `aiops noise`, `aiops replay`, `aiops feedback`. */
export function registerAlerting(program: Command, client: () => ApiClient, json: () => boolean): void {
  const config = program.command('config').description('alerting configuration');
  config
    .command('reload')
    .description('make the running server re-read its alerting config file (or send --file) and swap it in; exit 2 and keep the live config if invalid')
    .option('--file <file>', 'send this YAML instead of re-reading the server\'s file')
    .action(async (o: { file?: string }) => {
      const r = await client().call<Record<string, unknown>>('POST', '/alerting/config/reload', o.file ? { yaml: readFileSync(o.file, 'utf8') } : {});
      print(json(), r, () => [`alerting config reloaded from ${String(r.path ?? o.file ?? 'the request')}${r.changed === false ? ' (unchanged)' : ''}`, ...((r.warnings as string[] | undefined) ?? []).map((w) => `warning: ${w}`)].join('\n'));
    });
  config
    .command('check <file>')
    .description('validate an alerting/routing YAML file locally (no server needed); exit 2 if invalid')
    .action((file: string) => {
      const r = checkConfig(readFileSync(file, 'utf8'));
      if (r.ok) return print(json(), { ok: true, warnings: r.warnings }, () => [`${file}: valid`, ...r.warnings.map((w) => `warning: ${w}`)].join('\n'));
      print(json(), r, () => r.errors.map((e) => `${file}: ${e.path}: ${e.message}`).join('\n'));
      throw new CliError(`${file} is invalid`, EXIT.invalid);
    });

  const sil = program.command('silences').description('mute alerts by label matchers for a while (expired ones are kept)');
  sil.command('list').action(async () => {
    const r = await client().call<Items>('GET', '/silences');
    print(json(), r.items, () => table(r.items, ['id', 'status', 'matchers', 'startsAt', 'endsAt', 'createdBy', 'comment']));
  });
  sil
    .command('add')
    .requiredOption('--matcher <m...>', 'label matchers, e.g. service="checkout" env=~"stag.*"')
    .requiredOption('--comment <text>', 'why')
    .option('--duration <d>', 'e.g. 2h', '1h')
    .option('--starts-at <iso>')
    .action(async (o: { matcher: string[]; comment: string; duration: string; startsAt?: string }) => {
      const r = await client().call('POST', '/silences', { matchers: o.matcher, comment: o.comment, duration: o.duration, ...(o.startsAt ? { startsAt: o.startsAt } : {}) });
      print(json(), r, () => `silence ${r.id} until ${r.endsAt}`);
    });
  sil.command('expire <id>').action(async (id: string) => {
    const r = await client().call('DELETE', `/silences/${encodeURIComponent(id)}`);
    print(json(), r, () => `silence ${id} expired`);
  });

  program
    .command('noise')
    .description('noise reduction per day and service (1 − alerts/events, 1 − incidents/alerts)')
    .option('--since <when>', 'ISO time or 7d/12h', '7d')
    .action(async (o: { since: string }) => {
      const r = await client().call<Items>('GET', `/noise?since=${encodeURIComponent(o.since)}`);
      print(json(), r.items, () => table(r.items, Object.keys(r.items[0] ?? { day: '' })));
    });

  program
    .command('replay')
    .description('re-run stored signals through a proposed routing/silence/inhibition/grouping config and show the difference')
    .requiredOption('--config <file>', 'proposed alerting YAML')
    .option('--since <when>', 'ISO time or 7d/12h', '7d')
    .action(async (o: { config: string; since: string }) => {
      const r = await client().call<{ current: Record<string, unknown>; proposed: Record<string, unknown>; diff: Record<string, unknown> }>('POST', '/replay', { since: o.since, yaml: readFileSync(o.config, 'utf8') });
      print(json(), r, () => {
        const row = (name: string, x: Record<string, unknown>) => ({ config: name, signals: x.signals, alerts: x.alerts, incidents: x.incidents, notifications: (x.notifications as unknown[]).length });
        return `${table([row('current', r.current), row('proposed', r.proposed)], ['config', 'signals', 'alerts', 'incidents', 'notifications'])}\n\ndifference: ${JSON.stringify(r.diff)}`;
      });
    });

  program
    .command('feedback <kind> <id> <verdict>')
    .description('mark an incident, alert or anomaly useful | too-sensitive | noisy | incorrect')
    .option('--comment <text>')
    .action(async (kind: string, id: string, verdict: string, o: { comment?: string }) => {
      const r = await client().call('POST', '/feedback', { targetKind: kind, targetId: id, verdict, ...(o.comment ? { comment: o.comment } : {}) });
      print(json(), r, () => `recorded ${verdict} for ${kind} ${id} (rule ${r.rule ?? 'unknown'})`);
    });
}
