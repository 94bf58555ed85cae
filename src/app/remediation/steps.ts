import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import { addTimeline, advanceAtLeast } from '../../core/incidents/lifecycle.js';
import type { AuditFields } from '../../core/remediation/audit.js';
import type { Execution, ExecutionOutcome } from '../../core/remediation/execution.js';
import type { RunbookContext, RunbookDescriptor } from '../../core/remediation/runbook.js';
import { AiopsError, NotFoundError } from '../../core/shared/errors.js';
import type { Approval, Approvals } from '../../ports/approvals.js';
import type { ActionCall, Cloud, ResourceRecord } from '../../ports/cloud.js';
import type { Clock } from '../../ports/clock.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { Metrics } from '../../ports/metrics.js';
import type { Store } from '../../ports/store.js';
import { evaluateSafety, type KillSwitch } from '../../core/remediation/safety/index.js';
import { SafetyViolationError } from '../../core/shared/errors.js';

/** Operator-controlled safety settings: kill switches and the circuit breaker's threshold. */
export interface SafetyConfig {
  killSwitch: KillSwitch;
  circuitBreakerThreshold: number;
}

export const DEFAULT_SAFETY: SafetyConfig = { killSwitch: { global: false, environments: [] }, circuitBreakerThreshold: 3 };

/** The payload the state machine carries between states (the execution itself lives in the store). */
export interface OrchestratorPayload {
  executionId: string;
  reversible?: boolean;
  eligibility?: { eligible: boolean; needsApproval: boolean; reason: string };
  approval?: { approved: boolean; principal?: string; comment?: string };
  result?: { outcome: ExecutionOutcome; reason: string; rolledBack?: boolean };
  error?: { Error: string; Cause?: string };
  rollbackError?: { Error: string; Cause?: string };
}

export class RemediationNotYetEffective extends AiopsError {
  override readonly name = 'RemediationNotYetEffective';
  constructor(message: string) {
    super(message, 'NOT_YET_EFFECTIVE');
  }
}

export class RemediationValidationFailed extends AiopsError {
  override readonly name = 'RemediationValidationFailed';
  constructor(message: string) {
    super(message, 'VALIDATION_FAILED');
  }
}

export class RemediationActionFailed extends AiopsError {
  override readonly name = 'RemediationActionFailed';
  constructor(message: string) {
    super(message, 'ACTION_FAILED');
  }
}

export interface StepDeps {
  store: Store;
  cloud: Cloud;
  metrics: Metrics;
  clock: Clock;
  bus: EventBus;
  approvals: Approvals;
  findRunbook: (id: string) => RunbookDescriptor | undefined;
  safety: SafetyConfig;
  /** Days before a pending approval expires (SSM aws:approve default: 7). */
  approvalTtlDays: number;
  isFrozen?: (service: string | undefined) => Promise<boolean>;
}

interface StepMemo {
  id: string;
  executionId: string;
  state: string;
  at: string;
  output: unknown;
}

/**
 * The orchestrator's task implementations, shared by the local runtime and the AWS Lambda entry
 * points. Each step is idempotent: side-effecting steps memoise their output per execution, so a
 * state machine re-driven after a crash replays them without acting twice.
 */
export class RemediationSteps {
  constructor(private readonly d: StepDeps) {}

  private iso(): string {
    return new Date(this.d.clock.now()).toISOString();
  }

  private get executions() {
    return this.d.store.collection<Execution>('executions');
  }

  async load(executionId: string): Promise<{ exec: Execution; runbook: RunbookDescriptor }> {
    const exec = await this.executions.get(executionId);
    if (!exec) throw new NotFoundError('execution', executionId);
    const runbook = this.d.findRunbook(exec.runbookId);
    if (!runbook) throw new NotFoundError('runbook', exec.runbookId);
    return { exec, runbook };
  }

  private async memo<T>(executionId: string, state: string, fn: () => Promise<T>): Promise<T> {
    const steps = this.d.store.collection<StepMemo>('executionSteps');
    const id = `${executionId}:${state}`;
    const hit = await steps.get(id);
    if (hit) return hit.output as T;
    const output = await fn();
    await steps.put({ id, executionId, state, at: this.iso(), output });
    return output;
  }

