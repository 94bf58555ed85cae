import '../../core/shared/polyfills.js';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Execution } from '../../core/remediation/execution.js';
import type { Approval } from '../../ports/approvals.js';
import type { Clock } from '../../ports/clock.js';
import type { Orchestrator } from '../../ports/orchestrator.js';
import type { Store } from '../../ports/store.js';
import { loadOrchestratorDefinition, localSubstitutions } from '../../stepfunctions/definition.js';
import type { OrchestratorPayload, RemediationSteps } from '../../app/remediation/steps.js';

const ZERO_RETRY_WAIT = { CollectDiagnostics: 0, EligibilityCheck: 0, Execute: 0, ValidateRemediation: 0, Rollback: 0, Record: 0 };

interface Waiter {
  resolve: (a: Approval) => void;
  reject: (e: Error) => void;
}

class OrchestratorStopped extends Error {
  override readonly name = 'OrchestratorStopped';
}

/**
 * Runs the RemediationOrchestrator ASL in-process with aws-local-stepfunctions, its Task states
 * bound to the shared step implementations. Time-based states run on the platform clock: the
 * WaitForEffect wait and ValidateRemediation's retry interval become virtual sleeps, so a sandbox
 * rehearsal takes virtual minutes, not real ones. RequestApproval persists the approval and parks
 * the execution until it is decided; after a restart, `resumeAll` re-drives unfinished executions
 * and the memoised steps make that safe.
 */
export class LocalOrchestrator implements Orchestrator {
  private readonly machine: StateMachine;
  private readonly running = new Map<string, Promise<void>>();
  private readonly waiters = new Map<string, Waiter>();
  private readonly aborts = new Map<string, () => void>();
  private stopped = false;
  private stopSignal!: () => void;
  /** Settles when the orchestrator stops, so parked handlers (virtual sleeps) let go of their timers. */
  private readonly stopping = new Promise<void>((r) => (this.stopSignal = r));

  constructor(
    private readonly store: Store,
    private readonly steps: RemediationSteps,
    private readonly clock: Clock,
    private readonly onError: (executionId: string, error: unknown) => void = () => {},
  ) {
    this.machine = new StateMachine(loadOrchestratorDefinition(localSubstitutions()) as never, { validationOptions: { checkArn: false } });
  }

  async start(executionId: string): Promise<void> {
    if (this.stopped || this.running.has(executionId)) return;
    const run = this.run(executionId).finally(() => this.running.delete(executionId));
    this.running.set(executionId, run);
  }

  async settle(executionId?: string): Promise<void> {
    if (executionId) await this.running.get(executionId);
    else await Promise.all([...this.running.values()]);
  }

  /**
   * Shutdown: abandons the in-process state machines (their timers included) without touching
   * their stored state, so they resume from their memoised steps at the next start.
   */
  stop(): void {
    this.stopped = true;
    for (const abort of this.aborts.values()) abort();
    this.aborts.clear();
    for (const w of this.waiters.values()) w.reject(new OrchestratorStopped('orchestrator stopped'));
    this.waiters.clear();
    this.stopSignal();
  }

  isRunning(executionId: string): boolean {
    return this.running.has(executionId);
  }

  /** Wakes the execution parked on this approval (called once the decision is stored). */
  approvalDecided(approval: Approval): void {
    this.waiters.get(approval.id)?.resolve(approval);
    this.waiters.delete(approval.id);
  }

  /** After a restart: re-drive every execution that had not finished. */
  async resumeAll(): Promise<string[]> {
    const executions = this.store.collection<Execution>('executions');
    const open = [...(await executions.find({ where: { status: 'RUNNING' } })), ...(await executions.find({ where: { status: 'WAITING_APPROVAL' } }))];
    for (const e of open) await this.start(e.id);
    return open.map((e) => e.id);
  }

  private async run(executionId: string): Promise<void> {
    const executions = this.store.collection<Execution>('executions');
    const s = this.steps;
    const handlers = {
      CollectDiagnostics: (p: OrchestratorPayload) => s.collectDiagnostics(p),
      EligibilityCheck: (p: OrchestratorPayload) => s.eligibilityCheck(p),
      RequestApproval: (p: { Payload: { execution: OrchestratorPayload } }) => this.waitForApproval(p.Payload.execution.executionId),
      Execute: (p: OrchestratorPayload) => s.execute(p),
      ValidateRemediation: async (p: OrchestratorPayload) => {
        // Stands in for WaitForEffect (60 s) and the 60 s retry interval, on the platform clock.
        await Promise.race([this.clock.sleep(60_000), this.stopping]);
        if (this.stopped) throw new OrchestratorStopped('orchestrator stopped');
        return s.validate(p);
      },
      Rollback: (p: OrchestratorPayload) => s.rollback(p),
      Record: (p: OrchestratorPayload) => s.record(p),
    };
    const exec = this.machine.run({ executionId } satisfies OrchestratorPayload, {
      overrides: { taskResourceLocalHandlers: handlers as never, waitTimeOverrides: { WaitForEffect: 0 }, retryIntervalOverrides: ZERO_RETRY_WAIT },
      context: { Execution: { Id: executionId, Name: executionId }, Task: { Token: `local:${executionId}` } },
      noThrowOnAbort: true,
    } as never);
    this.aborts.set(executionId, () => exec.abort());
    const visited = (async () => {
      for await (const ev of exec.eventLogs as AsyncIterable<{ type: string; state?: { name: string } }>) {
        if (ev.type !== 'StateEntered' || !ev.state) continue;
        const name = ev.state.name;
        await executions.update(executionId, (e) => (e.statesVisited.at(-1) === name ? e : { ...e, statesVisited: [...e.statesVisited, name] }));
      }
    })().catch(() => undefined);
    try {
      await exec.result;
      this.aborts.delete(executionId);
      if (this.stopped) return;
    } catch (error) {
      this.aborts.delete(executionId);
      if (this.stopped) return;
      // Record itself failed (or the machine could not run): never leave an execution RUNNING silently.
      const reason = `orchestrator error: ${String((error as Error)?.message ?? error)}`;
      const at = new Date(this.clock.now()).toISOString();
      const failed = await executions.update(executionId, (e) => ({ ...e, status: 'FAILED', outcome: 'FAILURE', reason, endedAt: at })).catch(() => undefined);
      // Even when Record could not run, the failure is audited.
      if (failed) {
        await this.store.audit
          .append({ executionId, timestamp: at, trigger: failed.trigger, runbook: failed.runbookId, targetResource: failed.targetResource, action: `execution aborted — ${reason}`, outcome: 'FAILURE', operator: failed.operator, rollbackPlan: failed.rollbackPlan ?? 'none: nothing was executed by this orchestrator run' })
          .catch(() => undefined);
      }
      this.onError(executionId, error);
    }
    await visited;
  }

  private async waitForApproval(executionId: string): Promise<{ approved: boolean; principal?: string; comment?: string }> {
    let approval = await this.steps.ensureApprovalRequested(executionId);
    if (approval.status === 'pending') {
      approval = await new Promise<Approval>((resolve, reject) => this.waiters.set(approval.id, { resolve, reject }));
    }
    return { approved: approval.status === 'approved', ...(approval.decidedBy ? { principal: approval.decidedBy } : {}), ...(approval.comment ? { comment: approval.comment } : {}) };
  }
}
