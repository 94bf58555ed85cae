import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand, type SFNClientConfig } from '@aws-sdk/client-sfn';
import { ValidationError } from '../../core/shared/errors.js';
import type { Orchestrator } from '../../ports/orchestrator.js';

export type StepFunctionsOrchestratorOptions = { stateMachineArn: string } & ({ client: SFNClient; clientConfig?: never } | { clientConfig: SFNClientConfig; client?: never });

/** Step Functions execution names: 1–80 characters of letters, digits, `-` and `_`. */
const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * The RemediationOrchestrator on AWS Step Functions. The execution name is the execution id, so a
 * second StartExecution for the same id (a redelivered alert, a retried Lambda) does not start a
 * second run: Step Functions answers with the running one (same input) or ExecutionAlreadyExists.
 */
export class StepFunctionsOrchestrator implements Orchestrator {
  private readonly client: SFNClient;

  constructor(private readonly options: StepFunctionsOrchestratorOptions) {
    this.client = options.client ?? new SFNClient(options.clientConfig ?? {});
  }

  async start(executionId: string): Promise<void> {
    if (!EXECUTION_NAME.test(executionId)) throw new ValidationError('executionId', 'must be 1–80 characters of [A-Za-z0-9_-] to be a Step Functions execution name');
    try {
      await this.client.send(new StartExecutionCommand({ stateMachineArn: this.options.stateMachineArn, name: executionId, input: JSON.stringify({ executionId }) }));
    } catch (err) {
      // Already started by an earlier delivery: the execution runs once, which is what was asked.
      if (err instanceof ExecutionAlreadyExists || (err as { name?: string }).name === 'ExecutionAlreadyExists') return;
      throw err;
    }
  }

  /** Executions run in Step Functions, not in this process: there is nothing to wait for here. */
  async settle(): Promise<void> {}
}
