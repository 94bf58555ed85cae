import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/integration/helpers.js';
import { buildServer } from '../../server/server.js';
import { ApiClient } from '../client.js';
import { CliError, EXIT } from '../output.js';
import { registerSlo } from './slo.js';
import { ORDERS_THROTTLES_SPEC as VALID } from '../../app/slo/testing/specs.js';

const SLO_DIR = join(import.meta.dirname, '..', '..', '..', 'slos');
const dir = mkdtempSync(join(tmpdir(), 'aiops-slo-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** Runs `aiops slo …` in-process; returns stdout, or the CliError the command ended with. */
async function run(args: string[], client: () => ApiClient = () => new ApiClient({ url: 'http://127.0.0.1:1' }), json = false): Promise<{ out: string; error?: CliError }> {
  const program = new Command('aiops').exitOverride();
  registerSlo(program, client, () => json);
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    await program.parseAsync(['node', 'aiops', 'slo', ...args]);
    return { out };
  } catch (e) {
    if (e instanceof CliError) return { out, error: e };
    throw e;
  } finally {
    write.mockRestore();
  }
}

describe('Command: aiops slo check', () => {
  it('validates the default spec directory without a server', async () => {
    const { out, error } = await run(['check', SLO_DIR]);
    expect(error).toBeUndefined();
    expect(out).toContain('valid: 5 SLOs');
    expect(out).toMatch(/orders-success\s+orders\s+99\.500 %\s+Occurrences\s+ratio\s+14\.4× 6× 3× 1×/);
  });

  it('prints JSON with --json', async () => {
    const { out } = await run(['check', file('ok.yaml', VALID)], undefined, true);
    expect(JSON.parse(out)).toEqual({ valid: true, slos: [{ id: 'orders-throttles', service: 'orders', objective: '99.000 %', budgeting: 'Occurrences', sli: 'ratio', rules: '14.4× 6× 3× 1×' }] });
  });

  it.each([
    ['a target above 1', VALID.replace('target: 0.99', 'target: 1.5'), 'bad.yaml#1 SLO orders-throttles.spec.objectives.0.target'],
    ['a missing time window', VALID.replace('  timeWindow: [{ duration: 7d, isRolling: true }]\n', ''), 'bad.yaml#1 SLO orders-throttles.spec.timeWindow'],
    ['an unknown SLI reference', VALID.replace(/ {2}indicator:[\s\S]*?(?= {2}timeWindow)/, '  indicatorRef: nope\n'), 'bad.yaml SLO orders-throttles.spec.indicatorRef: no SLI named nope'],
    ['broken YAML', 'kind: [SLO', 'bad.yaml#1'],
  ])('exits 2 on %s, naming the field', async (_name, text, field) => {
    const { error } = await run(['check', file('bad.yaml', text)]);
    expect(error?.exitCode).toBe(EXIT.invalid);
    expect(error?.message).toContain(`invalid SLO spec: ${field}`);
  });

  it('exits 2 on a missing file', async () => {
    const { error } = await run(['check', join(dir, 'missing.yaml')]);
    expect(error).toMatchObject({ exitCode: EXIT.invalid });
  });
});

describe('Command: aiops slo list|show|apply|delete', () => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let client: () => ApiClient;
  beforeAll(async () => {
    t = await startTestPlatform({ features: ['slo'] });
    await t.clock.advance(60_000);
    await t.platform.tick();
    app = await buildServer(t.platform);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const token = await t.platform.auth.create('cli', 'operator', 'test');
    client = () => new ApiClient({ url, token });
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });
  afterEach(() => vi.restoreAllMocks());

  it('lists every SLO with budget and burn rates', async () => {
    const { out } = await run(['list'], client);
    expect(out.split('\n')[0]).toMatch(/^ID\s+SERVICE\s+STATE\s+OBJECTIVE\s+SLI\s+BUDGET\s+BURN 1H\s+BURN 6H\s+BURN 1D\s+FIRING$/);
    expect(out).toMatch(/orders-success\s+orders\s+ok\s+99\.50 %/);
  });

  it('shows one SLO with its alert windows and history', async () => {
    const { out } = await run(['show', 'orders-success'], client);
    expect(out).toContain('orders-success  (orders)  ok  objective 99.50 % over 30d rolling, Occurrences');
    expect(out).toMatch(/1h-5m\s+page\s+1h\/5m\s+14\.4×/);
    expect(out).toMatch(/history: 7\d\d points since/);
    const missing = await run(['show', 'nope'], client);
    expect(missing.error?.exitCode).toBe(EXIT.notFound);
  });

  it('applies a spec file and deletes the SLO again', async () => {
    expect((await run(['apply', file('apply.yaml', VALID)], client)).out).toBe('applied: orders-throttles\n');
    expect((await run(['delete', 'orders-throttles'], client)).out).toBe('deleted orders-throttles\n');
    expect((await run(['show', 'orders-throttles'], client)).error?.exitCode).toBe(EXIT.notFound);
  });
});
