import type { ActionCall, ActionResult, ChangeEvent, Cloud, ResourceFilter, ResourceRecord } from '../../ports/cloud.js';
import { stableHash } from '../../core/shared/hash.js';
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
type ActionHandler = (r: ResourceRecord, params: Record<string, unknown>, now: string) => State | { error: string };

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
  // ECS spells request and state fields in camelCase; a forced deployment replaces every task.
  'ecs:UpdateService': (r, p) => {
    const desired = p.desiredCount !== undefined ? num(p.desiredCount) : num(r.state.desiredCount);
    if (!Number.isInteger(desired) || desired < 0) return { error: 'desiredCount must be a non-negative integer' };
    const taskDefinition = (p.taskDefinition as string | undefined) ?? (r.state.taskDefinition as string | undefined);
    if (p.forceNewDeployment === true) return { desiredCount: desired, runningCount: desired, taskDefinition, status: 'ACTIVE' };
    return { desiredCount: desired, taskDefinition };
  },
  'lambda:UpdateAlias': (r, p) => {
    if (r.type !== 'AWS::Lambda::Alias') return { error: 'UpdateAlias targets an alias' };
    const version = String(p.FunctionVersion ?? '');
    if (!version) return { error: 'FunctionVersion is required' };
    if (version === r.state.FunctionVersion) return {};
    return { FunctionVersion: version, PreviousFunctionVersion: r.state.FunctionVersion };
  },
  'lambda:PutFunctionConcurrency': (_r, p) => {
    const n = num(p.ReservedConcurrentExecutions);
    if (!Number.isInteger(n) || n < 0) return { error: 'ReservedConcurrentExecutions must be a non-negative integer' };
    return { ReservedConcurrentExecutions: n };
  },
  'lambda:UpdateEventSourceMapping': (_r, p) => {
    const max = num((p.ScalingConfig as State | undefined)?.MaximumConcurrency);
    if (!Number.isInteger(max) || max < 2 || max > 1000) return { error: 'ScalingConfig.MaximumConcurrency must be an integer in [2, 1000]' };
    return { ScalingConfig: { MaximumConcurrency: max } };
  },
  'lambda:InvokeFunction': (r, p) => ({
    LastInvocation: { InvocationType: p.InvocationType ?? 'RequestResponse', Payload: p.Payload ?? null },
    InvocationCount: num(r.state.InvocationCount ?? 0) + 1,
  }),
  'ec2:RebootInstances': () => ({ InstanceStatus: { Status: 'ok' }, SystemStatus: { Status: 'ok' }, State: { Name: 'running' } }),
  'ec2:StopInstances': (r) => (r.state.RootDeviceType === 'instance-store' ? { error: 'instance-store instances cannot be stopped' } : { State: { Name: 'stopped' } }),
  // Starting again places the instance on healthy hardware: status checks pass.
  'ec2:StartInstances': () => ({ State: { Name: 'running' }, InstanceStatus: { Status: 'ok' }, SystemStatus: { Status: 'ok' } }),
  's3:PutBucketPublicAccessBlock': (_r, p) => {
    const c = p.PublicAccessBlockConfiguration as State | undefined;
    if (!c) return { error: 'PublicAccessBlockConfiguration is required' };
    return { PublicAccessBlockConfiguration: { BlockPublicAcls: c.BlockPublicAcls === true, IgnorePublicAcls: c.IgnorePublicAcls === true, BlockPublicPolicy: c.BlockPublicPolicy === true, RestrictPublicBuckets: c.RestrictPublicBuckets === true } };
  },
  'ec2:RevokeSecurityGroupIngress': (r, p) => {
    // Revokes exactly the listed (protocol, ports, CIDR) tuples; other ranges of the same rule stay.
    const revoke = (p.IpPermissions as State[] | undefined) ?? [{ IpProtocol: p.IpProtocol ?? 'tcp', FromPort: p.FromPort, ToPort: p.ToPort, IpRanges: [{ CidrIp: p.CidrIp ?? '0.0.0.0/0' }] }];
    const key = (perm: State) => `${String(perm.IpProtocol)}:${num(perm.FromPort)}:${num(perm.ToPort)}`;
    const perms = ((r.state.IpPermissions as State[] | undefined) ?? []).flatMap((perm) => {
      const hits = revoke.filter((x) => key(x) === key(perm));
      if (hits.length === 0) return [perm];
      const v4 = new Set(hits.flatMap((h) => ((h.IpRanges as State[] | undefined) ?? []).map((x) => x.CidrIp)));
      const v6 = new Set(hits.flatMap((h) => ((h.Ipv6Ranges as State[] | undefined) ?? []).map((x) => x.CidrIpv6)));
      const IpRanges = ((perm.IpRanges as State[] | undefined) ?? []).filter((x) => !v4.has(x.CidrIp));
      const Ipv6Ranges = ((perm.Ipv6Ranges as State[] | undefined) ?? []).filter((x) => !v6.has(x.CidrIpv6));
      return IpRanges.length + Ipv6Ranges.length === 0 ? [] : [{ ...perm, IpRanges, Ipv6Ranges }];
    });
    return { IpPermissions: perms };
  },
  'ec2:AuthorizeSecurityGroupIngress': (r, p) => ({ IpPermissions: [...((r.state.IpPermissions as State[] | undefined) ?? []), { IpProtocol: p.IpProtocol ?? 'tcp', FromPort: num(p.FromPort), ToPort: num(p.ToPort), IpRanges: [{ CidrIp: p.CidrIp ?? '0.0.0.0/0' }], Ipv6Ranges: [] }] }),
  // Findings are recorded on the resource they are about (the plan's only target).
  'securityhub:BatchImportFindings': (r, p) => {
    const findings = (p.Findings as State[] | undefined) ?? [];
    if (findings.length === 0) return { error: 'Findings is empty' };
    const ids = new Set(((r.state.SecurityHubFindings as string[] | undefined) ?? []).concat(findings.map((f) => String(f.Id))));
    return { SecurityHubFindings: [...ids] };
  },
  'cloudtrail:StartLogging': () => ({ IsLogging: true }),
  'cloudtrail:StopLogging': () => ({ IsLogging: false }),
  'iam:UpdateAccessKey': (r, p) => {
    if (p.Status !== 'Active' && p.Status !== 'Inactive') return { error: 'Status must be Active or Inactive' };
    // An access key resource, or a user listing its keys.
    if (r.type === 'AWS::IAM::AccessKey') return r.state.AccessKeyId === p.AccessKeyId ? { Status: p.Status } : { error: `no access key ${String(p.AccessKeyId)}` };
    const keys = (r.state.AccessKeys as State[] | undefined) ?? [];
    if (!keys.some((k) => k.AccessKeyId === p.AccessKeyId)) return { error: `no access key ${String(p.AccessKeyId)}` };
    return { AccessKeys: keys.map((k) => (k.AccessKeyId === p.AccessKeyId ? { ...k, Status: p.Status } : k)) };
  },
  'iam:CreateAccessKey': (r, p, now) => {
    const keys = (r.state.AccessKeys as State[] | undefined) ?? [];
    if (keys.length >= 2) return { error: 'LimitExceeded: a user has at most two access keys' };
    const id = `AKIA${stableHash(`${String(p.UserName)}:${now}`).slice(0, 16).toUpperCase()}`;
    return { AccessKeys: [...keys, { AccessKeyId: id, Status: 'Active', CreateDate: now }] };
  },
  'iam:PutUserPolicy': (r, p) => ({
    PolicyNames: [...new Set([...((r.state.PolicyNames as string[] | undefined) ?? []), String(p.PolicyName)])],
    InlinePolicies: { ...((r.state.InlinePolicies as State | undefined) ?? {}), [String(p.PolicyName)]: p.PolicyDocument },
  }),
  'iam:DeleteUserPolicy': (r, p) => {
    const rest = { ...((r.state.InlinePolicies as State | undefined) ?? {}) };
    delete rest[String(p.PolicyName)];
    return { PolicyNames: ((r.state.PolicyNames as string[] | undefined) ?? []).filter((n) => n !== p.PolicyName), InlinePolicies: rest };
  },
  'sqs:StartMessageMoveTask': (r, p) => {
    if (r.state.SourceQueueArn === undefined) return { error: 'the source of a message move task must be a dead-letter queue' };
    const moved = num(r.state.ApproximateNumberOfMessages ?? 0);
    return { ApproximateNumberOfMessages: 0, MoveTask: { Status: 'COMPLETED', TaskHandle: `${String(p.SourceArn)}#${stableHash(String(moved))}`, ApproximateNumberOfMessagesMoved: moved } };
  },
  'sqs:CancelMessageMoveTask': (r) => ({ MoveTask: { ...((r.state.MoveTask as State | undefined) ?? {}), Status: 'CANCELLED' } }),
  'cloudfront:CreateInvalidation': (r, p) => {
    const batch = (p.InvalidationBatch as State | undefined) ?? {};
    const ref = batch.CallerReference ?? p.CallerReference;
    const existing = (r.state.Invalidations as State[] | undefined) ?? [];
    // CloudFront treats a repeated CallerReference as the same invalidation.
    if (existing.some((i) => i.CallerReference === ref)) return {};
    return { Invalidations: [...existing, { Paths: (batch.Paths as State | undefined)?.Items ?? p.Paths ?? ['/*'], CallerReference: ref, Status: 'Completed' }] };
  },
  'dynamodb:UpdateTable': (r, p, now) => {
    const t = p.ProvisionedThroughput as State | undefined;
    if (!t || !Number.isInteger(num(t.ReadCapacityUnits)) || !Number.isInteger(num(t.WriteCapacityUnits))) return { error: 'ProvisionedThroughput needs integer ReadCapacityUnits and WriteCapacityUnits' };
    const rcu = num(t.ReadCapacityUnits);
    const wcu = num(t.WriteCapacityUnits);
    if (rcu < 1 || wcu < 1) return { error: 'ValidationException: capacity units must be at least 1' };
    // DynamoDB counts decreases per UTC day: 4 at any time, then one an hour after an hour without one (27 at most).
    const cur = (r.state.ProvisionedThroughput as State | undefined) ?? {};
    const decrease = rcu < num(cur.ReadCapacityUnits ?? rcu) || wcu < num(cur.WriteCapacityUnits ?? wcu);
    const last = typeof cur.LastDecreaseDateTime === 'string' ? cur.LastDecreaseDateTime : undefined;
    const today = last !== undefined && last.slice(0, 10) === now.slice(0, 10) ? num(cur.NumberOfDecreasesToday ?? 0) : 0;
    const tracked = { ...(last ? { LastDecreaseDateTime: last } : {}), ...(cur.NumberOfDecreasesToday !== undefined || decrease ? { NumberOfDecreasesToday: today } : {}) };
    if (!decrease) return { ProvisionedThroughput: { ...tracked, ReadCapacityUnits: rcu, WriteCapacityUnits: wcu } };
    const hourSinceLast = last === undefined || Date.parse(now) - Date.parse(last) >= 3_600_000;
    if (today >= 27 || (today >= 4 && !hourSinceLast)) return { error: `LimitExceededException: ${today} decreases of provisioned throughput today` };
    return { ProvisionedThroughput: { ReadCapacityUnits: rcu, WriteCapacityUnits: wcu, NumberOfDecreasesToday: today + 1, LastDecreaseDateTime: now } };
  },
  // Cost right-sizing of an idle database. RDS stops only an available instance and starts only a stopped one.
  'rds:StopDBInstance': (r, p, now) => {
    if (r.state.DBInstanceStatus !== 'available') return { error: `InvalidDBInstanceState: DB instance is ${String(r.state.DBInstanceStatus)}, not available` };
    const snapshot = typeof p.DBSnapshotIdentifier === 'string' ? [{ DBSnapshotIdentifier: p.DBSnapshotIdentifier, SnapshotCreateTime: now, Status: 'available' }] : [];
    return { DBInstanceStatus: 'stopped', ...(snapshot.length ? { DBSnapshots: [...((r.state.DBSnapshots as unknown[] | undefined) ?? []), ...snapshot] } : {}) };
  },
  'rds:StartDBInstance': (r) => (r.state.DBInstanceStatus === 'stopped' ? { DBInstanceStatus: 'available' } : { error: `InvalidDBInstanceState: DB instance is ${String(r.state.DBInstanceStatus)}, not stopped` }),
  // Read-only confirmation: records when it was checked, changes nothing else.
  'rds:DescribeDBInstances': (r, _p, now) => ({ LastConfirmed: { AvailabilityZone: r.state.AvailabilityZone, DBInstanceStatus: r.state.DBInstanceStatus, at: now } }),
  'route53:UpdateHealthCheck': (_r, p) => ({ Disabled: Boolean(p.Disabled) }),
  'route53:ChangeResourceRecordSets': (r, p) => {
    const change = ((p.ChangeBatch as State | undefined)?.Changes as State[] | undefined)?.[0];
    const set = change?.ResourceRecordSet as State | undefined;
    if (!set || set.Name !== r.state.Name || set.Type !== r.state.Type) return { error: 'the change must UPSERT this record (same Name and Type)' };
    return { ResourceRecords: set.ResourceRecords, TTL: set.TTL ?? r.state.TTL };
  },
  'sns:SetSubscriptionAttributes': (_r, p) => {
    if (p.AttributeName !== 'FilterPolicy' && p.AttributeName !== 'RawMessageDelivery') return { error: `unsupported attribute ${String(p.AttributeName)}` };
    return { [String(p.AttributeName)]: p.AttributeValue };
  },
  'ec2:CreateSnapshot': (r, p, now) => ({ Snapshots: [...((r.state.Snapshots as unknown[] | undefined) ?? []), { SnapshotId: `snap-${stableHash(`${r.id}:${now}`).slice(0, 17)}`, Description: p.Description ?? 'aiops', VolumeId: r.id, StartTime: now, State: 'completed' }] }),
  'ec2:DeleteSnapshot': (r) => (r.state.RecycleBinProtected === true ? { State: 'recycle-bin' } : { State: 'deleted' }),
  'ec2:RestoreSnapshotFromRecycleBin': (r) => (r.state.State === 'recycle-bin' ? { State: 'completed' } : { error: 'snapshot is not in the Recycle Bin' }),
  'ec2:ReleaseAddress': () => ({ Released: true }),
  'ec2:ModifyVolume': (_r, p) => ({ VolumeType: p.VolumeType }),
  // Cost right-sizing. AWS refuses to delete an attached volume and changes a type only while stopped.
  'ec2:DeleteVolume': (r) => {
    const attached = r.state.State === 'in-use' || ((r.state.Attachments as unknown[] | undefined) ?? []).length > 0;
    if (attached) return { error: 'VolumeInUse: the volume is attached to an instance' };
    return r.state.State === 'deleted' ? {} : { State: 'deleted' };
  },
  'ec2:ModifyInstanceAttribute': (r, p) => {
    const value = (p.InstanceType as State | undefined)?.Value ?? p.InstanceType;
    if (typeof value !== 'string' || !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(value)) return { error: 'InstanceType.Value must be an instance type such as m5.xlarge' };
    if ((r.state.State as State | undefined)?.Name !== 'stopped') return { error: 'IncorrectInstanceState: the instance must be stopped to change its type' };
    return { InstanceType: value };
  },
  'lambda:UpdateFunctionConfiguration': (r, p) => {
    if (r.type !== 'AWS::Lambda::Function') return { error: 'UpdateFunctionConfiguration targets a function' };
    const mb = num(p.MemorySize);
    if (!Number.isInteger(mb) || mb < 128 || mb > 10_240) return { error: 'MemorySize must be an integer in [128, 10240] MB' };
    return { MemorySize: mb };
  },
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
    const patch = handler(r, action.params, new Date(this.sandbox.now()).toISOString());
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
