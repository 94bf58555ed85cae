import { type CheckSeverity, CHECK_SEVERITIES, type ComplianceCheck, type ComplianceConfig } from '../../core/compliance/check.js';
import { CHECKS } from '../../core/compliance/checks/index.js';
import { detectCloudTrailAnomalies, type AnomalyState } from '../../core/compliance/cloudtrail/anomalies.js';
import { changeEventToCloudTrail, type CloudTrailRecord, CloudTrailRecordSchema, touchedResources } from '../../core/compliance/cloudtrail/record.js';
import { evaluateResources, selectChecks } from '../../core/compliance/engine.js';
import { type ExportFormat, exportFindings } from '../../core/compliance/exports/index.js';
import { type ComplianceFinding, type FindingChange, findingId, reconcileFinding, resolveFinding, type SuppressInput, suppressFinding, unsuppressFinding } from '../../core/compliance/findings/finding.js';
import { FRAMEWORK_IDS, type FrameworkScore, frameworkScoreFromCounts } from '../../core/compliance/frameworks/index.js';
import type { Signal } from '../../core/events/signal.js';
import { NotFoundError } from '../../core/shared/errors.js';
import { stableHash } from '../../core/shared/hash.js';
import type { ChangeEvent, Cloud, ResourceRecord } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import type { Store } from '../../ports/store.js';
import { findingSignal } from './signals.js';

export interface ComplianceDeps {
  cloud: Cloud;
  store: Store;
  clock: Clock;
  emit: (signal: Signal) => Promise<void>;
}

export interface ComplianceServiceOptions {
  config?: Partial<ComplianceConfig>;
  checks?: readonly ComplianceCheck[];
}

export interface ScanProgress {
  phase: 'inventory' | 'evaluate' | 'reconcile' | 'done';
  done: number;
  total: number;
}

export interface ScanOptions {
  /** 'cis' | 'fsbp': only checks mapped to it. */
  framework?: string;
  /** Minimum severity (CRITICAL…INFORMATIONAL, case-insensitive). */
  severity?: string;
  /** Rescan only these resources (event-driven scans). */
  resourceArns?: string[];
  checkIds?: string[];
  onProgress?: (p: ScanProgress) => void;
}

export interface ScanReport {
  id: string;
  kind: 'compliance-scan';
  /** True when only some resources were rescanned (event-driven). */
  partial: boolean;
  selection: { framework?: string; severity?: string; resourceArns?: string[]; checkIds?: string[] };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  resources: number;
  checks: number;
  evaluations: number;
  passed: number;
  failed: number;
  errors: number;
  notApplicable: number;
  changes: Record<FindingChange | 'deleted', number>;
  /** Signals that could not be emitted; their findings were left unchanged so the next scan retries. */
  emitFailures: number;
  /** Unsuppressed failing findings of this scan, by severity. */
  openBySeverity: Record<CheckSeverity, number>;
  checkCounts: Record<string, { passed: number; failed: number; notApplicable: number }>;
  scores: FrameworkScore[];
  failures: { findingId: string; checkId: string; severity: CheckSeverity; resourceArn: string; message: string; status: ComplianceFinding['status']; remediation?: string }[];
  createdAt: string;
}

export interface FindingQuery {
  status?: ComplianceFinding['status'];
  severity?: CheckSeverity;
  checkId?: string;
  resourceArn?: string;
  limit?: number;
}

export type ChangeResult = { touched: string[]; report: ScanReport } | { ignored: string };

const ANOMALY_STATE_ID = 'compliance:cloudtrail-anomaly-state';
const STORED_FAILURES = 100;
const isoOf = (clock: Clock) => new Date(clock.now()).toISOString();

/** Exit code for CI: 1 when any unsuppressed failure is at least `failOn` severe, else 0. */
export function scanExitCode(report: Pick<ScanReport, 'openBySeverity'>, failOn: CheckSeverity = 'LOW'): 0 | 1 {
  const limit = CHECK_SEVERITIES.indexOf(failOn);
  return CHECK_SEVERITIES.some((s, i) => i <= limit && report.openBySeverity[s] > 0) ? 1 : 0;
}

