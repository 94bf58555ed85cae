import '../core/shared/polyfills.js';
import { Command } from 'commander';
import { ApiClient } from './client.js';
import { CliError, EXIT } from './output.js';
import { COMMANDS } from './commands/index.js';
import { registerStart } from './commands/start.js';

const program = new Command('aiops')
  .description('MatCarv AIOps: AI-driven operations for AWS')
  .option('--url <url>', 'server URL (AIOPS_URL)')
  .option('--token <token>', 'API token (AIOPS_TOKEN; default: <data-dir>/admin-token)')
  .option('--data-dir <dir>', 'local data directory with the store and admin token (AIOPS_DATA_DIR, default ./.aiops)')
  .option('--json', 'machine-readable output')
  .showHelpAfterError();

const globals = () => program.opts<{ url?: string; token?: string; dataDir?: string; json?: boolean }>();
const client = () => new ApiClient(globals());
const json = () => Boolean(globals().json);

registerStart(program, () => globals().dataDir);
for (const register of COMMANDS) register(program, client, json);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const code = e instanceof CliError ? e.exitCode : EXIT.failure;
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exit(code);
}
