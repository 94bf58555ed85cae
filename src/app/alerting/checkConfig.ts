import { parse as parseYaml } from 'yaml';
import { receiversIn, timeIntervalsIn } from '../../core/alerts/routing.js';
import { ValidationError } from '../../core/shared/errors.js';
import { AlertingConfigSchema, type ResolvedAlertingConfig } from './config.js';

export interface ConfigProblem {
  path: string;
  message: string;
}

export type ConfigCheck = { ok: true; config: ResolvedAlertingConfig; warnings: string[] } | { ok: false; errors: ConfigProblem[] };

/**
 * Validates an alerting YAML config (`aiops config check`): schema, then references (every
 * receiver and time interval the routing tree names must be defined).
 *
 * @example
 * const r = checkConfig(readFileSync('config/alerting.yaml', 'utf8'));
 * if (!r.ok) for (const e of r.errors) console.error(`${e.path}: ${e.message}`);
 */
export function checkConfig(yamlText: string): ConfigCheck {
  let doc: unknown;
  try {
    doc = parseYaml(yamlText) ?? {};
  } catch (e) {
    return { ok: false, errors: [{ path: '(root)', message: `not valid YAML: ${(e as Error).message}` }] };
  }
  return checkConfigDoc(doc);
}

/** The same checks on an already-parsed config document (an object from YAML, JSON or code). */
export function checkConfigDoc(doc: unknown): ConfigCheck {
  const parsed = AlertingConfigSchema.safeParse(doc);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })) };
  const config = parsed.data;
  const errors: ConfigProblem[] = [];
  const receivers = new Set(config.receivers.map((r) => r.name));
  for (const name of receiversIn(config.route)) if (!receivers.has(name)) errors.push({ path: 'route', message: `receiver "${name}" is not defined in receivers` });
  const intervals = new Set(config.timeIntervals.map((t) => t.name));
  for (const name of timeIntervalsIn(config.route)) if (!intervals.has(name)) errors.push({ path: 'route', message: `time interval "${name}" is not defined in timeIntervals` });
  const dup = config.receivers.map((r) => r.name).filter((n, i, a) => a.indexOf(n) !== i);
  for (const d of dup) errors.push({ path: 'receivers', message: `receiver "${d}" is defined twice` });
  if (errors.length) return { ok: false, errors };
  const warnings: string[] = [];
  if (!config.route.receiver) warnings.push('route has no receiver: unmatched alerts go to "default"');
  if (config.autoResolve) warnings.push('autoResolve is on: incidents resolve when all their alerts resolve, without a human');
  return { ok: true, config, warnings };
}

/** Parses and validates, throwing a ValidationError naming the first bad field. */
export function loadAlertingConfig(yamlText: string): ResolvedAlertingConfig {
  const r = checkConfig(yamlText);
  if (!r.ok) {
    const e = r.errors[0] as ConfigProblem;
    throw new ValidationError(e.path, e.message);
  }
  return r.config;
}

/** Validates a config object (schema and references), throwing a ValidationError naming the first bad field. */
export function validateAlertingConfig(doc: unknown): ResolvedAlertingConfig {
  const r = checkConfigDoc(doc);
  if (!r.ok) {
    const e = r.errors[0] as ConfigProblem;
    throw new ValidationError(e.path, e.message);
  }
  return r.config;
}
