import type { ResourceRecord } from '../../ports/cloud.js';
import { ValidationError } from '../shared/errors.js';
import { atLeast, CHECK_SEVERITIES, type CheckContext, type CheckOutcome, type CheckSeverity, type ComplianceCheck, type ComplianceConfig, DEFAULT_COMPLIANCE_CONFIG, type FrameworkId, indexInventory, runCheck } from './check.js';
import { CHECKS, checksByType } from './checks/index.js';
import { isFrameworkId } from './frameworks/index.js';

export interface CheckSelection {
  /** Only checks mapped to this framework. */
  framework?: string;
  /** Only checks at least this severe. */
  severity?: string;
  checkIds?: string[];
}

/** The checks a scan runs. Unknown framework/severity/check ids are rejected, naming the option. */
export function selectChecks(sel: CheckSelection = {}, all: readonly ComplianceCheck[] = CHECKS): ComplianceCheck[] {
  const fw = sel.framework?.toLowerCase();
  if (fw !== undefined && !isFrameworkId(fw)) throw new ValidationError('framework', `unknown framework "${sel.framework}" (cis, fsbp)`);
  const sev = sel.severity?.toUpperCase();
  if (sev !== undefined && !(CHECK_SEVERITIES as readonly string[]).includes(sev)) throw new ValidationError('severity', `unknown severity "${sel.severity}" (${CHECK_SEVERITIES.join(', ')})`);
  const unknown = (sel.checkIds ?? []).filter((id) => !all.some((c) => c.id === id));
  if (unknown.length > 0) throw new ValidationError('checkIds', `unknown check ids: ${unknown.join(', ')}`);
  return all.filter(
    (c) =>
      (fw === undefined || (c.frameworks[fw as FrameworkId]?.length ?? 0) > 0) &&
      (sev === undefined || atLeast(c.severity, sev as CheckSeverity)) &&
      (sel.checkIds === undefined || sel.checkIds.includes(c.id)),
  );
}

export interface EvaluationProgress {
  done: number;
  total: number;
  resourceArn: string;
}

export interface EvaluationResult {
  outcomes: CheckOutcome[];
  /** Outcomes paired with their check and resource, for findings reconciliation. */
  evaluations: { check: ComplianceCheck; resource: ResourceRecord; outcome: CheckOutcome }[];
  evaluated: number;
  passed: number;
  failed: number;
  errors: number;
  notApplicable: number;
}

export interface EvaluateOptions {
  checks?: readonly ComplianceCheck[];
  now: number;
  config?: Partial<ComplianceConfig>;
  /** The whole inventory, for cross-resource checks; defaults to `resources`. */
  inventory?: readonly ResourceRecord[];
  onProgress?: (p: EvaluationProgress) => void;
  /** Call onProgress every N resources (default 100) and on the last one. */
  progressEvery?: number;
}

/** Runs every applicable check on every resource (pure; fail closed per check). */
export function evaluateResources(resources: readonly ResourceRecord[], o: EvaluateOptions): EvaluationResult {
  const byType = checksByType(o.checks ?? CHECKS);
  const ctx: CheckContext = { now: o.now, config: { ...DEFAULT_COMPLIANCE_CONFIG, ...o.config }, inventory: indexInventory(o.inventory ?? resources) };
  const result: EvaluationResult = { outcomes: [], evaluations: [], evaluated: 0, passed: 0, failed: 0, errors: 0, notApplicable: 0 };
  const every = o.progressEvery ?? 100;
  resources.forEach((resource, i) => {
    for (const check of byType.get(resource.type) ?? []) {
      const outcome = runCheck(check, resource, ctx);
      result.outcomes.push(outcome);
      result.evaluations.push({ check, resource, outcome });
      result.evaluated++;
      if (outcome.status === 'PASS') result.passed++;
      else if (outcome.status === 'NOT_APPLICABLE') result.notApplicable++;
      else {
        result.failed++;
        if (outcome.error) result.errors++;
      }
    }
    if (o.onProgress && ((i + 1) % every === 0 || i === resources.length - 1)) o.onProgress({ done: i + 1, total: resources.length, resourceArn: resource.arn });
  });
  return result;
}