  private async context(exec: Execution): Promise<RunbookContext> {
    const resource = (exec.diagnostics?.resource as ResourceRecord | undefined) ?? (await this.d.cloud.describe(exec.targetResource));
    if (!resource) throw new NotFoundError('resource', exec.targetResource);
    const alert = exec.trigger.startsWith('alert:') ? await this.d.store.collection<Alert>('alerts').get(exec.trigger.slice(6).split(' ')[0]!) : undefined;
    const now = this.iso();
    return { resource, environment: exec.environment, now, diagnostics: { ...(exec.diagnostics ?? {}), now }, ...(alert ? { alert } : {}) };
  }

  async audit(exec: Execution, runbook: RunbookDescriptor, action: string, outcome: AuditFields['outcome'], operator = exec.operator): Promise<void> {
    await this.d.store.audit.append({
      executionId: exec.id,
      timestamp: this.iso(),
      trigger: exec.trigger,
      runbook: runbook.id,
      targetResource: exec.targetResource,
      action,
      outcome,
      operator,
      rollbackPlan: runbook.rollbackPlan,
    });
  }

  async timeline(exec: Execution, message: string, phase?: 'Investigation' | 'Remediation'): Promise<void> {
    if (!exec.incidentId) return;
    const at = this.iso();
    try {
      await this.d.store.collection<Incident>('incidents').update(exec.incidentId, (inc) => {
        let next = inc;
        if (phase && inc.status === 'open') next = advanceAtLeast(next, phase, at, 'automated');
        return addTimeline(next, { at, kind: 'execution', message, actor: exec.operator, data: { executionId: exec.id, runbook: exec.runbookId } });
      });
      await this.d.bus.publish('incident.updated', { incidentId: exec.incidentId });
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }

  private async safety(exec: Execution, runbook: RunbookDescriptor, plan: ActionCall[], service: string | undefined, approval?: Approval) {
    const since = new Date(this.d.clock.now() - 24 * 3_600_000).toISOString();
    const recentExecutions = await this.executions.find({ since, order: 'desc', limit: 500 });
    return evaluateSafety({
      runbook,
      targetResource: exec.targetResource,
      environment: exec.environment,
      plan,
      recentExecutions,
      executionId: exec.id,
      now: this.iso(),
      killSwitch: this.d.safety.killSwitch,
      budgetFreeze: (await this.d.isFrozen?.(service)) ?? false,
      circuitBreakerThreshold: this.d.safety.circuitBreakerThreshold,
      ...(approval ? { approval: { decision: approval.status, ...(approval.decidedBy ? { principal: approval.decidedBy } : {}) } } : {}),
    });
  }

  /** Observe before acting: snapshot the target and the validation metric. */
  async collectDiagnostics(p: OrchestratorPayload): Promise<OrchestratorPayload> {
    const { exec, runbook } = await this.load(p.executionId);
    const diagnostics = await this.memo(exec.id, 'CollectDiagnostics', async () => {
      const resource = await this.d.cloud.describe(exec.targetResource);
      if (!resource) throw new NotFoundError('resource', exec.targetResource);
      const out: Record<string, unknown> = { resource, capturedAt: this.iso() };
      if (runbook.validate) {
        const now = this.d.clock.now();
        const [s] = await this.d.metrics.getMetricData([{ id: 'v', metric: runbook.validate.metric(resource), stat: runbook.validate.stat, period: 60 }], now - 15 * 60_000, now);
        out.metricBefore = s ? s.values.slice(-5) : [];
      }
      return out;
    });
    await this.executions.update(exec.id, (e) => ({ ...e, diagnostics, updatedAt: this.iso() }));
    await this.timeline(exec, `${runbook.id}: diagnostics collected`, 'Investigation');
    return { ...p, reversible: runbook.reversible === true };
  }

  /** Preconditions, safety rules and the approval decision; the plan is fixed here, once. */
  async eligibilityCheck(p: OrchestratorPayload): Promise<OrchestratorPayload> {
    const { exec, runbook } = await this.load(p.executionId);
    const eligibility = await this.memo(exec.id, 'EligibilityCheck', async () => {
      const ctx = await this.context(exec);
      const pre = runbook.eligible(ctx);
      if (!pre.eligible) return { eligible: false, needsApproval: false, reason: pre.reason, plan: [] as ActionCall[] };
      const plan = runbook.plan(ctx);
      const verdict = await this.safety(exec, runbook, plan, ctx.resource.tags['service']);
      // An approval is the one refusal a human can lift: ask for it instead of giving up.
      const blocked = !verdict.allowed && verdict.rule !== 'approval';
      if (blocked) return { eligible: false, needsApproval: false, reason: `${verdict.rule}: ${verdict.reasons.join('; ')}`, plan };
      if (exec.dryRun) return { eligible: false, needsApproval: verdict.needsApproval, reason: `dry-run: would call ${plan.map((c) => `${c.call} ${JSON.stringify(c.params)}`).join(', ')}`, plan };
      return { eligible: true, needsApproval: verdict.needsApproval, reason: verdict.needsApproval ? verdict.reasons.join('; ') : pre.reason, plan };
    });
    await this.executions.update(exec.id, (e) => ({ ...e, plan: eligibility.plan, rollbackPlan: runbook.rollbackPlan, updatedAt: this.iso() }));
    const { plan: _plan, ...flags } = eligibility;
    return { ...p, eligibility: flags };
  }

  /** Stores the approval request (once) and hands it to the approvers. Returns it. */
  async ensureApprovalRequested(executionId: string, taskToken?: string): Promise<Approval> {
    const { exec, runbook } = await this.load(executionId);
    const approvals = this.d.store.collection<Approval>('approvals');
    const id = `apr-${exec.id}`;
    const now = this.d.clock.now();
    const created = await approvals.create({
      id,
      executionId: exec.id,
      runbookId: runbook.id,
      targetResource: exec.targetResource,
      environment: exec.environment,
      reason: (await this.memo(exec.id, 'EligibilityCheck', async () => ({ reason: 'approval required' }))).reason,
      plan: exec.plan ?? [],
      requestedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.d.approvalTtlDays * 86_400_000).toISOString(),
      status: 'pending',
      ...(taskToken ? { taskToken } : {}),
      version: 1,
    });
    const approval = (await approvals.get(id))!;
    if (created) {
      await this.executions.update(exec.id, (e) => ({ ...e, status: 'WAITING_APPROVAL', approvalId: id, updatedAt: this.iso() }));
      await this.timeline(exec, `${runbook.id}: approval requested (${approval.reason})`);
      await this.d.bus.publish('approval.requested', { approvalId: id, executionId: exec.id });
      await this.d.approvals.requested(approval);
    }
    return approval;
  }

