import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/integration/helpers.js';
import { buildServer } from '../../server/server.js';
import { ApiClient } from '../client.js';
import { CliError, EXIT } from '../output.js';
import { parseScanOptions, progressLine, registerCompliance, scanCliExitCode } from './compliance.js';

const counts = (o: Partial<Record<'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL', number>>) => ({ openBySeverity: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0, ...o } });

describe('Function: parseScanOptions', () => {
  it.each([
    [{}, { format: 'text', failOn: 'LOW' }],
    [{ framework: 'CIS', severity: 'high', failOn: 'critical' }, { framework: 'cis', severity: 'HIGH', format: 'text', failOn: 'CRITICAL' }],
    [{ format: 'SARIF', failOn: 'none' }, { format: 'sarif' }],
  ])('normalises %j', (input, expected) => {
    expect(parseScanOptions(input)).toEqual(expected);
  });

  it.each([
    [{ framework: 'pci' }, '--framework'],
    [{ severity: 'urgent' }, '--severity'],
    [{ format: 'xml' }, '--format'],
    [{ failOn: 'sometimes' }, '--fail-on'],
  ])('rejects %j naming the flag, exit 2', (input, flag) => {
    try {
      parseScanOptions(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CliError);
      expect((e as CliError).exitCode).toBe(EXIT.invalid);
      expect((e as CliError).message).toContain(flag);
    }
  });
});

describe('Function: scanCliExitCode', () => {
  it.each([
    [counts({}), 'LOW', EXIT.ok],
    [counts({ LOW: 3 }), 'LOW', EXIT.findings],
    [counts({ LOW: 3 }), 'HIGH', EXIT.ok],
    [counts({ CRITICAL: 1 }), 'HIGH', EXIT.findings],
    [counts({ CRITICAL: 1 }), undefined, EXIT.ok],
  ] as const)('%j with --fail-on %s → %i', (report, failOn, code) => {
    expect(scanCliExitCode(report, failOn)).toBe(code);
  });
});

describe('Function: progressLine', () => {
  it('fills the bar in proportion to the phase', () => {
    expect(progressLine(0, 4, 'start', 8)).toBe('[--------] 0/4 start');
    expect(progressLine(2, 4, 'scanning', 8)).toBe('[####----] 2/4 scanning');
    expect(progressLine(4, 4, 'done', 8)).toBe('[########] 4/4 done');
  });
});

describe('Command: aiops scan (against a server on 127.0.0.1)', () => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let url: string;
  let token: string;
  beforeAll(async () => {
    t = await startTestPlatform({ features: ['compliance'] });
    app = await buildServer(t.platform);
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    token = await t.platform.auth.create('ci', 'operator', 'test');
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  async function run(...args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
    let out = '';
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    const program = new Command('aiops').exitOverride();
    registerCompliance(program, () => new ApiClient({ url, token }), () => false);
    await program.parseAsync(['node', 'aiops', ...args]);
    vi.restoreAllMocks();
    return { out, err, code: process.exitCode as number | undefined };
  }

  it('prints the text report, shows progress on stderr and fails on HIGH findings', async () => {
    const r = await run('scan', '--fail-on', 'HIGH');
    expect(r.out).toContain('Scanned');
    expect(r.out).toContain('ec2-sg-open-ssh');
    expect(r.err).toMatch(/\[#+-*\] 1\/3 scanning/);
    expect(r.err).toContain('3/3 done');
    expect(r.code).toBe(EXIT.findings);
  });

  it('exports SARIF for a framework and passes when nothing CRITICAL is open', async () => {
    const r = await run('scan', '--framework', 'fsbp', '--format', 'sarif', '--fail-on', 'CRITICAL');
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(r.err).toContain('exporting sarif');
    expect(r.code).toBe(EXIT.ok);
  });
});
