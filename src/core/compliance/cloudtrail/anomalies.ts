import type { SignalInput, SignalLevel } from '../../events/signal.js';
import { ValidationError } from '../../shared/errors.js';
import { publicStatements } from '../checks/helpers.js';
import { type CloudTrailRecord, CloudTrailRecordSchema } from './record.js';

/** One CloudTrail anomaly rule: a pure predicate over an event, with its urgency. */
export interface CloudTrailRule {
  id: string;
  title: string;
  level: SignalLevel;
  /** Returns a description when the event matches, undefined otherwise. */
  match(e: CloudTrailRecord): string | undefined;
}

const p = (e: CloudTrailRecord, key: string): unknown => e.requestParameters?.[key];
const who = (e: CloudTrailRecord): string => e.userIdentity.arn ?? e.userIdentity.principalId ?? e.userIdentity.type;
const IAM_POLICY_CHANGES = new Set([
  'PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy', 'AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy', 'DetachUserPolicy', 'DetachRolePolicy', 'DetachGroupPolicy',
  'DeleteUserPolicy', 'DeleteRolePolicy', 'DeleteGroupPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion', 'UpdateAssumeRolePolicy',
]);
const WORLD = new Set(['0.0.0.0/0', '::/0']);

function bucketPolicyIsPublic(e: CloudTrailRecord): boolean {
  const policy = p(e, 'bucketPolicy') ?? p(e, 'policy');
  if (typeof policy !== 'string' && (typeof policy !== 'object' || policy === null)) return false;
  try {
    return publicStatements(policy as string | Record<string, unknown>).length > 0;
  } catch {
    // An unparsable policy on a public-facing call is itself suspicious: flag it (fail closed).
    return true;
  }
}

function opensToWorld(e: CloudTrailRecord): boolean {
  // CloudTrail nests the rules as ipPermissions.items[].ipRanges.items[].cidrIp (and ipv6Ranges…cidrIpv6).
  const text = JSON.stringify(e.requestParameters ?? {});
  return [...WORLD].some((cidr) => text.includes(`"${cidr}"`));
}

/** The anomaly rules, in priority order. Failed calls (errorCode set) never match: nothing changed. */
export const CLOUDTRAIL_RULES: readonly CloudTrailRule[] = [
  { id: 'cloudtrail-stop-logging', title: 'CloudTrail logging stopped', level: 'critical', match: (e) => (e.eventName === 'StopLogging' ? `${who(e)} stopped trail ${String(p(e, 'name'))}` : undefined) },
  { id: 'cloudtrail-delete-trail', title: 'CloudTrail trail deleted', level: 'critical', match: (e) => (e.eventName === 'DeleteTrail' ? `${who(e)} deleted trail ${String(p(e, 'name'))}` : undefined) },
  {
    id: 'security-service-disabled',
    title: 'Security monitoring disabled',
    level: 'high',
    match: (e) => (['DeleteDetector', 'StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DisableSecurityHub', 'DisableEbsEncryptionByDefault'].includes(e.eventName) ? `${who(e)} called ${e.eventName}` : undefined),
  },
  {
    id: 's3-bucket-made-public',
    title: 'S3 bucket made public',
    level: 'high',
    match: (e) => {
      if (e.eventSource !== 's3.amazonaws.com') return undefined;
      const bucket = String(p(e, 'bucketName') ?? '');
      if (e.eventName === 'PutBucketPolicy' && bucketPolicyIsPublic(e)) return `${who(e)} put a public bucket policy on ${bucket}`;
      if (e.eventName === 'DeleteBucketPublicAccessBlock' || e.eventName === 'DeletePublicAccessBlock') return `${who(e)} removed Block Public Access from ${bucket}`;
      if (e.eventName === 'PutBucketAcl' && JSON.stringify(e.requestParameters ?? {}).includes('http://acs.amazonaws.com/groups/global/AllUsers')) return `${who(e)} granted AllUsers on ${bucket}`;
      return undefined;
    },
  },
  {
    id: 'security-group-opened-to-world',
    title: 'Security group opened to the internet',
    level: 'high',
    match: (e) => (e.eventName === 'AuthorizeSecurityGroupIngress' && opensToWorld(e) ? `${who(e)} opened ${String(p(e, 'groupId'))} to the internet` : undefined),
  },
  {
    id: 'iam-policy-change',
    title: 'IAM policy changed',
    level: 'medium',
    match: (e) => (e.eventSource === 'iam.amazonaws.com' && IAM_POLICY_CHANGES.has(e.eventName) ? `${who(e)} called ${e.eventName}${p(e, 'policyArn') ? ` (${String(p(e, 'policyArn'))})` : ''}` : undefined),
  },
  {
    id: 'root-console-login',
    title: 'Root user signed in to the console',
    level: 'critical',
    match: (e) => (e.eventName === 'ConsoleLogin' && e.userIdentity.type === 'Root' && e.responseElements?.ConsoleLogin === 'Success' ? `root signed in from ${e.sourceIPAddress ?? 'unknown IP'}` : undefined),
  },
  {
    id: 'console-login-without-mfa',
    title: 'Console sign-in without MFA',
    level: 'high',
    match: (e) =>
      e.eventName === 'ConsoleLogin' && e.responseElements?.ConsoleLogin === 'Success' && e.additionalEventData?.MFAUsed !== 'Yes' && e.userIdentity.type !== 'AssumedRole'
        ? `${who(e)} signed in without MFA from ${e.sourceIPAddress ?? 'unknown IP'}`
        : undefined,
  },
];

