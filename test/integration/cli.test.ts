import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BIN, cliHarness } from './cli-harness.js';

const cli = cliHarness({ features: [] });
const aiops = (...args: string[]) => cli.aiops(...args);

describe('CLI: aiops', () => {
  it('lists scenarios as a table and as JSON, using the data dir token', async () => {
    const table = await aiops('sandbox', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+TITLE/m);
    expect(table.stdout).toContain('ec2-cpu-spike');
    const json = await aiops('--json', 'sandbox', 'list');
    expect((JSON.parse(json.stdout) as { id: string }[]).some((s) => s.id === 'ec2-cpu-spike')).toBe(true);
  });

  it('ingests a file of events and exits 2 naming the field when some are invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiops-cli-'));
    const good = resolve(import.meta.dirname, '..', 'fixtures', 'events', 'cloudwatchAlarm.json');
    const r = await aiops('ingest', good);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/accepted 1/);
    const badFile = join(dir, 'bad.jsonl');
    writeFileSync(badFile, `${JSON.stringify({ hello: 'world' })}\n`);
    const bad = await aiops('ingest', badFile);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/quarantined 1/);
    const incidents = await aiops('--json', 'incidents', 'list');
    expect((JSON.parse(incidents.stdout) as unknown[]).length).toBeGreaterThan(0);
  });

  it('reports an unknown incident with exit code 3 and an unreachable server with 5', async () => {
    const missing = await aiops('incidents', 'show', 'inc-nope');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/incident inc-nope not found/);
    const down = await new Promise<{ code: number; stderr: string }>((res) =>
      execFile(process.execPath, [BIN, '--url', 'http://127.0.0.1:9', 'status'], (err, _o, stderr) => res({ code: (err as { code?: number } | null)?.code ?? 0, stderr })),
    );
    expect(down.code).toBe(5);
    expect(down.stderr).toMatch(/cannot reach/);
  });

  it('verifies the audit chain', async () => {
    const r = await aiops('audit', 'verify');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/audit chain intact/);
  });
});
