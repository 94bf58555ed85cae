import { installCost } from './cost.js';
import { installCompliance } from './compliance.js';
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
 * under test. A feature left out is absent from the returned object.
 */
export async function installFeatures(core: PlatformCore, only?: readonly FeatureName[]) {
  const on = (name: FeatureName) => !only || only.includes(name);
  const features = {
    cost: on('cost') ? await installCost(core) : undefined,
    compliance: on('compliance') ? await installCompliance(core) : undefined,
    detection: on('detection') ? await installDetection(core) : undefined,
    slo: on('slo') ? await installSlo(core) : undefined,
    rca: on('rca') ? await installRca(core) : undefined,
  };
  return features as { [K in keyof typeof features]: NonNullable<(typeof features)[K]> };
}

export type Features = Awaited<ReturnType<typeof installFeatures>>;