export interface AnomalyState {
  /** Regions the account's API activity has been seen in (the baseline for "new region"). */
  knownRegions: string[];
}

export interface AnomalyResult {
  signals: SignalInput[];
  state: AnomalyState;
  /** Records that failed validation, with the reason (never dropped silently). */
  rejected: { index: number; field: string; reason: string; raw: unknown }[];
}

const isAnIamUpdate = (r: CloudTrailRule) => r.id === 'iam-policy-change';

/**
 * Turns CloudTrail records into security Signals (pure). `state` carries the regions seen so far;
 * the first batch only learns them (no baseline yet), later ones flag calls from a new region.
 */
export function detectCloudTrailAnomalies(records: readonly unknown[], state: AnomalyState = { knownRegions: [] }): AnomalyResult {
  const known = new Set(state.knownRegions);
  const baseline = known.size > 0;
  const signals: SignalInput[] = [];
  const rejected: AnomalyResult['rejected'] = [];
  records.forEach((raw, index) => {
    const parsed = CloudTrailRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejected.push({ index, field: issue?.path.map(String).join('.') || '(root)', reason: issue?.message ?? 'invalid', raw });
      return;
    }
    const e = parsed.data;
    if (e.errorCode) return;
    const account = e.recipientAccountId ?? e.userIdentity.accountId;
    const resourceArn = typeof e.requestParameters?.resourceArn === 'string' ? e.requestParameters.resourceArn : (e.userIdentity.arn ?? `arn:aws:iam::${account ?? 'unknown'}:root`);
    const base = (rule: string, title: string, level: SignalLevel, description: string): SignalInput => ({
      id: `cloudtrail:${e.eventID}:${rule}`,
      sourceId: e.eventID,
      source: 'cloudtrail',
      kind: 'security-finding',
      resourceArn,
      rule,
      state: 'firing',
      level,
      title,
      description,
      labels: { rule, eventName: e.eventName, eventSource: e.eventSource, principal: who(e), region: e.awsRegion, ...(e.sourceIPAddress ? { sourceIp: e.sourceIPAddress } : {}) },
      time: new Date(e.eventTime).toISOString(),
      ...(account ? { account } : {}),
      region: e.awsRegion,
      raw: e,
    });
    for (const rule of CLOUDTRAIL_RULES) {
      const description = rule.match(e);
      if (!description) continue;
      const attachesAdmin = isAnIamUpdate(rule) && String(e.requestParameters?.policyArn ?? '').endsWith('/AdministratorAccess');
      signals.push(base(rule.id, rule.title, attachesAdmin ? 'high' : rule.level, description));
    }
    if (baseline && !known.has(e.awsRegion) && e.awsRegion !== 'global') signals.push(base('api-call-from-new-region', 'API activity in a new region', 'medium', `${who(e)} called ${e.eventName} in ${e.awsRegion}, a region this account had not used`));
    known.add(e.awsRegion);
  });
  return { signals, state: { knownRegions: [...known].sort() }, rejected };
}

/** Validates one record and throws a ValidationError naming the field (for single-event entry points). */
export function parseCloudTrailRecord(raw: unknown): CloudTrailRecord {
  const r = CloudTrailRecordSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ValidationError(issue?.path.map(String).join('.') || '(root)', issue?.message ?? 'invalid');
}
