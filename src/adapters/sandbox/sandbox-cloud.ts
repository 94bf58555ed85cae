import type { ActionCall, ActionResult, ChangeEvent, Cloud, ResourceFilter, ResourceRecord } from '../../ports/cloud.js';
import type { Sandbox } from './sandbox.js';

type State = Record<string, unknown>;

export function deepMerge(base: State, patch: State): State {
  const out: State = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const cur = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur) ? deepMerge(cur as State, v as State) : v;
  }
  return out;
}

/** What an action does to the simulated resource: the state patch it applies (or an error). */
type ActionHandler = (r: ResourceRecord, params: Record<string, unknown>) => State | { error: string };

const num = (v: unknown): number => Number(v);

/**
 * The sandbox's implementation of remediation API calls, keyed by IAM action name. Each handler
 * computes the resulting state from absolute parameters, so repeating a call is harmless.
 * Unknown calls fail closed.
 */
const HANDLERS: Record<string, ActionHandler> = {
  'autoscaling:SetDesiredCapacity': (r, p) => {
    const desired = num(p.DesiredCapacity);
    const min = num(r.state.MinSize ?? 0);
    const max = num(r.state.MaxSize ?? Infinity);
    if (!Number.isInteger(desired)) return { error: 'DesiredCapacity must be an integer' };
    if (desired < min || desired > max) return { error: `DesiredCapacity ${desired} is outside [${min}, ${max}]` };
    return { DesiredCapacity: desired };
  },
  'ecs:UpdateService': (r, p) => {
    const desired = p.DesiredCount !== undefined ? num(p.DesiredCount) : num(r.state.DesiredCount);
    if (p.ForceNewDeployment) return { DesiredCount: desired, RunningCount: desired, LastDeploymentForcedAt: 'now' };
    return { DesiredCount: desired };
  },
  'lambda:UpdateAlias': (r, p) => {
    const aliases = (r.state.Aliases ?? {}) as Record<string, { FunctionVersion: string; ErrorRate?: number }>;
    const name = String(p.Name ?? 'live');
    const cur = aliases[name];
    if (!cur) return { error: `alias ${name} does not exist` };
    const version = String(p.FunctionVersion);
    if (!((r.state.Versions as string[] | undefined) ?? []).includes(version)) return { error: `version ${version} does not exist` };
    // Faults mark a bad version with BadVersions; the error rate follows the version the alias points to.
    const bad = ((r.state.BadVersions as string[] | undefined) ?? []).includes(version);
    return { Aliases: { [name]: { FunctionVersion: version, PreviousVersion: cur.FunctionVersion, ErrorRate: bad ? 0.15 : 0.002 } } };
  },
  'lambda:PutFunctionConcurrency': (_r, p) => ({ ReservedConcurrentExecutions: num(p.ReservedConcurrentExecutions) }),
  'ec2:RebootInstances': () => ({ StatusChecks: { InstanceStatus: 'ok', SystemStatus: 'ok' }, State: { Name: 'running' } }),
  'ec2:StopInstances': () => ({ State: { Name: 'stopped' } }),
  'ec2:StartInstances': () => ({ State: { Name: 'running' }, StatusChecks: { InstanceStatus: 'ok', SystemStatus: 'ok' } }),
  's3:PutPublicAccessBlock': (_r, p) => ({ PublicAccessBlock: (p.PublicAccessBlockConfiguration ?? { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }) as State }),
  'ec2:RevokeSecurityGroupIngress': (r, p) => {
    const perms = ((r.state.IpPermissions as State[] | undefined) ?? []).filter((perm) => !(num(perm.FromPort) === num(p.FromPort) && num(perm.ToPort) === num(p.ToPort) && perm.IpProtocol === (p.IpProtocol ?? 'tcp')));
    return { IpPermissions: perms };
  },
  'ec2:AuthorizeSecurityGroupIngress': (r, p) => ({ IpPermissions: [...((r.state.IpPermissions as State[] | undefined) ?? []), { IpProtocol: p.IpProtocol ?? 'tcp', FromPort: num(p.FromPort), ToPort: num(p.ToPort), IpRanges: [{ CidrIp: p.CidrIp ?? '0.0.0.0/0' }], Ipv6Ranges: [] }] }),
  'cloudtrail:StartLogging': () => ({ IsLogging: true }),
  'cloudtrail:StopLogging': () => ({ IsLogging: false }),
  'iam:UpdateAccessKey': (r, p) => ({
    AccessKeys: ((r.state.AccessKeys as State[] | undefined) ?? []).map((k) => (k.AccessKeyId === p.AccessKeyId ? { ...k, Status: p.Status } : k)),
  }),
  'iam:PutUserPolicy': (r, p) => ({ InlinePolicies: { ...((r.state.InlinePolicies as State | undefined) ?? {}), [String(p.PolicyName)]: p.PolicyDocument } }),
  'iam:DeleteUserPolicy': (r, p) => {
    const rest = { ...((r.state.InlinePolicies as State | undefined) ?? {}) };
    delete rest[String(p.PolicyName)];
    return { InlinePolicies: rest };
  },
  'sqs:StartMessageMoveTask': (r) => ({ ApproximateNumberOfMessages: 0, LastRedrive: { moved: num(r.state.ApproximateNumberOfMessages ?? 0) } }),
  'cloudfront:CreateInvalidation': (r, p) => ({ Invalidations: [...((r.state.Invalidations as unknown[] | undefined) ?? []), { Paths: p.Paths ?? ['/*'], CallerReference: p.CallerReference }] }),
  'dynamodb:UpdateTable': (_r, p) => ({ ProvisionedThroughput: p.ProvisionedThroughput as State }),
  'rds:DescribeDBInstances': (r) => ({ LastChecked: r.state.AvailabilityZone }),
  'route53:UpdateHealthCheck': (_r, p) => ({ Disabled: Boolean(p.Disabled) }),
  'route53:ChangeResourceRecordSets': (r, p) => ({ ActiveRegion: p.ActiveRegion ?? (r.state.ActiveRegion === 'us-east-1' ? 'us-west-2' : 'us-east-1') }),
  'sns:SetSubscriptionAttributes': (r, p) => ({
    Subscriptions: ((r.state.Subscriptions as State[] | undefined) ?? []).map((s) => (s.SubscriptionArn === p.SubscriptionArn ? { ...s, Enabled: p.AttributeValue !== 'false' } : s)),
  }),
  'ec2:CreateSnapshot': (r, p) => ({ Snapshots: [...((r.state.Snapshots as unknown[] | undefined) ?? []), { Description: p.Description ?? 'aiops', VolumeId: r.id }] }),
  'ec2:ReleaseAddress': () => ({ Released: true }),
  'ec2:ModifyVolume': (_r, p) => ({ VolumeType: p.VolumeType }),
  'ec2:DeleteSnapshot': () => ({ Deleted: true }),
};

