import { AiopsError } from '../../core/shared/errors.js';
import type { Approval } from '../../ports/approvals.js';
import type { NotifierSettings } from '../../adapters/aws/notifier-secret.js';
import type { S3ReportStore } from '../../adapters/aws/report-store.js';
import type { PrincipalRoles } from '../../app/aws/principals.js';
import type { AwsServiceDeps } from '../../app/aws/services.js';
import type { PriceSource } from '../../core/cost/prices/table.js';

/**
 * The ports a Lambda builds from AWS adapters and hands to a use case: the product's service
 * dependencies, plus what only the Lambdas wire (env name, report bucket, dated price refresh).
 */
export interface AwsDeps extends Omit<AwsServiceDeps, 'prices'> {
  env: string;
  /** Report bucket (cost-analyzer) or artifacts bucket (remediation), when the function has one. */
  reports?: S3ReportStore;
  /** Price List API prices dated `asOf` (refreshed before each report); the bundled snapshot without it. */
  prices?: (asOf: string) => PriceSource;
  /** Environment of resources without an `environment` tag. */
  defaultEnvironment?: string;
  /** Slack/PagerDuty settings from the notifier secret (NOTIFIER_SECRET_ARN), read once per container. */
  notifierSettings?: () => Promise<NotifierSettings>;
  /** API: IAM principal ARN → role (API_PRINCIPAL_ROLES); principals not listed are refused. */
  principalRoles?: PrincipalRoles;
  newId: () => string;
}

export const ORCHESTRATOR_STATES = ['CollectDiagnostics', 'EligibilityCheck', 'RequestApproval', 'Execute', 'ValidateRemediation', 'Rollback', 'Record'] as const;
export type OrchestratorState = (typeof ORCHESTRATOR_STATES)[number];
export const MAINTENANCE_TASKS = ['ebs-snapshot-cleanup', 'iam-key-rotation', 'security-hub-sync'] as const;
export type MaintenanceTask = (typeof MAINTENANCE_TASKS)[number];

export interface RawSignalInput {
  /** Where the raw payload came from; the normalizers pick their parser by it. */
  source: 'eventbridge' | 'sns' | 'alertmanager' | 'unknown';
  receivedAt: string;
  /** Parsed JSON when the body was JSON, else the body string: invalid input is quarantined, never dropped. */
  raw: unknown;
}

export interface HttpRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  /** The IAM principal that signed the request. */
  principal?: string;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * What the Lambda entry points expect from src/app (the use cases). Entry points call these and
 * nothing else; `wiring.ts` registers the real implementations.
 */
export interface AppUseCases {
  /** alert-router: normalize → quarantine invalid → dedup → group into incidents → route notifications. */
  ingestSignals(deps: AwsDeps, inputs: RawSignalInput[]): Promise<{ accepted: number; quarantined: number; incidentIds: string[] }>;
  /** anomaly-detector (every 5 minutes): read recent metrics, run detectors, emit anomaly signals. */
  runDetection(deps: AwsDeps, input: { scheduledFor: string }): Promise<{ series: number; anomalies: number }>;
  /** log-analyzer: mine the logs around an incident for root-cause patterns and store them on it. */
  analyzeIncidentLogs(deps: AwsDeps, input: { incidentId: string }): Promise<{ patterns: number }>;
  /** log-analyzer on `incident.updated`: drafts the post-mortem once the incident is resolved (once per incident). */
  draftPostmortem(deps: AwsDeps, input: { incidentId: string }): Promise<{ postmortemId?: string }>;
  /** cost-analyzer (daily 03:00 UTC): cost anomalies + savings recommendations, report written to `reportKey`. */
  analyzeCost(deps: AwsDeps, input: { scheduledFor: string; reportKey: string }): Promise<{ recommendations: number; monthlySavings: number }>;
  /** One RemediationOrchestrator task state; returns the state's output (becomes the next state's input). */
  runRemediationStep(deps: AwsDeps, state: OrchestratorState, input: Record<string, unknown>, taskToken?: string): Promise<Record<string, unknown>>;
  /** approval-callback: store the decision (only while pending) and resume the execution (Approvals.decided). */
  decideApproval(deps: AwsDeps, input: { approvalId: string; decision: 'approve' | 'reject'; principal: string; comment?: string }): Promise<Approval>;
  /** Scheduled maintenance (seed 001 pattern 4). */
  runMaintenance(deps: AwsDeps, input: { task: MaintenanceTask; scheduledFor: string }): Promise<Record<string, unknown>>;
  /** api: the same HTTP API the local server serves (e.g. the Fastify app through `inject`). */
  handleHttp(deps: AwsDeps, request: HttpRequest): Promise<HttpResponse>;
}

const wired: Partial<AppUseCases> = {};

/** Registers use case implementations (called once by wiring.ts, or by tests with fakes). */
export function wireUseCases(useCases: Partial<AppUseCases>): void {
  Object.assign(wired, useCases);
}

/** The registered use case; a missing one fails closed with a clear error instead of doing nothing. */
export function useCase<K extends keyof AppUseCases>(name: K): AppUseCases[K] {
  const fn = wired[name];
  if (!fn) throw new AiopsError(`use case ${name} is not wired (src/lambdas/shared/wiring.ts)`, 'USE_CASE_NOT_WIRED');
  return fn;
}

/** Test helper: forget every registration. */
export function unwireUseCases(): void {
  for (const k of Object.keys(wired)) delete wired[k as keyof AppUseCases];
}
