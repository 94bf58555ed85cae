import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildServer } from '../../src/server/server.js';
import type { FeatureName } from '../../src/app/features/index.js';
import { startTestPlatform, type TestPlatform } from './helpers.js';

export const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'aiops.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  readonly t: TestPlatform;
  /** Runs the real `aiops` binary against the test platform's API, signed in through its data dir. */
  aiops(...args: string[]): Promise<CliResult>;
}

/**
 * A test platform on a manual clock served on 127.0.0.1, for driving the CLI as a user would;
 * `setup` runs once the API listens. Torn down after the file.
 */
export function cliHarness(opts: { features?: FeatureName[]; setup?: (t: TestPlatform) => Promise<void> } = {}): CliHarness {
  let t: TestPlatform | undefined;
  let app: FastifyInstance | undefined;
  let url = '';
  beforeAll(async () => {
    t = await startTestPlatform(opts.features ? { features: opts.features } : {});
    await t.platform.auth.ensureAdmin(t.dataDir);
    app = await buildServer(t.platform);
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    await opts.setup?.(t);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });
  return {
    get t() {
      if (!t) throw new Error('the test platform is not started (use the harness inside a test)');
      return t;
    },
    aiops(...args: string[]) {
      const dataDir = this.t.dataDir;
      return new Promise((res) => {
        execFile(process.execPath, [BIN, '--url', url, '--data-dir', dataDir, ...args], { env: { ...process.env, NODE_NO_WARNINGS: '1', AIOPS_TOKEN: '' } }, (err, stdout, stderr) =>
          res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    },
  };
}
