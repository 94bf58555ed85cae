import { z } from 'zod';
import { ValidationError } from '../../core/shared/errors.js';
import { parseOrThrow } from '../../core/shared/zod.js';
import { createRuntime, lambdaHandler, MetricUnit, type Runtime } from '../shared/runtime.js';
import { ORCHESTRATOR_STATES, useCase, type OrchestratorState } from '../shared/use-cases.js';

const StateInputSchema = z.object({ executionId: z.string().min(1) }).passthrough();
/**
 * RequestApproval is invoked with `lambda:invoke.waitForTaskToken`; the ASL's Payload is
 * `{ execution.$: $, taskToken.$: $$.Task.Token }` (`input` is accepted as the older spelling).
 */
const ApprovalInputSchema = z
  .object({ execution: StateInputSchema.optional(), input: StateInputSchema.optional(), taskToken: z.string().min(1) })
  .refine((e) => e.execution ?? e.input, { message: 'the execution state is required', path: ['execution'] })
  .transform((e) => ({ input: (e.execution ?? e.input)!, taskToken: e.taskToken }));

/** States that change the world or the record: retried invocations must not repeat them. */
const IDEMPOTENT_STATES: ReadonlySet<OrchestratorState> = new Set(['RequestApproval', 'Execute', 'Rollback', 'Record']);

export function stateFromEnv(value: string | undefined): OrchestratorState {
  if (!value || !(ORCHESTRATOR_STATES as readonly string[]).includes(value)) throw new ValidationError('env.STATE_NAME', `must be one of ${ORCHESTRATOR_STATES.join(', ')}`);
  return value as OrchestratorState;
}

/**
 * One handler for every RemediationOrchestrator task state: each state's function has the same
 * code and is told its state by STATE_NAME (set by the RemediationStack).
 */
export function createRemediationHandler(rt: Runtime, stateName: () => string | undefined = () => process.env.STATE_NAME) {
  return lambdaHandler(rt, async (event: unknown) => {
    const state = stateFromEnv(stateName());
    const { input, taskToken } = state === 'RequestApproval' ? parseOrThrow(ApprovalInputSchema, event, 'event') : { input: parseOrThrow(StateInputSchema, event, 'event'), taskToken: undefined };
    rt.logger.appendKeys({ executionId: input.executionId, state });
    const run = async (req: { key: string; input: Record<string, unknown>; taskToken?: string }) => useCase('runRemediationStep')(rt.deps(), state, req.input, req.taskToken);
    const step = IDEMPOTENT_STATES.has(state) ? rt.idempotent(`remediation-${state}`, run, 'key') : run;
    const output = await step({ key: `${state}:${input.executionId}`, input, ...(taskToken ? { taskToken } : {}) });
    if (state === 'Execute') rt.metrics.addMetric('RemediationExecuted', MetricUnit.Count, 1);
    return output;
  });
}

export const handler = createRemediationHandler(createRuntime(`remediation-${(process.env.STATE_NAME ?? 'state').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`));
