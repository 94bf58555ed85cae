import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { ApiClient } from '../client.js';
import { CliError, EXIT, print, table } from '../output.js';

/** `aiops ingest <file|->`: one JSON event, a JSON array, or JSON lines. */
export function registerIngest(program: Command, client: () => ApiClient, json: () => boolean): void {
  program
    .command('ingest <file>')
    .description('send raw events (JSON object, array or JSON lines; "-" reads stdin) to the ingestion API')
    .action(async (file: string) => {
      const text = readFileSync(file === '-' ? 0 : file, 'utf8').trim();
      let events: unknown[];
      try {
        const parsed = text.startsWith('[') || text.startsWith('{') ? (JSON.parse(text) as unknown) : undefined;
        events = Array.isArray(parsed) ? parsed : parsed !== undefined ? [parsed] : text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);
      } catch {
        // JSON lines whose first line is an object land here too.
        try {
          events = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);
        } catch (e) {
          throw new CliError(`${file}: not JSON or JSON lines (${(e as Error).message})`, EXIT.invalid);
        }
      }
      const r = await client().call<{ accepted: number; duplicate: number; quarantined: number; results: Record<string, unknown>[] }>('POST', '/signals/batch', { events });
      print(json(), r, () => {
        const bad = r.results.filter((x) => x.status === 'quarantined');
        return `accepted ${r.accepted}, duplicates ${r.duplicate}, quarantined ${r.quarantined}${bad.length ? `\n${table(bad, ['index', 'field', 'reason'])}` : ''}`;
      });
      if (r.quarantined > 0) process.exitCode = EXIT.invalid;
    });
}
