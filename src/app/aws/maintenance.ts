import { findRunbook } from '../../core/remediation/catalogue/index.js';
import { NotFoundError } from '../../core/shared/errors.js';
import type { Cloud } from '../../ports/cloud.js';
import type { RemediationService } from '../remediation/service.js';

/** Scheduled maintenance task → the catalogue's scheduled runbook that performs it. */
export const MAINTENANCE_RUNBOOKS = {
  'ebs-snapshot-cleanup': 'AIOps-DeleteExpiredEBSSnapshots',
  'iam-key-rotation': 'AIOps-RotateNonProdAccessKeys',
} as const;

export interface ScheduledRunResult {
  runbookId: string;
  candidates: number;
  started: string[];
  notEligible: number;
}

/**
 * Runs a scheduled catalogue entry over its resources: one remediation execution per eligible
 * resource, through the remediation engine (safety rules, approval, audit, rollback). Eligibility
 * is judged here only to avoid starting executions that would skip; the engine judges it again.
 */
export async function runScheduledRunbook(d: { cloud: Cloud; remediation: RemediationService; defaultEnvironment: string }, runbookId: string, scheduledFor: string): Promise<ScheduledRunResult> {
  const runbook = findRunbook(runbookId);
  if (!runbook) throw new NotFoundError('runbook', runbookId);
  const resources = await d.cloud.listResources({ type: runbook.targetResourceType });
  const result: ScheduledRunResult = { runbookId, candidates: resources.length, started: [], notEligible: 0 };
  for (const listed of resources) {
    const resource = (await d.cloud.describe(listed.arn)) ?? listed;
    const environment = resource.tags['environment'] ?? d.defaultEnvironment;
    const verdict = runbook.eligible({ resource, environment, now: scheduledFor, diagnostics: { now: scheduledFor } });
    if (!verdict.eligible) {
      result.notEligible++;
      continue;
    }
    const { execution } = await d.remediation.start({ runbookId, targetResource: resource.arn, trigger: `${runbook.trigger.rule ?? 'schedule'} ${scheduledFor}`, operator: 'automated' });
    result.started.push(execution.id);
  }
  return result;
}
