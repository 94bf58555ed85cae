import type { PlatformCore } from './core.js';
import { installRca } from './rca.js';

/**
 * Installs every feature module on the local platform. Each one registers its scheduled jobs and
 * bus subscriptions and returns its service, reachable as `platform.features.<name>` by the API
 * routes and the CLI. One line per feature.
 */
export async function installFeatures(core: PlatformCore) {
  return {
    rca: await installRca(core),
  };
}

export type Features = Awaited<ReturnType<typeof installFeatures>>;
