import type { ActionCall, ResourceRecord } from '../../ports/cloud.js';
import type { MetricId } from '../../ports/metrics.js';
import type { Alert } from '../alerts/alert.js';

/** How a runbook is carried out on AWS (seed 001's four automation patterns). */
export type RemediationPattern = 'lambda' | 'ssm' | 'stepfunctions' | 'scheduled';

/**
 * When a human must approve:
 * - `none`: never (reversible, low risk);
 * - `none-outside-prod`: automatic except in the `prod` environment;
 * - `always`: every run (irreversible actions).
 */
export type ApprovalRule = 'none' | 'none-outside-prod' | 'always';

/** Thresholds as data: the alert/signal shape that triggers a runbook. */
export interface TriggerMatcher {
  /** `<namespace> <metricName>` of a metric alarm or anomaly, e.g. `AWS/EC2 CPUUtilization`. */
  metric?: string;
  /** Exact rule/alarm/finding type, or a regular expression source when it starts with `^`. */
  rule?: string;
  kind?: Alert['kind'][];
  source?: Alert['source'][];
  resourceType?: string;
  above?: number;
  below?: number;
  /** The condition must have held this long (the alarm's evaluation window). */
  forMinutes?: number;
  labels?: Record<string, string>;
}

/** What the engine hands to a runbook's pure functions. */
export interface RunbookContext {
  resource: ResourceRecord;
  alert?: Alert;
  environment: string;
  /** Decision time (ISO 8601; virtual time locally), for age-based rules. Also in `diagnostics.now`. */
  now?: string;
  /** Diagnostics captured by CollectDiagnostics (latest metric values, state snapshot…). */
  diagnostics: Record<string, unknown>;
}

export interface Eligibility {
  eligible: boolean;
  reason: string;
}

/** Validation: the target metric must be on the right side of the threshold within the timeout. */
export interface ValidationRule {
  metric: (resource: ResourceRecord) => MetricId;
  stat: 'Average' | 'Maximum' | 'Minimum' | 'Sum';
  below?: number;
  above?: number;
  /** How long the engine waits (virtual time locally) for the metric to improve. */
  withinMinutes: number;
  /** Consecutive datapoints that must pass. */
  datapoints: number;
}

export interface BlastRadius {
  /** Resources one execution may touch. The product's rule is exactly one. */
  maxResources: 1;
  /** e.g. capacity increase cap in percent, for scaling actions. */
  maxChangePct?: number;
}

/** One auto-remediation catalogue entry: data plus pure functions. The engine does the rest. */
export interface RunbookDescriptor {
  /** `AIOps-<Verb><Thing>`; must match the file name. */
  id: string;
  title: string;
  /** The catalogue's condition, in words. */
  condition: string;
  /** The catalogue's action, in words. */
  action: string;
  category: 'compute' | 'storage' | 'networking' | 'messaging' | 'security' | 'maintenance';
  pattern: RemediationPattern;
  /** `n/a` for read-only or one-shot actions (notify, invalidate cache) that have nothing to undo. */
  reversible: boolean | 'n/a';
  approval: ApprovalRule;
  targetResourceType: string;
  trigger: TriggerMatcher;
  /** For `scheduled` entries: cron in UTC. */
  schedule?: { cron: string; timezone?: string };
  blastRadius: BlastRadius;
  cooldownMinutes: number;
  /** Executions allowed per hour for this runbook across all resources. */
  maxPerHour: number;
  /** Name of the SSM Automation document in scripts/ssm/ (required for the `ssm` pattern). */
  ssmDocument?: string;
  /** Sandbox scenario id that rehearses this runbook. */
  sandboxScenario: string;
  /** Human-readable rollback plan (recorded in every audit record). */
  rollbackPlan: string;
  eligible: (ctx: RunbookContext) => Eligibility;
  plan: (ctx: RunbookContext) => ActionCall[];
  /** Executable rollback: required when `reversible === true`. `before` is the state captured before acting. */
  rollback?: (ctx: RunbookContext, before: Record<string, unknown>) => ActionCall[];
  validate?: ValidationRule;
}

/** Identity helper that keeps descriptors typed; registry tests check the invariants. */
export function defineRunbook(descriptor: RunbookDescriptor): RunbookDescriptor {
  return descriptor;
}