/** Recognises a change event: CloudTrail record, EventBridge CloudTrail/Config event, or the Cloud port's ChangeEvent. */
function toChange(event: unknown): { record?: CloudTrailRecord; config?: { arn?: string; type: string; id: string } } | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Record<string, unknown>;
  const detail = (e.detail ?? undefined) as Record<string, unknown> | undefined;
  const detailType = typeof e['detail-type'] === 'string' ? (e['detail-type'] as string) : undefined;
  if (detail && detailType?.includes('via CloudTrail')) {
    const r = CloudTrailRecordSchema.safeParse({ eventID: e.id, ...detail });
    return r.success ? { record: r.data } : undefined;
  }
  if (detail && detailType === 'Config Rules Compliance Change' && typeof detail.resourceId === 'string' && typeof detail.resourceType === 'string') {
    return { config: { type: detail.resourceType, id: detail.resourceId } };
  }
  if (detail && detailType === 'Config Configuration Item Change') {
    const ci = detail.configurationItem as Record<string, unknown> | undefined;
    if (ci && typeof ci.resourceType === 'string' && typeof ci.resourceId === 'string') return { config: { type: ci.resourceType, id: ci.resourceId, ...(typeof ci.ARN === 'string' ? { arn: ci.ARN } : {}) } };
  }
  const direct = CloudTrailRecordSchema.safeParse(event);
  if (direct.success) return { record: direct.data };
  if (typeof e.eventName === 'string' && typeof e.resourceArn === 'string' && typeof e.time === 'string' && typeof e.eventSource === 'string') {
    return { record: changeEventToCloudTrail(event as ChangeEvent) };
  }
  return undefined;
}

/**
 * The compliance use case: scans the inventory (all of it on schedule, one resource on change),
 * keeps findings with first/last seen/resolved, emits Signals for new failures and resolutions,
 * suppresses, scores frameworks and exports.
 */
