import type { CauseKind } from '../taxonomy.js';

/** The fault kinds the log generator (and the sandbox's scenarios) know how to express in logs. */
export const FAULT_KINDS = [
  'cpu-saturation',
  'bad-deploy',
  'db-failover',
  'throttling',
  'oom',
  'bad-config',
  'access-denied',
  'disk-full',
  'dependency-latency',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The known root cause of each fault kind, in the RCA taxonomy: what accuracy is measured against. */
export const FAULT_CAUSES: Record<FaultKind, CauseKind> = {
  'cpu-saturation': 'capacity',
  'bad-deploy': 'deployment',
  'db-failover': 'dependency-failure',
  throttling: 'throttling',
  oom: 'resource-exhaustion',
  'bad-config': 'configuration',
  'access-denied': 'security',
  'disk-full': 'resource-exhaustion',
  'dependency-latency': 'dependency-failure',
};

export function isFaultKind(x: unknown): x is FaultKind {
  return typeof x === 'string' && (FAULT_KINDS as readonly string[]).includes(x);
}

/** A fault active on the generated service between startMs (inclusive) and endMs (exclusive). */
export interface FaultWindow {
  /** A {@link FaultKind}; unknown kinds are accepted and produce no extra log lines. */
  kind: string;
  startMs: number;
  endMs: number;
}
