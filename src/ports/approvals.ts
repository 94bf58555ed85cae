export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired';

/** A request for a human decision before a runbook may act. */
export interface Approval {
  id: string;
  executionId: string;
  runbookId: string;
  targetResource: string;
  environment: string;
  /** Why approval is needed (irreversible, prod, policy…). */
  reason: string;
  /** The exact calls that will be made if approved (the dry-run plan). */
  plan: unknown[];
  requestedAt: string;
  expiresAt: string;
  status: ApprovalStatus;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  /** Step Functions task token on AWS; absent locally. */
  taskToken?: string;
  version?: number;
}

/**
 * How a waiting execution learns of a decision. On AWS: SendTaskSuccess/SendTaskFailure with the
 * task token. Locally: the in-process orchestrator resumes the persisted execution.
 */
export interface Approvals {
  /** Deliver the request to approvers (through the notifiers) once it is stored. */
  requested(approval: Approval): Promise<void>;
  /** Resume the waiting execution once the decision is stored. */
  decided(approval: Approval): Promise<void>;
}
