import { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClientConfig } from '@aws-sdk/client-sfn';
import { AiopsError } from '../../core/shared/errors.js';
import type { Approval, Approvals } from '../../ports/approvals.js';
import type { Notifier } from '../../ports/notifier.js';

export type StepFunctionsApprovalsOptions = {
  notifier: Notifier;
  /** Receiver the approval request goes to (the approvals topic). */
  receiver?: string;
  consoleUrl?: string;
} & ({ client: SFNClient; clientConfig?: never } | { clientConfig: SFNClientConfig; client?: never });

/**
 * Approvals on Step Functions task tokens: the RequestApproval state waits
 * (`lambda:invoke.waitForTaskToken`); a human decision resumes it with SendTaskSuccess
 * `{ approved, principal, comment }` — the state machine's IsApproved choice sends a rejection to
 * MarkRejected (SKIPPED) and Execute records `principal` as the operator — and an expiry with
 * SendTaskFailure (error `ApprovalExpired`).
 */
export class StepFunctionsApprovals implements Approvals {
  private readonly client: SFNClient;

  constructor(private readonly options: StepFunctionsApprovalsOptions) {
    this.client = options.client ?? new SFNClient(options.clientConfig ?? {});
  }

  async requested(a: Approval): Promise<void> {
    const res = await this.options.notifier.notify({
      key: `approval:${a.id}`,
      receiver: this.options.receiver ?? 'approvals',
      action: 'approval',
      title: `Approval needed: ${a.runbookId} on ${a.targetResource}`,
      summary: `${a.reason}. Expires ${a.expiresAt}. Plan: ${JSON.stringify(a.plan)}`,
      ...(this.options.consoleUrl ? { link: `${this.options.consoleUrl}/approvals/${encodeURIComponent(a.id)}` } : {}),
      labels: { environment: a.environment, executionId: a.executionId },
    });
    if (!res.ok) throw new AiopsError(`approval ${a.id} could not be delivered: ${res.reason}`, res.retryable ? 'NOTIFY_RETRYABLE' : 'NOTIFY_FAILED');
  }

  async decided(a: Approval): Promise<void> {
    if (!a.taskToken) throw new AiopsError(`approval ${a.id} has no task token to resume`, 'APPROVAL_NO_TOKEN');
    if (a.status === 'approved' || a.status === 'rejected') {
      const output = { approved: a.status === 'approved', principal: a.decidedBy, decidedBy: a.decidedBy, decidedAt: a.decidedAt, ...(a.comment ? { comment: a.comment } : {}) };
      await this.client.send(new SendTaskSuccessCommand({ taskToken: a.taskToken, output: JSON.stringify(output) }));
    } else if (a.status === 'expired') {
      await this.client.send(new SendTaskFailureCommand({ taskToken: a.taskToken, error: 'ApprovalExpired', cause: JSON.stringify({ decidedBy: a.decidedBy, comment: a.comment }).slice(0, 32_000) }));
    } else {
      throw new AiopsError(`approval ${a.id} is still ${a.status}`, 'APPROVAL_PENDING');
    }
  }
}
