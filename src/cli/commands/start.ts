import type { Command } from 'commander';
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createLocalPlatform } from '../../app/platform.js';
import { buildServer } from '../../server/server.js';
import { defaultDataDir, defaultPort } from '../client.js';

export function registerStart(program: Command, globalDataDir: () => string | undefined): void {
  program
    .command('start')
    .description('start the local platform: store, bus, scheduler, sandbox, API and console')
    .option('--port <n>', 'HTTP port (AIOPS_PORT)', String(defaultPort()))
    .option('--host <host>', 'bind address (AIOPS_HOST); keep 127.0.0.1 unless you know why', process.env.AIOPS_HOST ?? '127.0.0.1')
    .option('--sandbox-speed <x>', 'virtual seconds per real second (AIOPS_SANDBOX_SPEED)', process.env.AIOPS_SANDBOX_SPEED)
    .action(async (o: { port: string; host: string; sandboxSpeed?: string }) => {
      // --data-dir is a global option (the other commands read the admin token from it too).
      const dataDir = resolve(globalDataDir() ?? defaultDataDir());
      mkdirSync(dataDir, { recursive: true });
      const speed = o.sandboxSpeed !== undefined ? Number(o.sandboxSpeed) : undefined;
      if (speed !== undefined && !(speed > 0)) throw new Error(`--sandbox-speed must be a positive number, got ${o.sandboxSpeed}`);
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${o.port}`);
      const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
      const platform = await createLocalPlatform({ dataDir, ...(speed !== undefined ? { speed } : {}), log, schedules: true });
      const admin = await platform.auth.ensureAdmin(dataDir);
      const recovered = await platform.start();
      const server = await buildServer(platform);
      const address = await server.listen({ port, host: o.host });
      const url = address.replace('[::1]', 'localhost');
      const lines = [
        '',
        '  MatCarv AIOps — local platform with the sandbox account',
        `  Console and API:  ${url}   (API docs: ${url}/api/docs)`,
        `  Admin token:      ${admin.token ?? '(stored hashed; file missing)'}${admin.created ? '   (new; also in ' + admin.file + ')' : ''}`,
        `  Data directory:   ${dataDir}`,
        `  Sandbox clock:    ${platform.speed}× (1 real second = ${platform.speed} virtual seconds), now ${new Date(platform.clock.now()).toISOString()}`,
        recovered.pendingSignals || recovered.resumedExecutions.length ? `  Recovered:        ${recovered.pendingSignals} pending signal(s), ${recovered.resumedExecutions.length} execution(s) resumed` : '',
        '  Try:              npx aiops sandbox inject ec2-cpu-spike',
        '',
      ].filter((l) => l !== '');
      process.stdout.write(`${lines.join('\n')}\n`);
      const shutdown = async () => {
        await server.close();
        await platform.stop();
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown());
      process.on('SIGTERM', () => void shutdown());
    });
}