export function createComplianceService(deps: ComplianceDeps, options: ComplianceServiceOptions = {}) {
  const { cloud, store, clock, emit } = deps;
  const allChecks = options.checks ?? CHECKS;
  const findings = store.collection<ComplianceFinding>('findings');
  const reports = store.collection<ScanReport>('reports');
  const settings = store.collection<{ id: string; updatedAt: string; state: AnomalyState }>('settings');

  async function loadResources(arns: string[] | undefined, checks: ComplianceCheck[]): Promise<{ resources: ResourceRecord[]; inventory: ResourceRecord[]; missing: string[] }> {
    if (!arns) {
      const all = await cloud.listResources();
      return { resources: all, inventory: all, missing: [] };
    }
    const found = await Promise.all(arns.map((a) => cloud.describe(a)));
    const resources = found.filter((r): r is ResourceRecord => r !== undefined);
    const missing = arns.filter((_a, i) => found[i] === undefined);
    // Cross-resource checks (a multi-region trail exists…) need the resource types they read.
    const types = new Set(resources.map((r) => r.type));
    const needed = new Set(checks.filter((c) => types.has(c.resourceType)).flatMap((c) => c.dependsOn ?? []));
    const extra = (await Promise.all([...needed].map((type) => cloud.listResources({ type })))).flat();
    return { resources, inventory: [...resources, ...extra.filter((x) => !arns.includes(x.arn))], missing };
  }

  async function apply(before: ComplianceFinding | undefined, after: ComplianceFinding, change: FindingChange, nowIso: string): Promise<boolean> {
    if (change === 'opened' || change === 'reopened' || (change === 'resolved' && before?.status === 'open')) {
      try {
        await emit(findingSignal(after, change !== 'resolved', nowIso));
      } catch {
        return false;
      }
    }
    await findings.put(after);
    return true;
  }

  async function scan(opts: ScanOptions = {}): Promise<ScanReport> {
    const started = clock.now();
    const startedAt = new Date(started).toISOString();
    const checks = selectChecks({ ...(opts.framework ? { framework: opts.framework } : {}), ...(opts.severity ? { severity: opts.severity } : {}), ...(opts.checkIds ? { checkIds: opts.checkIds } : {}) }, allChecks);
    opts.onProgress?.({ phase: 'inventory', done: 0, total: 0 });
    const { resources, inventory, missing } = await loadResources(opts.resourceArns, checks);
    const total = resources.length;
    const result = evaluateResources(resources, {
      checks,
      now: started,
      ...(options.config ? { config: options.config } : {}),
      inventory,
      ...(opts.onProgress ? { onProgress: (p: { done: number; total: number }) => opts.onProgress!({ phase: 'evaluate', done: p.done, total }) } : {}),
    });

    const checkIds = new Set(checks.map((c) => c.id));
    const existing = new Map<string, ComplianceFinding>();
    const scope = opts.resourceArns ? (await Promise.all(opts.resourceArns.map((resourceArn) => findings.find({ where: { resourceArn } })))).flat() : await findings.find();
    for (const f of scope) if (f.origin === 'aiops' && checkIds.has(f.checkId)) existing.set(f.id, f);

    const nowIso = isoOf(clock);
    const changes: ScanReport['changes'] = { opened: 0, reopened: 0, updated: 0, 'suppressed-seen': 0, resolved: 0, unchanged: 0, deleted: 0 };
    const failures: ScanReport['failures'] = [];
    const checkCounts: ScanReport['checkCounts'] = {};
    let emitFailures = 0;
    const seen = new Set<string>();
    let i = 0;
    for (const { check, resource, outcome } of result.evaluations) {
      const counts = (checkCounts[check.id] ??= { passed: 0, failed: 0, notApplicable: 0 });
      if (outcome.status === 'PASS') counts.passed++;
      else if (outcome.status === 'FAIL') counts.failed++;
      else counts.notApplicable++;
      const before = existing.get(findingId(check.id, resource.arn));
      const { finding, change } = reconcileFinding(before, outcome, check, resource, nowIso);
      if (finding) seen.add(finding.id);
      changes[change]++;
      if (finding && change !== 'unchanged' && !(await apply(before, finding, change, nowIso))) emitFailures++;
      if (finding && outcome.status === 'FAIL') failures.push({ findingId: finding.id, checkId: check.id, severity: check.severity, resourceArn: resource.arn, message: outcome.message, status: finding.status, ...(check.remediation ? { remediation: check.remediation } : {}) });
      if (opts.onProgress && ++i % 500 === 0) opts.onProgress({ phase: 'reconcile', done: i, total: result.evaluations.length });
    }
    // Findings whose resource is gone (full scan: not listed; partial: describe found nothing).
    const present = new Set(resources.map((r) => r.arn));
    for (const f of existing.values()) {
      if (seen.has(f.id) || f.status === 'resolved') continue;
      const gone = opts.resourceArns ? missing.includes(f.resourceArn) : !present.has(f.resourceArn);
      if (!gone) continue;
      changes.deleted++;
      if (!(await apply(f, resolveFinding(f, nowIso, 'NOT_AVAILABLE', 'the resource no longer exists'), 'resolved', nowIso))) emitFailures++;
    }

    const openBySeverity = Object.fromEntries(CHECK_SEVERITIES.map((s) => [s, 0])) as Record<CheckSeverity, number>;
    for (const f of failures) if (f.status === 'open') openBySeverity[f.severity]++;
    const finishedAt = isoOf(clock);
    const report: ScanReport = {
      id: `scan-${started.toString(36)}-${stableHash(JSON.stringify(opts.resourceArns ?? []) + (opts.framework ?? '') + (opts.severity ?? '')).slice(0, 8)}`,
      kind: 'compliance-scan',
      partial: opts.resourceArns !== undefined,
      selection: { ...(opts.framework ? { framework: opts.framework } : {}), ...(opts.severity ? { severity: opts.severity } : {}), ...(opts.resourceArns ? { resourceArns: opts.resourceArns } : {}), ...(opts.checkIds ? { checkIds: opts.checkIds } : {}) },
      startedAt,
      finishedAt,
      durationMs: clock.now() - started,
      resources: total,
      checks: checks.length,
      evaluations: result.evaluated,
      passed: result.passed,
      failed: result.failed,
      errors: result.errors,
      notApplicable: result.notApplicable,
      changes,
      emitFailures,
      openBySeverity,
      checkCounts,
      scores: FRAMEWORK_IDS.filter((fw) => !opts.framework || opts.framework.toLowerCase() === fw).map((fw) => frameworkScoreFromCounts(fw, new Map(Object.entries(checkCounts)), allChecks)),
      failures,
      createdAt: finishedAt,
    };
    // Stored reports feed the trend; the full failure list lives in `findings` (and would not fit a DynamoDB item).
    await reports.put({ ...report, failures: report.failures.slice(0, STORED_FAILURES) });
    opts.onProgress?.({ phase: 'done', done: total, total });
    return report;
  }

  async function resolveTouched(record: CloudTrailRecord | undefined, config: { arn?: string; type: string; id: string } | undefined): Promise<string[]> {
    const touched = record ? touchedResources(record) : config ? [config.arn ? { type: config.type, arn: config.arn } : { type: config.type, id: config.id }] : [];
    const arns = new Set<string>();
    for (const t of touched) {
      if (t.arn) arns.add(t.arn);
      else if (t.id) for (const r of await cloud.listResources({ type: t.type })) if (r.id === t.id || r.name === t.id) arns.add(r.arn);
    }
    // A change to a resource other checks read (a trail, for "CloudTrail on in all regions") rescans those too.
    const types = new Set(touched.map((t) => t.type));
    const dependents = new Set(allChecks.filter((c) => (c.dependsOn ?? []).some((d) => types.has(d))).map((c) => c.resourceType));
    for (const type of dependents) for (const r of await cloud.listResources({ type })) arns.add(r.arn);
    return [...arns];
  }

  /** Event-driven rescan of just the resources an event touched (Config compliance change, CloudTrail API call). */
  async function onChange(event: unknown): Promise<ChangeResult> {
    const change = toChange(event);
    if (!change) return { ignored: 'not a Config compliance change or CloudTrail API call event' };
    if (change.record?.errorCode) return { ignored: `the call failed (${change.record.errorCode}); nothing changed` };
    const touched = await resolveTouched(change.record, change.config);
    if (touched.length === 0) return { ignored: 'the event touches no resource the checks read' };
    return { touched, report: await scan({ resourceArns: touched }) };
  }

  /** CloudTrail records → anomaly Signals (emitted), then rescans of the resources they changed. */
  async function ingestCloudTrail(records: readonly unknown[]): Promise<{ signals: number; rejected: { index: number; field: string; reason: string }[]; rescanned: string[] }> {
    const stored = await settings.get(ANOMALY_STATE_ID);
    const { signals, state, rejected } = detectCloudTrailAnomalies(records, stored?.state);
    for (const s of signals) await emit(s as Signal);
    await settings.put({ id: ANOMALY_STATE_ID, updatedAt: isoOf(clock), state });
    // One rescan for the whole batch, of every resource a successful call touched.
    const rescanned = new Set<string>();
    for (const raw of records) {
      const change = toChange(raw);
      if (change?.record && !change.record.errorCode) for (const a of await resolveTouched(change.record, undefined)) rescanned.add(a);
    }
    if (rescanned.size > 0) await scan({ resourceArns: [...rescanned] });
    return { signals: signals.length, rejected: rejected.map(({ raw: _raw, ...rest }) => rest), rescanned: [...rescanned] };
  }

  async function mustGet(id: string): Promise<ComplianceFinding> {
    const f = await findings.get(id);
    if (!f) throw new NotFoundError('finding', id);
    return f;
  }

  async function suppress(id: string, input: SuppressInput): Promise<ComplianceFinding> {
    await mustGet(id);
    const nowIso = isoOf(clock);
    return findings.update(id, (f) => suppressFinding(f, input, nowIso));
  }

  async function unsuppress(id: string): Promise<ComplianceFinding> {
    await mustGet(id);
    return findings.update(id, (f) => unsuppressFinding(f));
  }

  async function listFindings(q: FindingQuery = {}): Promise<ComplianceFinding[]> {
    const where: Record<string, string> = {};
    if (q.status) where.status = q.status;
    if (q.severity) where.severity = q.severity;
    if (q.checkId) where.checkId = q.checkId;
    if (q.resourceArn) where.resourceArn = q.resourceArn;
    return findings.find({ where, order: 'desc', ...(q.limit ? { limit: q.limit } : {}) });
  }

  /** Latest full scan's framework scores, with findings changed since (event-driven rescans) folded in. */
  async function scores(): Promise<FrameworkScore[]> {
    const last = (await reports.find({ where: { kind: 'compliance-scan' }, order: 'desc', limit: 20 })).find((r) => !r.partial);
    const counts = new Map(Object.entries(last?.checkCounts ?? {}).map(([k, v]) => [k, { passed: v.passed + v.failed, failed: 0 }]));
    for (const f of await findings.find({ where: { status: 'open' } })) {
      if (f.origin !== 'aiops') continue;
      const c = counts.get(f.checkId) ?? { passed: 1, failed: 0 };
      c.failed++;
      c.passed = Math.max(0, c.passed - 1);
      counts.set(f.checkId, c);
    }
    for (const f of await findings.find({ where: { status: 'suppressed' } })) {
      const c = counts.get(f.checkId);
      if (c && f.origin === 'aiops') c.passed = Math.max(0, c.passed - 1);
    }
    return FRAMEWORK_IDS.map((fw) => frameworkScoreFromCounts(fw, counts, allChecks));
  }

  /** Trend for the security page: one point per full scan, oldest first. */
  async function history(limit = 96): Promise<{ at: string; scores: Record<string, number>; openBySeverity: Record<CheckSeverity, number>; resources: number }[]> {
    const full = (await reports.find({ where: { kind: 'compliance-scan' }, order: 'desc', limit: limit * 4 })).filter((r) => !r.partial).slice(0, limit);
    return full.reverse().map((r) => ({ at: r.createdAt, scores: Object.fromEntries(r.scores.map((x) => [x.framework, x.score])), openBySeverity: r.openBySeverity, resources: r.resources }));
  }

  async function exportAll(format: ExportFormat, q: FindingQuery = {}): Promise<string> {
    return exportFindings(format, await listFindings(q), { generatedAt: isoOf(clock), scores: await scores() });
  }

  return { scan, onChange, ingestCloudTrail, suppress, unsuppress, listFindings, getFinding: (id: string) => findings.get(id), scores, history, export: exportAll, checks: allChecks };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
