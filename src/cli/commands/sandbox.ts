import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ApiClient } from '../client.js';
import { CliError, EXIT, print, table } from '../output.js';

type Items = { items: Record<string, unknown>[] };

export function registerSandbox(program: Command, client: () => ApiClient, json: () => boolean): void {
  const sb = program.command('sandbox').description('the simulated AWS account: fleet, scenarios, fault injection');
  sb.command('list')
    .description('scenarios you can inject')
    .action(async () => {
      const r = await client().call<Items>('GET', '/sandbox/scenarios');
      print(json(), r.items, () => table(r.items, ['id', 'title']));
    });
  sb.command('fleet').action(async () => {
    const r = await client().call<Items>('GET', '/sandbox/fleet');
    print(json(), r.items, () => table(r.items, ['name', 'type', 'id']));
  });
  sb.command('inject <scenario>')
    .description('inject a named scenario (e.g. ec2-cpu-spike)')
    .action(async (id: string) => {
      const r = await client().call('POST', `/sandbox/scenarios/${encodeURIComponent(id)}/inject`, {});
      print(json(), r, () => `injected ${id}: ${(r.faults as string[]).join(', ')}`);
    });
  sb.command('fault')
    .description('inject one fault primitive, e.g. --type metric --resource web-asg --metric CPUUtilization --pattern step --magnitude 50 --duration 30')
    .requiredOption('--type <type>', 'metric | state | event | logs')
    .requiredOption('--resource <ref>', 'resource name, id or ARN')
    .option('--metric <name>')
    .option('--pattern <p>', 'step | ramp | spike | flatline | dropout | noise | scale')
    .option('--magnitude <n>')
    .option('--duration <minutes>')
    .option('--start-in <minutes>', 'delay', '0')
    .option('--set <json>', 'state fields to set, as JSON')
    .option('--event <kind>', 'cloudwatch-alarm | cloudtrail | guardduty | securityhub | health | config')
    .option('--details <json>', 'event details, as JSON')
    .option('--template <text>', 'log line template')
    .option('--rate <perMinute>')
    .option('--level <level>')
    .action(async (o: Record<string, string | undefined>) => {
      const n = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      const j = (v: string | undefined, name: string) => {
        if (v === undefined) return undefined;
        try {
          return JSON.parse(v) as unknown;
        } catch {
          throw new CliError(`--${name} is not valid JSON`, EXIT.invalid);
        }
      };
      const fault = Object.fromEntries(
        Object.entries({
          type: o.type, resource: o.resource, metric: o.metric, pattern: o.pattern, magnitude: n(o.magnitude), durationMinutes: n(o.duration), startInMinutes: n(o.startIn),
          set: j(o.set, 'set'), event: o.event, details: j(o.details, 'details'), template: o.template, ratePerMinute: n(o.rate), level: o.level,
        }).filter(([, v]) => v !== undefined),
      );
      const r = await client().call('POST', '/sandbox/faults', { faults: [fault] });
      print(json(), r, () => `injected ${(r.faults as string[]).join(', ')}`);
    });
  sb.command('run <file>')
    .description('run a JSON or YAML scenario file of fault primitives')
    .action(async (file: string) => {
      const text = readFileSync(file, 'utf8');
      let scenario: unknown;
      try {
        scenario = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
      } catch (e) {
        throw new CliError(`${file}: ${(e as Error).message}`, EXIT.invalid);
      }
      const r = await client().call('POST', '/sandbox/faults', { scenario });
      print(json(), r, () => `scenario ${r.scenario}: ${(r.faults as string[]).join(', ')}`);
    });
  sb.command('timeline').action(async () => {
    const r = await client().call<Items>('GET', '/sandbox/timeline');
    print(json(), r.items, () => table(r.items, ['at', 'kind', 'message']));
  });
  sb.command('clear').description('end all active metric and log faults').action(async () => {
    await client().call('POST', '/sandbox/clear', {});
    print(json(), { ok: true }, () => 'cleared');
  });
}
