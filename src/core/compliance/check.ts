import type { ResourceRecord } from '../../ports/cloud.js';
import { type InventoryState, type InventoryType, parseState } from './inventory/index.js';

/** ASFF `Severity.Label` values: a check's severity is the Security Hub label. */
export const CHECK_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

export const severityOrder = (s: CheckSeverity): number => CHECK_SEVERITIES.indexOf(s);
/** True when `s` is at least as severe as `min`. */
export const atLeast = (s: CheckSeverity, min: CheckSeverity): boolean => severityOrder(s) <= severityOrder(min);

export type FrameworkId = 'cis' | 'fsbp';

/** Thresholds the checks use; every value is the product default and can be configured. */
export interface ComplianceConfig {
  accessKeyMaxAgeDays: number;
  unusedCredentialDays: number;
  passwordMinLength: number;
  passwordReusePrevention: number;
  /** Ports that must not be open to the world, beyond SSH/RDP (EC2.19's list). */
  highRiskPorts: number[];
  deprecatedLambdaRuntimes: string[];
  /** Oldest acceptable CloudFront viewer security policy, in AWS's ordering. */
  minCloudFrontProtocol: string;
  outdatedElbSslPolicies: string[];
  secretMaxRotationDays: number;
  rdsMinBackupRetentionDays: number;
  /** Regions that must have account-level services on; empty means "every region the account reports". */
  requiredRegions: string[];
}

export const DEFAULT_COMPLIANCE_CONFIG: ComplianceConfig = {
  accessKeyMaxAgeDays: 90,
  unusedCredentialDays: 45,
  passwordMinLength: 14,
  passwordReusePrevention: 24,
  highRiskPorts: [20, 21, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 4333, 5000, 5432, 5500, 5601, 6379, 8080, 8088, 8888, 9200, 9300, 11211, 27017],
  deprecatedLambdaRuntimes: [
    'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x', 'nodejs18.x',
    'python2.7', 'python3.6', 'python3.7', 'python3.8', 'python3.9', 'ruby2.5', 'ruby2.7', 'ruby3.2', 'java8', 'go1.x',
    'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet5.0', 'dotnet6', 'dotnet7', 'provided',
  ],
  minCloudFrontProtocol: 'TLSv1.2_2019',
  outdatedElbSslPolicies: ['ELBSecurityPolicy-2015-05', 'ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS-1-0-2015-04', 'ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-FS-2018-06', 'ELBSecurityPolicy-FS-1-1-2019-08'],
  secretMaxRotationDays: 90,
  rdsMinBackupRetentionDays: 7,
  requiredRegions: [],
};

/** Read access to the rest of the inventory, for the few checks that span resources (e.g. "a multi-region trail exists"). */
export interface InventoryIndex {
  byType(type: string): ResourceRecord[];
}

export function indexInventory(resources: readonly ResourceRecord[]): InventoryIndex {
  const map = new Map<string, ResourceRecord[]>();
  for (const r of resources) {
    const list = map.get(r.type);
    if (list) list.push(r);
    else map.set(r.type, [r]);
  }
  return { byType: (type) => map.get(type) ?? [] };
}

export interface CheckContext {
  /** Epoch ms of the scan (never the wall clock: passed in). */
  now: number;
  config: ComplianceConfig;
  inventory?: InventoryIndex;
}

export type CheckResult =
  | { status: 'PASS'; evidence?: Record<string, unknown> }
  | { status: 'FAIL'; message: string; evidence: Record<string, unknown> }
  | { status: 'NOT_APPLICABLE'; reason: string };

export interface ComplianceCheck {
  id: string;
  title: string;
  description: string;
  service: string;
  resourceType: InventoryType;
  severity: CheckSeverity;
  frameworks: { cis?: string[]; fsbp?: string[] };
  /** Remediation catalogue runbook that fixes a failure (offered, with its approval rule). */
  remediation?: string;
  /** Other resource types the check reads through `ctx.inventory`. */
  dependsOn?: string[];
  /** Pure verdict for one resource; may throw (the engine turns that into an unknown FAIL). */
  evaluate(resource: ResourceRecord, ctx: CheckContext): CheckResult;
}

export interface CheckSpec<T extends InventoryType> extends Omit<ComplianceCheck, 'evaluate' | 'resourceType'> {
  resourceType: T;
  test(state: InventoryState<T>, ctx: CheckContext, resource: ResourceRecord): CheckResult;
}

/** Builds a check from a typed test over the parsed state; other resource types are NOT_APPLICABLE. */
export function defineCheck<T extends InventoryType>(spec: CheckSpec<T>): ComplianceCheck {
  const { test, ...descriptor } = spec;
  return {
    ...descriptor,
    evaluate(resource, ctx) {
      if (resource.type !== spec.resourceType) return { status: 'NOT_APPLICABLE', reason: `applies to ${spec.resourceType}, not ${resource.type}` };
      return test(parseState(spec.resourceType, resource), ctx, resource);
    },
  };
}

export const pass = (evidence?: Record<string, unknown>): CheckResult => (evidence ? { status: 'PASS', evidence } : { status: 'PASS' });
export const fail = (message: string, evidence: Record<string, unknown> = {}): CheckResult => ({ status: 'FAIL', message, evidence });
export const notApplicable = (reason: string): CheckResult => ({ status: 'NOT_APPLICABLE', reason });

/** A check's verdict on one resource, with the error attached when the check could not decide. */
export type CheckOutcome = CheckResult & { checkId: string; resourceArn: string; error?: string };

/**
 * Runs one check, failing closed: an exception (bad state shape, unparsable policy…) becomes a FAIL
 * whose evidence carries the error, never a silent pass.
 */
export function runCheck(check: ComplianceCheck, resource: ResourceRecord, ctx: CheckContext): CheckOutcome {
  try {
    return { ...check.evaluate(resource, ctx), checkId: check.id, resourceArn: resource.arn };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return { status: 'FAIL', message: `check could not evaluate the resource: ${error}`, evidence: { unknown: true, error }, checkId: check.id, resourceArn: resource.arn, error };
  }
}
