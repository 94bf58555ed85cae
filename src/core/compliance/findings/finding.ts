import type { ResourceRecord } from '../../../ports/cloud.js';
import { ValidationError } from '../../shared/errors.js';
import { stableHash } from '../../shared/hash.js';
import type { CheckOutcome, CheckSeverity, ComplianceCheck } from '../check.js';

/** Our lifecycle of a finding; `status` is an index field of the `findings` collection. */
export type FindingStatus = 'open' | 'suppressed' | 'resolved';
/** ASFF `Compliance.Status`. */
export type ComplianceStatus = 'PASSED' | 'WARNING' | 'FAILED' | 'NOT_AVAILABLE';
/** ASFF `Workflow.Status`. */
export type WorkflowStatus = 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';

export interface Suppression {
  reason: string;
  by: string;
  at: string;
  /** ISO time the suppression ends; absent means until lifted by hand. */
  until?: string;
}

/**
 * A compliance/security finding as stored in `store.collection('findings')`. One per check and
 * resource (the id is stable), carried through first seen → last seen → resolved, and convertible
 * to ASFF/OCSF/SARIF without loss of the fields those formats require.
 */
export interface ComplianceFinding {
  id: string;
  version?: number;
  /** Who produced it: our checks, or imported from Security Hub or AWS Config rules. */
  origin: 'aiops' | 'securityhub' | 'config';
  checkId: string;
  title: string;
  description: string;
  severity: CheckSeverity;
  service: string;
  resourceArn: string;
  resourceType: string;
  resourceId: string;
  region: string;
  account: string;
  status: FindingStatus;
  complianceStatus: ComplianceStatus;
  workflow: WorkflowStatus;
  recordState: 'ACTIVE' | 'ARCHIVED';
  message: string;
  evidence: Record<string, unknown>;
  /** Set when the check could not decide (fail closed). */
  error?: string;
  frameworks: { cis?: string[]; fsbp?: string[] };
  remediation?: string;
  firstSeen: string;
  lastSeen: string;
  resolvedAt?: string;
  reopenedAt?: string;
  /** How many times the finding came back after being resolved. */
  reopenCount: number;
  suppression?: Suppression;
  /** The source record (for imported Security Hub findings: the ASFF finding). */
  raw?: unknown;
}

/** Stable id per check + resource, so rescans update one finding instead of creating new ones. */
export const findingId = (checkId: string, resourceArn: string): string => `cf-${stableHash(`${checkId}|${resourceArn}`)}`;

/** What a rescan did to a finding. `opened`/`reopened` are new failures worth a Signal. */
export type FindingChange = 'opened' | 'reopened' | 'updated' | 'suppressed-seen' | 'resolved' | 'unchanged';

export interface Reconciled {
  finding?: ComplianceFinding;
  change: FindingChange;
}

const isSuppressionActive = (s: Suppression | undefined, nowIso: string): boolean => s !== undefined && (s.until === undefined || s.until > nowIso);

/**
 * Folds one check outcome into the stored finding (pure). FAIL opens or updates it, a later PASS or
 * NOT_APPLICABLE resolves it, a FAIL after resolution reopens it; an active suppression keeps it
 * quiet until it expires.
 */
export function reconcileFinding(existing: ComplianceFinding | undefined, outcome: CheckOutcome, check: ComplianceCheck, resource: ResourceRecord, nowIso: string): Reconciled {
  if (outcome.status !== 'FAIL') {
    if (!existing || existing.status === 'resolved') return { change: 'unchanged', ...(existing ? { finding: existing } : {}) };
    return { change: 'resolved', finding: resolveFinding(existing, nowIso, outcome.status === 'PASS' ? 'PASSED' : 'NOT_AVAILABLE', outcome.status === 'PASS' ? 'check passes' : outcome.reason) };
  }
  const base = {
    checkId: check.id,
    title: check.title,
    description: check.description,
    severity: check.severity,
    service: check.service,
    resourceArn: resource.arn,
    resourceType: resource.type,
    resourceId: resource.id,
    region: resource.region,
    account: resource.account,
    message: outcome.message,
    evidence: outcome.evidence,
    frameworks: check.frameworks,
    complianceStatus: 'FAILED' as const,
    recordState: 'ACTIVE' as const,
    lastSeen: nowIso,
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(check.remediation ? { remediation: check.remediation } : {}),
  };
  if (!existing) {
    return { change: 'opened', finding: { id: findingId(check.id, resource.arn), origin: 'aiops', ...base, status: 'open', workflow: 'NEW', firstSeen: nowIso, reopenCount: 0 } };
  }
  const { error: _oldError, ...previous } = existing;
  if (existing.status === 'resolved') {
    const { resolvedAt: _r, ...rest } = previous;
    const suppressed = isSuppressionActive(existing.suppression, nowIso);
    return {
      change: suppressed ? 'suppressed-seen' : 'reopened',
      finding: { ...rest, ...base, status: suppressed ? 'suppressed' : 'open', workflow: suppressed ? 'SUPPRESSED' : 'NEW', reopenedAt: nowIso, reopenCount: existing.reopenCount + 1 },
    };
  }
  if (existing.status === 'suppressed') {
    if (isSuppressionActive(existing.suppression, nowIso)) return { change: 'suppressed-seen', finding: { ...previous, ...base } };
    // The suppression expired: the finding is back, and as loud as a new one.
    return { change: 'reopened', finding: { ...previous, ...base, status: 'open', workflow: 'NEW', reopenedAt: nowIso } };
  }
  return { change: 'updated', finding: { ...previous, ...base } };
}

export function resolveFinding(f: ComplianceFinding, nowIso: string, complianceStatus: ComplianceStatus, why: string): ComplianceFinding {
  const { error: _e, ...rest } = f;
  return { ...rest, status: 'resolved', complianceStatus, workflow: 'RESOLVED', resolvedAt: nowIso, lastSeen: nowIso, message: `resolved: ${why}`, recordState: complianceStatus === 'NOT_AVAILABLE' ? 'ARCHIVED' : 'ACTIVE' };
}

export interface SuppressInput {
  reason: string;
  by: string;
  /** ISO expiry; must be after `at`. */
  until?: string;
}

/** Suppresses a finding with a reason (required) and an optional expiry. Throws ValidationError naming the field. */
export function suppressFinding(f: ComplianceFinding, input: SuppressInput, nowIso: string): ComplianceFinding {
  if (!input.reason || input.reason.trim().length < 3) throw new ValidationError('reason', 'a suppression needs a reason (at least 3 characters)');
  if (!input.by) throw new ValidationError('by', 'who suppresses the finding is required');
  if (input.until !== undefined) {
    if (Number.isNaN(Date.parse(input.until))) throw new ValidationError('until', 'must be an ISO 8601 timestamp');
    if (input.until <= nowIso) throw new ValidationError('until', 'must be in the future');
  }
  const suppression: Suppression = { reason: input.reason.trim(), by: input.by, at: nowIso, ...(input.until ? { until: new Date(input.until).toISOString() } : {}) };
  return { ...f, suppression, ...(f.status === 'resolved' ? {} : { status: 'suppressed' as const, workflow: 'SUPPRESSED' as const }) };
}

/** Lifts a suppression: the finding is open again if it still fails. */
export function unsuppressFinding(f: ComplianceFinding): ComplianceFinding {
  const { suppression: _s, ...rest } = f;
  if (f.status !== 'suppressed') return rest;
  return { ...rest, status: 'open', workflow: 'NOTIFIED' };
}
