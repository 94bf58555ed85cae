import type { ActionCall, ResourceRecord } from '../../../../ports/cloud.js';
import type { Eligibility, RunbookContext } from '../../runbook.js';
import { callOn, eligible, notEligible, str } from './state.js';

/**
 * Scheduled maintenance that runs inside a product Lambda (EventBridge Scheduler → Lambda on AWS,
 * croner → the same use case locally). The target is the handler function; the plan is one
 * asynchronous invocation carrying the task and its parameters.
 */
export function invokeTask(resource: ResourceRecord, task: string, params: Record<string, unknown>, description: string): ActionCall[] {
  return [
    callOn(
      resource,
      'lambda:InvokeFunction',
      { FunctionName: str(resource.state, 'FunctionName') ?? resource.name, InvocationType: 'Event', Payload: { task, ...params } },
      description,
    ),
  ];
}

export function handlerEligible(ctx: RunbookContext): Eligibility {
  if (!str(ctx.resource.state, 'FunctionName')) return notEligible('handler FunctionName unknown');
  const st = str(ctx.resource.state, 'State');
  if (st !== undefined && st !== 'Active') return notEligible(`handler state is ${st}`);
  return eligible('handler active');
}
