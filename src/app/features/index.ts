import { installCost } from './cost.js';
import { installCompliance } from './compliance.js';
import { NotFoundError } from '../../core/shared/errors.js';
import type { PlatformCore } from './core.js';
import { installDetection } from './detection.js';
import { installSlo } from './slo.js';
import { installRca } from './rca.js';

export const FEATURE_NAMES = ['cost', 'compliance', 'detection', 'slo', 'rca'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * Installs the feature modules on the local platform. Each one registers its scheduled jobs and
 * bus subscriptions and returns its service, reachable as `platform.features.<name>` by the API
 * routes and the CLI. One line per feature.
 *
 * `only` narrows the set: the product always runs every feature; tests that rehearse one concern
 * (a runbook, the alert pipeline) leave the others out so their signals do not join the incident
 * under test. Reading a feature left out throws a NotFoundError that names it (a 404 from the API)
 * instead of handing back `undefined`; `isInstalled` asks without throwing.
 */
export async function installFeatures(core: PlatformCore, only?: readonly FeatureName[]) {
  const on = (name: FeatureName) => !only || only.includes(name);
  const installed = {
    cost: on('cost') ? await installCost(core) : undefined,
    compliance: on('compliance') ? await installCompliance(core) : undefined,
    detection: on('detection') ? await installDetection(core) : undefined,
    slo: on('slo') ? await installSlo(core) : undefined,
    rca: on('rca') ? await installRca(core) : undefined,
  };
  const features = {} as { [K in keyof typeof installed]: NonNullable<(typeof installed)[K]> };
  for (const name of FEATURE_NAMES) {
    Object.defineProperty(features, name, {
      enumerable: true,
      get: () => {
        const service = installed[name];
        if (service === undefined) throw new NotFoundError('installed feature', name);
        return service;
      },
    });
  }
  installedServices.set(features, installed);
  return features;
}

export type Features = Awaited<ReturnType<typeof installFeatures>>;

/** The services behind each features object (absent ones undefined), for `isInstalled`. */
const installedServices = new WeakMap<object, Partial<Record<FeatureName, unknown>>>();

/** Whether a feature runs on this platform (reading an absent one throws). */
export const isInstalled = (features: Features, name: FeatureName): boolean => installedServices.get(features)?.[name] !== undefined;
