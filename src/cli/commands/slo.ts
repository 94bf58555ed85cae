import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { checkSloSpecs } from '../../app/features/slo.js';
import { ValidationError } from '../../core/shared/errors.js';
import type { SpecSource } from '../../core/slo/spec/parse.js';
import type { ApiClient } from '../client.js';
import { CliError, EXIT, print, table } from '../output.js';

type SloRow = Record<string, unknown> & { id: string; burnRates: Record<string, number>; budgetRemaining: number; firing: string[] };
type SloDetail = SloRow & { alerts: Array<Record<string, unknown>>; history: Array<{ at: string; budgetRemaining: number }>; incidents: Array<Record<string, unknown>> };

const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)} %`);
const burn = (x: number | undefined) => (x === undefined ? '—' : `${x < 10 ? x.toFixed(2) : x.toFixed(1)}×`);
const dur = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : ms >= 86_400_000 ? `${(ms / 86_400_000).toFixed(1)} d` : `${(ms / 3_600_000).toFixed(1)} h`);

/** Spec texts from a file, or from every `*.yaml`/`*.yml` of a directory. */
export function readSpecFiles(path: string): SpecSource[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new CliError(`${path}: no such file or directory`, EXIT.invalid);
  }
  const files = isDir ? readdirSync(path).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(path, f)) : [path];
  if (files.length === 0) throw new CliError(`${path}: no *.yaml spec files`, EXIT.invalid);
  return files.map((f) => ({ name: basename(f), text: readFileSync(f, 'utf8') }));
}

/** `aiops slo check`: validates spec files locally (no server); exit 2 with the field named when invalid. */
export function checkSpecFiles(path: string) {
  try {
    return checkSloSpecs(readSpecFiles(path));
  } catch (e) {
    if (e instanceof ValidationError) throw new CliError(`invalid SLO spec: ${e.field}: ${e.reason}`, EXIT.invalid);
    throw e;
  }
}

export function registerSlo(program: Command, client: () => ApiClient, json: () => boolean): void {
  const slo = program.command('slo').description('service level objectives: error budgets and burn rates');
  slo
    .command('list')
    .description('every SLO with its budget remaining, burn rates and firing alerts')
    .action(async () => {
      const r = await client().call<{ items: SloRow[] }>('GET', '/slos');
      const rows = r.items.map((s) => ({ ...s, objective: pct(s.target as number, 2), sli: pct(s.sli as number | null, 3), budget: pct(s.budgetRemaining), 'burn 1h': burn(s.burnRates['1h']), 'burn 6h': burn(s.burnRates['6h']), 'burn 1d': burn(s.burnRates['1d']), firing: s.firing.join(',') }));
      print(json(), r.items, () => table(rows, ['id', 'service', 'state', 'objective', 'sli', 'budget', 'burn 1h', 'burn 6h', 'burn 1d', 'firing']));
    });
  slo
    .command('show <id>')
    .description('one SLO: burn rate per alert window, budget, time to exhaustion, incidents')
    .action(async (id: string) => {
      const r = await client().call<SloDetail>('GET', `/slos/${encodeURIComponent(id)}`);
      print(json(), r, () => {
        const head = [
          `${r.id}  (${String(r.service)})  ${String(r.state)}  objective ${pct(r.target as number, 2)} over ${String(r.window)}, ${String(r.budgeting)}`,
          `SLI ${pct(r.sli as number | null, 3)}  budget remaining ${pct(r.budgetRemaining)}  time to exhaustion ${dur(r.timeToExhaustionMs as number | null)}${r.remediationFrozen ? '  risky remediations frozen' : ''}`,
        ];
        const alerts = r.alerts.map((a) => ({ ...a, window: `${String(a.longWindow)}/${String(a.shortWindow)}`, factor: `${String(a.factor)}×`, long: burn(a.longBurn as number), short: burn(a.shortBurn as number), firing: a.firing ? 'FIRING' : '' }));
        const first = r.history[0];
        const hist = first ? `history: ${r.history.length} points since ${first.at}, budget ${pct(first.budgetRemaining)} → ${pct(r.history.at(-1)?.budgetRemaining)}` : 'history: none yet';
        return [...head, '', table(alerts, ['rule', 'severity', 'window', 'factor', 'long', 'short', 'firing']), '', hist, '', 'incidents:', table(r.incidents, ['id', 'severity', 'status', 'title', 'openedAt'])].join('\n');
      });
    });
  slo
    .command('check <file>')
    .description('validate an OpenSLO spec file (or a directory of them) locally, without a server; exit 2 when invalid')
    .action((file: string) => {
      const slos = checkSpecFiles(file);
      const rows = slos.map((s) => ({ id: s.id, service: s.service, objective: pct(s.target, 3), budgeting: s.budgeting, sli: s.sli.kind, rules: s.alertRules.map((r) => `${r.factor}×`).join(' ') }));
      print(json(), { valid: true, slos: rows }, () => `valid: ${slos.length} SLO${slos.length === 1 ? '' : 's'}\n${table(rows, ['id', 'service', 'objective', 'budgeting', 'sli', 'rules'])}`);
    });
  slo
    .command('apply <file>')
    .description('create or replace the SLOs of a spec file on the server (operator)')
    .action(async (file: string) => {
      checkSpecFiles(file);
      const sources = readSpecFiles(file);
      const name = sources.length === 1 ? (sources[0] as SpecSource).name : basename(file);
      const r = await client().call<{ items: SloRow[] }>('POST', '/slos', { spec: sources.map((s) => s.text).join('\n---\n'), name });
      print(json(), r, () => `applied: ${r.items.map((s) => s.id).join(', ')}`);
    });
  slo
    .command('delete <id>')
    .description('remove an SLO (its history stays; operator)')
    .action(async (id: string) => {
      const r = await client().call('DELETE', `/slos/${encodeURIComponent(id)}`);
      print(json(), r, () => `deleted ${id}`);
    });
}