  /** Acts: runs the fixed plan, one audited call at a time, remembering the state before. */
  async execute(p: OrchestratorPayload): Promise<OrchestratorPayload> {
    const { exec, runbook } = await this.load(p.executionId);
    const operator = p.approval?.principal ?? exec.operator;
    await this.executions.update(exec.id, (e) => ({ ...e, status: 'RUNNING', operator, updatedAt: this.iso() }));
    const before = await this.memo(exec.id, 'Execute', async () => {
      // Defence in depth: the safety rules are judged again at the moment of acting, with the
      // recorded approval, so no path through the state machine can act without one.
      const approval = exec.approvalId ? await this.d.store.collection<Approval>('approvals').get(exec.approvalId) : undefined;
      const resource = (exec.diagnostics?.resource as ResourceRecord | undefined) ?? (await this.d.cloud.describe(exec.targetResource));
      const verdict = await this.safety(exec, runbook, (exec.plan ?? []) as ActionCall[], resource?.tags['service'], approval);
      if (!verdict.allowed) throw new SafetyViolationError(`refused at execution time: ${verdict.reasons.join('; ')}`, verdict.rule ?? 'safety');
      await this.timeline(exec, `${runbook.id}: executing ${(exec.plan as ActionCall[] | undefined)?.length ?? 0} call(s)`, 'Remediation');
      const captured: Record<string, unknown> = {};
      for (const call of (exec.plan ?? []) as ActionCall[]) {
        const res = await this.d.cloud.execute(call);
        await this.audit({ ...exec, operator }, runbook, `${call.call} ${JSON.stringify(call.params)}${res.ok ? '' : ` — ${res.error}`}`, res.ok ? 'SUCCESS' : 'FAILURE', operator);
        if (!res.ok) throw new RemediationActionFailed(`${call.call} on ${call.target} failed: ${res.error}`);
        Object.assign(captured, res.before ?? {});
      }
      return { before: captured, executedAt: this.iso() };
    });
    await this.executions.update(exec.id, (e) => ({ ...e, diagnostics: { ...(e.diagnostics ?? {}), before: before.before, executedAt: before.executedAt }, updatedAt: this.iso() }));
    return p;
  }

