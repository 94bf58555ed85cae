import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/shared/errors.js';
import { StepFunctionsOrchestrator } from './step-functions-orchestrator.js';

const ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:aiops-remediation-dev';

describe('Class: StepFunctionsOrchestrator', () => {
  const sfn = mockClient(SFNClient);
  beforeEach(() => sfn.reset());
  const orchestrator = () => new StepFunctionsOrchestrator({ stateMachineArn: ARN, client: new SFNClient({}) });

  it('starts the state machine with the execution id as name and { executionId } as input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:exec-1`, startDate: new Date(0) });
    await orchestrator().start('exec-1');
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({ stateMachineArn: ARN, name: 'exec-1', input: '{"executionId":"exec-1"}' });
  });

  it('treats ExecutionAlreadyExists as already started (idempotent)', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(orchestrator().start('exec-1')).resolves.toBeUndefined();
  });

  it('passes other failures on so the caller retries', async () => {
    sfn.on(StartExecutionCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(orchestrator().start('exec-1')).rejects.toThrow(/throttled/);
  });

  it.each(['', 'has space', 'x'.repeat(81), 'exec:1'])('refuses %j as an execution name before calling AWS', async (id) => {
    await expect(orchestrator().start(id)).rejects.toBeInstanceOf(ValidationError);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('has nothing to settle locally', async () => {
    await expect(orchestrator().settle()).resolves.toBeUndefined();
  });
});