export const SANDBOX_SUPPORTED_CALLS: readonly string[] = Object.keys(HANDLERS);

export class SandboxCloud implements Cloud {
  constructor(private readonly sandbox: Sandbox) {}

  async listResources(filter?: ResourceFilter): Promise<ResourceRecord[]> {
    return this.sandbox.resources().filter(
      (r) =>
        (!filter?.type || r.type === filter.type) &&
        (!filter?.arns || filter.arns.includes(r.arn)) &&
        (!filter?.tag || Object.entries(filter.tag).every(([k, v]) => r.tags[k] === v)),
    );
  }

  async describe(arn: string): Promise<ResourceRecord | undefined> {
    return this.sandbox.resources().find((r) => r.arn === arn);
  }

  async execute(action: ActionCall): Promise<ActionResult> {
    const r = await this.describe(action.target);
    if (!r) return { ok: false, call: action.call, target: action.target, error: `no such resource ${action.target}` };
    const handler = HANDLERS[action.call];
    if (!handler) return { ok: false, call: action.call, target: action.target, error: `${action.call} is not supported by the sandbox` };
    const patch = handler(r, action.params);
    if ('error' in patch && typeof patch.error === 'string') return { ok: false, call: action.call, target: action.target, error: patch.error };
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, r.state[k] ?? null]));
    this.sandbox.patchState(r.arn, patch, { eventName: action.call.split(':')[1] ?? action.call, eventSource: `${action.call.split(':')[0]}.amazonaws.com`, principal: 'aiops-remediation', params: action.params });
    this.sandbox.record('action', `${action.call} on ${r.name}`, { params: action.params });
    return { ok: true, call: action.call, target: action.target, before, after: patch };
  }

  async recentChanges(resourceArn: string, sinceIso: string): Promise<ChangeEvent[]> {
    return this.sandbox.changesFor(resourceArn, sinceIso);
  }
}
