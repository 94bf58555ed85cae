import type { Severity } from '../../../core/shared/severity.js';
import type { FaultSpecInput } from '../faults/schema.js';

/** What a rehearsal must observe for the scenario to pass. */
export interface ScenarioExpectation {
  /** The alarm (or rule) that must fire. */
  alarm?: string;
  severity?: Severity;
  /** The runbook that must run (catalogue id). */
  runbook?: string;
  /** Whether the runbook needs a human approval before acting. */
  needsApproval?: boolean;
  /** State the target must reach, checked after the runbook ran. */
  targetState?: { resource: string; field: string; equals: unknown };
}

/** One sandbox scenario: a named composition of fault primitives plus the expected outcome. */
export interface ScenarioDescriptor {
  id: string;
  title: string;
  description: string;
  faults: FaultSpecInput[];
  expected: ScenarioExpectation;
}

export const defineScenario = (s: ScenarioDescriptor): ScenarioDescriptor => s;
