import type { Signal } from '../../events/signal.js';

export interface ResourceContext {
  tags: Record<string, string>;
}

export interface EnrichOptions {
  /** Environment when neither the signal nor the resource says (fail towards urgency: prod). */
  defaultEnvironment: string;
  /** Services whose alerts are customer-facing SLIs. */
  customerFacingServices: readonly string[];
  /** Link template; `{rule}` and `{resource}` are replaced. */
  runbookUrlTemplate?: string;
}

const lower = (tags: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]));

const ENV_ALIASES: Record<string, string> = { production: 'prod', prd: 'prod', stage: 'staging', stg: 'staging', development: 'dev' };

/**
 * Adds service, environment, owner, customerFacing and a runbook link from the signal's own labels
 * and the resource's tags (the inventory). Signal labels win over tags: the source is closer to
 * the truth than a possibly stale tag.
 */
export function enrichLabels(signal: Signal, resource: ResourceContext | undefined, opts: EnrichOptions): Record<string, string> {
  const tags = lower(resource?.tags ?? {});
  const labels: Record<string, string> = { ...signal.labels };
  const service = labels.service ?? tags.service ?? tags.app ?? tags.application;
  if (service) labels.service = service;
  const env = labels.environment ?? tags.environment ?? tags.env ?? opts.defaultEnvironment;
  labels.environment = ENV_ALIASES[env.toLowerCase()] ?? env.toLowerCase();
  const owner = labels.owner ?? tags.owner ?? tags.team;
  if (owner) labels.owner = owner;
  const cf = labels.customerFacing ?? tags['customer-facing'] ?? tags.customerfacing;
  labels.customerFacing = cf === 'true' || (cf === undefined && !!service && opts.customerFacingServices.includes(service)) ? 'true' : 'false';
  if (signal.region && !labels.region) labels.region = signal.region;
  if (opts.runbookUrlTemplate && signal.rule && !labels.runbook) {
    labels.runbook = opts.runbookUrlTemplate.replace('{rule}', encodeURIComponent(signal.rule)).replace('{resource}', encodeURIComponent(signal.resourceArn));
  }
  return labels;
}
