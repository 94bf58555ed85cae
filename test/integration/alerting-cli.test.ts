import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/server.js';
import { startTestPlatform, type TestPlatform } from './helpers.js';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'aiops.js');
let t: TestPlatform;
let app: FastifyInstance;
let url: string;

function aiops(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [BIN, '--url', url, '--data-dir', t.dataDir, ...args], { env: { ...process.env, NODE_NO_WARNINGS: '1', AIOPS_TOKEN: '', AIOPS_ALERTING_CONFIG: '' } }, (err, stdout, stderr) =>
      res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  t = await startTestPlatform({ features: [] });
  await t.platform.auth.ensureAdmin(t.dataDir);
  app = await buildServer(t.platform);
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('CLI: aiops config reload', () => {
  it('reloads the server\'s alerting config file, and exits 2 naming the field (keeping the live config) when it is invalid', async () => {
    const path = join(t.dataDir, 'alerting.yaml');
    writeFileSync(path, 'autoResolve: true\ninhibitRules:\n  - sourceMatchers: [\'severity="SEV-1"\']\n    targetMatchers: [\'severity=~"SEV-[34]"\']\n    equal: [service]\n');
    const ok = await aiops('config', 'reload');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`alerting config reloaded from ${path}`);
    expect(t.platform.alerting.config.inhibitRules).toHaveLength(1);

    writeFileSync(path, 'grouping:\n  repeatInterval: often\n');
    const bad = await aiops('config', 'reload');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('grouping.repeatInterval');
    expect(t.platform.alerting.config.inhibitRules).toHaveLength(1);
  });
});
