import type { Severity } from '../../../core/shared/severity.js';
import type { FaultSpecInput } from '../faults/schema.js';

/** What a rehearsal must observe for the scenario to pass. */
export interface ScenarioExpectation {
  /** The alarm that must fire (CloudWatch alarm name), for metric-driven scenarios. */
  alarm?: string;
  /** The rule that must be reported (Config rule, finding type, event code, `schedule:<task>`), for the others. */
  rule?: string;
  /** Severity of the incident (event-driven scenarios). */
  severity?: Severity;
  /** The runbook that must run (catalogue id). */
  runbook: string;
  /** Whether the runbook needs a human approval before acting. */
  needsApproval: boolean;
  /** State the target must reach, checked after the runbook ran (`field` may be a dotted path). */
  targetState: { resource: string; field: string; equals: unknown };
  /**
   * Whether the incident resolves on its own once the action worked (the alarm returns to OK).
   * False for findings and events that no source withdraws (Config, GuardDuty, Health) and for
   * actions that only contain the problem (snapshot before a manual resize, DNS failover while the
   * primary stays down): there the rehearsal ends at the validated action.
   */
  resolves: boolean;
}

/** What a scenario that rehearses detection (anomaly detectors, compliance scans) must observe; no runbook is implied. */
export interface DetectionExpectation {
  alarm?: string;
  rule?: string;
  severity?: Severity;
  detectedBy: 'anomaly' | 'compliance' | 'cost' | 'slo';
}

/** One sandbox scenario: a named composition of fault primitives plus the expected outcome. */
export interface ScenarioDescriptor<E extends ScenarioExpectation | DetectionExpectation = ScenarioExpectation> {
  id: string;
  title: string;
  description: string;
  /** Empty only for scheduled maintenance, which needs no fault: the schedule itself is the trigger. */
  faults: FaultSpecInput[];
  expected: E;
  /** Where the virtual clock starts (ISO); scheduled scenarios start a few minutes before their cron time. */
  clockStart?: string;
  /** Virtual minutes the rehearsal may take before it counts as failed. */
  maxMinutes?: number;
}

export const defineScenario = <E extends ScenarioExpectation | DetectionExpectation = ScenarioExpectation>(s: ScenarioDescriptor<E>): ScenarioDescriptor<E> => s;

export type AnyScenario = ScenarioDescriptor<ScenarioExpectation> | ScenarioDescriptor<DetectionExpectation>;
