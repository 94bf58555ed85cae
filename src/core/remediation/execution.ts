export type ExecutionStatus = 'RUNNING' | 'WAITING_APPROVAL' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'ROLLED_BACK';
export type ExecutionOutcome = 'SUCCESS' | 'FAILURE' | 'SKIPPED';

/** The orchestrator's states, as named in the RemediationOrchestrator ASL definition. */
export type OrchestratorState =
  | 'CollectDiagnostics'
  | 'EligibilityCheck'
  | 'RequestApproval'
  | 'Execute'
  | 'ValidateRemediation'
  | 'Rollback'
  | 'Record'
  | (string & {});

/** One run of a runbook against one resource. Idempotent per (incident, runbook, resource). */
export interface Execution {
  id: string;
  idempotencyKey: string;
  runbookId: string;
  incidentId?: string;
  targetResource: string;
  environment: string;
  status: ExecutionStatus;
  outcome?: ExecutionOutcome;
  dryRun: boolean;
  /** The event that triggered it (alert id, schedule, operator…), as recorded in the audit log. */
  trigger: string;
  operator: string;
  statesVisited: string[];
  startedAt: string;
  endedAt?: string;
  reason?: string;
  diagnostics?: Record<string, unknown>;
  plan?: unknown[];
  rollbackPlan?: string;
  approvalId?: string;
  updatedAt: string;
  version: number;
}