  /** Passes when the target metric is on the right side of the threshold for N datapoints. */
  async validate(p: OrchestratorPayload): Promise<OrchestratorPayload> {
    const { exec, runbook } = await this.load(p.executionId);
    const rule = runbook.validate;
    if (!rule) return p;
    const ctx = await this.context(exec);
    const now = this.d.clock.now();
    const [s] = await this.d.metrics.getMetricData([{ id: 'v', metric: rule.metric(ctx.resource), stat: rule.stat, period: 60 }], now - (rule.datapoints + 1) * 60_000, now);
    const executedAt = Date.parse(String(exec.diagnostics?.executedAt ?? exec.startedAt));
    const recent = (s?.values ?? []).filter((_, i) => (s?.timestamps[i] ?? 0) >= executedAt).slice(-rule.datapoints);
    const ok = recent.length >= rule.datapoints && recent.every((v) => (rule.below === undefined || v < rule.below) && (rule.above === undefined || v > rule.above));
    const what = `${rule.metric(ctx.resource).metricName} ${rule.below !== undefined ? `< ${rule.below}` : `> ${rule.above}`}`;
    if (ok) {
      await this.timeline(exec, `${runbook.id}: validated (${what}: ${recent.map((v) => v.toFixed(1)).join(', ')})`);
      return p;
    }
    if (now < executedAt + rule.withinMinutes * 60_000) throw new RemediationNotYetEffective(`${what} not yet met (${recent.map((v) => v.toFixed(1)).join(', ') || 'no datapoints'})`);
    throw new RemediationValidationFailed(`${what} not met within ${rule.withinMinutes} min`);
  }

  async rollback(p: OrchestratorPayload): Promise<{ calls: number }> {
    const { exec, runbook } = await this.load(p.executionId);
    return this.memo(exec.id, 'Rollback', async () => {
      if (!runbook.rollback) return { calls: 0 };
      const ctx = await this.context(exec);
      const before = (exec.diagnostics?.before as Record<string, unknown> | undefined) ?? {};
      const calls = runbook.rollback(ctx, before);
      for (const call of calls) {
        const res = await this.d.cloud.execute(call);
        await this.audit(exec, runbook, `rollback: ${call.call} ${JSON.stringify(call.params)}${res.ok ? '' : ` — ${res.error}`}`, res.ok ? 'SUCCESS' : 'FAILURE');
        if (!res.ok) throw new RemediationActionFailed(`rollback ${call.call} failed: ${res.error}`);
      }
      await this.timeline(exec, `${runbook.id}: rolled back`);
      return { calls: calls.length };
    });
  }

  /** Writes the outcome: execution status, the final audit record, the incident timeline. */
  async record(p: OrchestratorPayload): Promise<OrchestratorPayload> {
    const { exec, runbook } = await this.load(p.executionId);
    const outcome = p.result?.outcome ?? 'FAILURE';
    const cause = p.error?.Cause ?? p.rollbackError?.Cause;
    const reason = [p.eligibility && !p.eligibility.eligible ? p.eligibility.reason : p.result?.reason, cause].filter(Boolean).join(': ');
    await this.memo(exec.id, 'Record', async () => {
      const status = outcome === 'SUCCESS' ? 'SUCCEEDED' : outcome === 'SKIPPED' ? 'SKIPPED' : p.result?.rolledBack ? 'ROLLED_BACK' : 'FAILED';
      const operator = p.approval?.principal ?? exec.operator;
      await this.executions.update(exec.id, (e) => ({ ...e, status, outcome, reason, operator, endedAt: this.iso(), updatedAt: this.iso() }));
      await this.audit({ ...exec, operator }, runbook, `${runbook.action} — ${outcome}${reason ? `: ${reason}` : ''}`, outcome, operator);
      await this.timeline(exec, `${runbook.id}: ${outcome}${reason ? ` (${reason})` : ''}`);
      await this.d.bus.publish('execution.finished', { executionId: exec.id, outcome, incidentId: exec.incidentId });
      return true;
    });
    return p;
  }
}
