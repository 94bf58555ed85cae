/**
 * What the product reads from and does to an AWS account: inventory and remediation actions.
 * The sandbox implements it over a simulated account; the AWS adapter over SDK v3 clients.
 */
export interface ResourceRecord {
  arn: string;
  /** CloudFormation-style type, e.g. `AWS::AutoScaling::AutoScalingGroup`. */
  type: string;
  id: string;
  name: string;
  region: string;
  account: string;
  tags: Record<string, string>;
  /** Service-specific configuration and state (desired capacity, public access block, …). */
  state: Record<string, unknown>;
}

export interface ResourceFilter {
  type?: string;
  tag?: Record<string, string>;
  arns?: string[];
}

/**
 * One API call on one resource, as data: the same object is shown by a dry-run, executed by the
 * engine and written to the audit log. `call` uses IAM action names (`autoscaling:SetDesiredCapacity`).
 */
export interface ActionCall {
  call: string;
  target: string;
  params: Record<string, unknown>;
  description?: string;
}

export interface ActionResult {
  ok: boolean;
  call: string;
  target: string;
  /** What the resource looked like before (for rollback). */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  error?: string;
}

export interface ChangeEvent {
  time: string;
  eventName: string;
  eventSource: string;
  resourceArn: string;
  principal: string;
  params?: Record<string, unknown>;
}

export interface Cloud {
  listResources(filter?: ResourceFilter): Promise<ResourceRecord[]>;
  describe(arn: string): Promise<ResourceRecord | undefined>;
  /** Executes one call. Must be idempotent for identical calls (e.g. set capacity to N). */
  execute(action: ActionCall): Promise<ActionResult>;
  /** Recent configuration changes (CloudTrail-like) on a resource, newest first. */
  recentChanges(resourceArn: string, sinceIso: string): Promise<ChangeEvent[]>;
}
