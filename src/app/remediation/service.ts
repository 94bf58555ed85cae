import type { Alert } from '../../core/alerts/alert.js';
import type { Execution } from '../../core/remediation/execution.js';
import { matchRunbooks } from '../../core/remediation/catalogue/match.js';
import type { RunbookDescriptor } from '../../core/remediation/runbook.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/shared/errors.js';
import { stableHash } from '../../core/shared/hash.js';
import type { Approval, Approvals } from '../../ports/approvals.js';
import type { Cloud, ResourceRecord } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import type { Orchestrator } from '../../ports/orchestrator.js';
import type { Store } from '../../ports/store.js';
import type { RemediationSteps } from './steps.js';

export interface StartRequest {
  runbookId: string;
  targetResource: string;
  incidentId?: string;
  trigger: string;
  operator?: string;
  dryRun?: boolean;
  environment?: string;
  /** Idempotency scope when there is no incident (e.g. `schedule:<id>:<time>`): one execution per scope. */
  scope?: string;
}

/** `*` in a catalogue entry's target type: any resource (the generic Config finding). */
const typeMatches = (runbook: RunbookDescriptor, type: string): boolean => runbook.targetResourceType === '*' || runbook.targetResourceType === type;

/** Strings in a resource's top-level state (and their last ARN/URL segment): how related resources name each other. */
function referencedNames(r: ResourceRecord): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== 'string' || v.length === 0) return;
    out.add(v);
    const tail = v.split(/[/:]/).pop();
    if (tail) out.add(tail);
  };
  for (const v of Object.values(r.state)) (Array.isArray(v) ? v : [v]).forEach(add);
  return out;
}

export interface RemediationServiceDeps {
  store: Store;
  cloud: Cloud;
  clock: Clock;
  steps: RemediationSteps;
  orchestrator: Orchestrator;
  approvals: Approvals;
  catalogue: readonly RunbookDescriptor[];
  /** The environment of resources without an `environment` tag. */
  defaultEnvironment: string;
}

/**
 * Use cases of safe self-healing: match alerts to catalogue runbooks, start idempotent executions,
 * record approval decisions, expire stale approvals, and roll back on request.
 */
