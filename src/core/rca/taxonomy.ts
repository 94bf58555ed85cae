/**
 * The cause taxonomy: every probable cause and every sandbox fault scenario is labelled with one
 * of these, so RCA accuracy can be measured against each scenario's known cause.
 */
export const CAUSE_KINDS = [
  'deployment',
  'capacity',
  'dependency-failure',
  'configuration',
  'security',
  'throttling',
  'resource-exhaustion',
] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];

export const CAUSE_TITLES: Record<CauseKind, string> = {
  deployment: 'Faulty deployment',
  capacity: 'Insufficient capacity (saturation)',
  'dependency-failure': 'Dependency failure',
  configuration: 'Configuration change',
  security: 'Security / access change',
  throttling: 'Throttling (service or account limits)',
  'resource-exhaustion': 'Resource exhaustion (memory, disk, connections)',
};

export function isCauseKind(x: unknown): x is CauseKind {
  return typeof x === 'string' && (CAUSE_KINDS as readonly string[]).includes(x);
}
