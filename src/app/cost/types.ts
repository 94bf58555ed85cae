import type { ActionCall } from '../../ports/cloud.js';
import type { CostReport } from '../../core/cost/report/build.js';
import type { renderSlack } from '../../core/cost/report/render.js';
import type { Recommendation } from '../../core/cost/rule.js';

export type RecommendationStatus = 'open' | 'dismissed' | 'approved' | 'resolved';

/** What the orchestrator receives after a FinOps approval: run `runbookId` on `target`, dry-run first. */
export interface RemediationRequest {
  id: string;
  idempotencyKey: string;
  recommendationId: string;
  ruleId: string;
  runbookId: string;
  /** ARN of the resource (audit `targetResource`). */
  targetResource: string;
  /** The id the calls address (instance id, volume id, allocation id…). */
  target: string;
  plan: ActionCall[];
  rollback: ActionCall[];
  rollbackPlan: string;
  reversible: boolean;
  dryRunFirst: true;
  /** Audit `trigger`. */
  trigger: string;
  monthlySavingsUsd: number;
  /** Audit `operator`. */
  approvedBy: string;
  approvedAt: string;
}

/** Stored in `store.collection('recommendations')` (indexes: status, ruleId, resourceArn; sorted by createdAt). */
export interface RecommendationDoc {
  id: string;
  version?: number;
  status: RecommendationStatus;
  ruleId: string;
  resourceArn: string;
  resourceType: string;
  title: string;
  monthlySavingsUsd: number;
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string;
  resolvedAt?: string;
  recommendation: Recommendation;
  dismissal?: { reason: string; principal: string; at: string };
  approval?: { principal: string; at: string; request: RemediationRequest };
}

/** Stored in `store.collection('reports')` (index: kind; sorted by createdAt). */
export interface ReportDoc {
  id: string;
  version?: number;
  kind: 'cost-daily';
  createdAt: string;
  report: CostReport;
  markdown: string;
  html: string;
  slack: ReturnType<typeof renderSlack>;
}
