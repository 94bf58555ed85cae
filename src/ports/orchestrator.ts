/**
 * Runs the RemediationOrchestrator state machine for an execution already stored. Locally the ASL
 * runs in-process; on AWS this is Step Functions StartExecution with the execution id as the
 * (idempotent) execution name.
 */
export interface Orchestrator {
  start(executionId: string): Promise<void>;
  /** Resolves when the given (or every) running execution has finished; for tests and shutdown. */
  settle(executionId?: string): Promise<void>;
}