export function createRemediationService(d: RemediationServiceDeps) {
  const executions = d.store.collection<Execution>('executions');
  const approvals = d.store.collection<Approval>('approvals');
  const iso = () => new Date(d.clock.now()).toISOString();

  async function resolveTarget(alert: Alert, runbook: RunbookDescriptor): Promise<ResourceRecord | undefined> {
    const direct = await d.cloud.describe(alert.resourceArn);
    if (direct && typeMatches(runbook, direct.type)) return direct;
    if (runbook.targetResourceType === '*') return undefined;
    // Alarm events name resources by metric dimensions (e.g. AutoScalingGroupName), not always by ARN.
    const candidates = await d.cloud.listResources({ type: runbook.targetResourceType });
    const names = new Set(Object.values(alert.labels));
    const tail = alert.resourceArn.split(/[/:]/).pop();
    const named = candidates.find((r) => r.arn === alert.resourceArn || names.has(r.name) || names.has(r.id) || r.name === tail || r.id === tail);
    if (named) return named;
    // Some entries act on a related resource: the distribution in front of the ALB, the consumer of
    // the queue, the subscription of the topic, the record using the health check. It names the
    // alerting resource (or its dimension values) in its own state.
    const keys = new Set([alert.resourceArn, ...Object.entries(alert.labels).filter(([k]) => k.startsWith('dim_')).map(([, v]) => v)]);
    if (direct) [direct.arn, direct.name, direct.id].forEach((k) => keys.add(k));
    const related = candidates.filter((r) => [...referencedNames(r)].some((n) => keys.has(n)));
    return related.length === 1 ? related[0] : undefined;
  }

  /** The preconditions of an entry on a resource, judged before an execution exists (to pick among matching entries). */
  function precheck(runbook: RunbookDescriptor, resource: ResourceRecord, alert?: Alert): boolean {
    const now = iso();
    try {
      return runbook.eligible({ resource, environment: resource.tags['environment'] ?? d.defaultEnvironment, now, diagnostics: { now }, ...(alert ? { alert } : {}) }).eligible;
    } catch {
      return false;
    }
  }

  async function start(req: StartRequest): Promise<{ execution: Execution; created: boolean }> {
    const runbook = d.catalogue.find((r) => r.id === req.runbookId);
    if (!runbook) throw new ValidationError('runbookId', `unknown runbook "${req.runbookId}"`);
    const resource = await d.cloud.describe(req.targetResource);
    if (!resource) throw new ValidationError('targetResource', `no resource ${req.targetResource}`);
    if (!typeMatches(runbook, resource.type)) throw new ValidationError('targetResource', `${runbook.id} acts on ${runbook.targetResourceType}, not ${resource.type}`);
    const now = iso();
    // One execution per (incident, runbook, resource); manual and dry runs are keyed by their request time.
    const scope = req.incidentId ?? req.scope ?? `${req.dryRun ? 'dry-run' : 'manual'}:${now}`;
    const idempotencyKey = `${scope}|${runbook.id}|${resource.arn}`;
    const id = `exec-${stableHash(idempotencyKey)}`;
    const execution: Execution = {
      id,
      idempotencyKey,
      runbookId: runbook.id,
      ...(req.incidentId ? { incidentId: req.incidentId } : {}),
      targetResource: resource.arn,
      environment: req.environment ?? resource.tags['environment'] ?? d.defaultEnvironment,
      status: 'RUNNING',
      dryRun: Boolean(req.dryRun),
      trigger: req.trigger,
      operator: req.operator ?? 'automated',
      statesVisited: [],
      startedAt: now,
      updatedAt: now,
      version: 1,
    };
    const created = await executions.create(execution);
    if (created) await d.orchestrator.start(id);
    return { execution: created ? execution : (await executions.get(id))!, created };
  }

  return {
    start,

    /** Called for every alert change: a firing alert that matches a runbook's trigger starts it once per incident. */
    async onAlert(alert: Alert): Promise<Execution[]> {
      if (alert.status !== 'firing' || !alert.incidentId) return [];
      // The most specific matching runbook acts (a dedicated one wins over a generic one); one per
      // alert. Entries sharing a trigger (DLQ redrive and consumer scaling both watch queue depth)
      // are told apart by their preconditions; when none holds, the first still runs and records
      // why it skipped.
      const matched: { runbook: RunbookDescriptor; target: ResourceRecord }[] = [];
      for (const runbook of matchRunbooks(alert, d.catalogue)) {
        const target = await resolveTarget(alert, runbook);
        if (target) matched.push({ runbook, target });
      }
      const chosen = matched.find((m) => precheck(m.runbook, m.target, alert)) ?? matched[0];
      if (!chosen) return [];
      const { execution } = await start({ runbookId: chosen.runbook.id, targetResource: chosen.target.arn, incidentId: alert.incidentId, trigger: `alert:${alert.id} ${alert.rule ?? alert.title}` });
      return [execution];
    },

    /**
     * A scheduled entry's run (the scheduler calls it at each cron occurrence): one execution per
     * eligible target, keyed by the occurrence so a repeated call starts nothing new. Task handlers
     * (Lambda targets) are the functions tagged `aiops:runbook=<id>`.
     */
    async runScheduled(runbookId: string, scheduledFor: Date): Promise<Execution[]> {
      const runbook = d.catalogue.find((r) => r.id === runbookId);
      if (!runbook) throw new ValidationError('runbookId', `unknown runbook "${runbookId}"`);
      if (runbook.pattern !== 'scheduled') throw new ValidationError('runbookId', `${runbookId} is not a scheduled runbook`);
      const all = await d.cloud.listResources({ type: runbook.targetResourceType });
      const targets = runbook.targetResourceType === 'AWS::Lambda::Function' ? all.filter((r) => r.tags['aiops:runbook'] === runbook.id) : all.filter((r) => precheck(runbook, r));
      const out: Execution[] = [];
      const at = scheduledFor.toISOString();
      for (const target of targets) {
        const { execution } = await start({ runbookId: runbook.id, targetResource: target.arn, scope: `schedule:${at}`, trigger: `schedule:${runbook.schedule?.cron ?? '?'} ${runbook.trigger.rule ?? runbook.id} at ${at}` });
        out.push(execution);
      }
      return out;
    },

    /** Records a human decision on a pending approval and resumes the execution. */
    async decide(approvalId: string, decision: 'approve' | 'reject', principal: string, comment?: string): Promise<Approval> {
      const current = await approvals.get(approvalId);
      if (!current) throw new NotFoundError('approval', approvalId);
      if (current.status !== 'pending') throw new ConflictError(`approval ${approvalId} is already ${current.status}`);
      if (Date.parse(current.expiresAt) <= d.clock.now()) throw new ConflictError(`approval ${approvalId} expired at ${current.expiresAt}`);
      const decided = await approvals.update(approvalId, (a) => {
        if (a.status !== 'pending') throw new ConflictError(`approval ${approvalId} is already ${a.status}`);
        return { ...a, status: decision === 'approve' ? 'approved' : 'rejected', decidedBy: principal, decidedAt: iso(), ...(comment ? { comment } : {}) };
      });
      await d.approvals.decided(decided);
      return decided;
    },

    /** Marks pending approvals past their expiry as expired and resumes their executions (which then record SKIPPED). */
    async expireApprovals(): Promise<number> {
      let n = 0;
      for (const a of await approvals.find({ where: { status: 'pending' } })) {
        if (Date.parse(a.expiresAt) > d.clock.now()) continue;
        const expired = await approvals.update(a.id, (x) => (x.status === 'pending' ? { ...x, status: 'expired', decidedAt: iso(), decidedBy: 'automated' } : x));
        if (expired.status === 'expired') {
          await d.approvals.decided(expired);
          n++;
        }
      }
      return n;
    },

    /** `aiops executions rollback <id>`: runs the runbook's rollback plan, audited, by an operator. */
    async rollback(executionId: string, principal: string): Promise<Execution> {
      const exec = await executions.get(executionId);
      if (!exec) throw new NotFoundError('execution', executionId);
      if (exec.status === 'ROLLED_BACK') throw new ConflictError(`execution ${executionId} is already rolled back`);
      if (!exec.diagnostics?.before) throw new ConflictError(`execution ${executionId} changed nothing to roll back`);
      await executions.update(exec.id, (e) => ({ ...e, operator: principal }));
      await d.steps.rollback({ executionId });
      return executions.update(exec.id, (e) => ({ ...e, status: 'ROLLED_BACK', reason: `rolled back by ${principal}`, updatedAt: iso() }));
    },
  };
}

export type RemediationService = ReturnType<typeof createRemediationService>;
