import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import type { Execution } from '../../core/remediation/execution.js';
import type { Approval } from '../../ports/approvals.js';
import { ManualClock } from '../../adapters/local/clocks.js';
import type { ScenarioDescriptor } from '../../adapters/sandbox/scenarios/scenario.js';
import { createLocalPlatform, type LocalPlatform } from '../platform.js';

const MINUTE = 60_000;
const DEFAULT_START = '2026-11-23T10:00:00.000Z';

/** What the rehearsal does when the runbook asks for an approval. */
export type ApprovalPlan = { decision: 'approve' | 'reject'; principal: string; comment?: string } | 'expire';

export interface RehearsalOptions {
  /** Default: approve as `rehearsal-approver`. */
  approval?: ApprovalPlan;
  /** Virtual minutes before giving up (default: the scenario's `maxMinutes`, else 60). */
  maxMinutes?: number;
}

export interface RehearsalResult {
  scenario: string;
  runbook: string;
  passed: boolean;
  /** Why it did not pass (empty when it passed). */
  failures: string[];
  needsApproval: boolean;
  /** How the rehearsal ended: the incident resolved, or (not auto-resolvable) the action validated. */
  end?: 'resolved' | 'remediated' | 'skipped';
  /** Virtual seconds from the first fault to the incident (event-driven scenarios). */
  mttdSeconds?: number;
  /** Virtual seconds from incident open to resolution (or to the validated action when it cannot resolve on its own). */
  mttrSeconds?: number;
  /** Virtual minutes the rehearsal took. */
  virtualMinutes: number;
  incident?: Incident;
  execution?: Execution;
  approval?: Approval;
  /** The value of the expected target field after the run. */
  targetValue?: unknown;
}

/** A field of a resource state by dotted path (`ScalingConfig.MaximumConcurrency`, `AccessKeys.0.Status`). */
export function stateField(state: unknown, path: string): unknown {
  let cur: unknown = state;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export interface RehearsalPlatform {
  platform: LocalPlatform;
  clock: ManualClock;
  cleanup: () => Promise<void>;
}

/** A throw-away local platform on a manual clock, with the catalogue's schedules registered. */
export async function createRehearsalPlatform(opts: { clockStart?: string; dataDir?: string } = {}): Promise<RehearsalPlatform> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'aiops-rehearsal-'));
  const clock = new ManualClock(opts.clockStart ?? DEFAULT_START);
  const platform = await createLocalPlatform({ dataDir, clock, schedules: true });
  await platform.start();
  return {
    platform,
    clock,
    cleanup: async () => {
      await platform.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs one scenario on a platform driven by a manual clock: injects its faults, advances virtual
 * time minute by minute, answers the approval as told, and reports what happened against the
 * scenario's expectation (runbook, approval, target state, resolution) with virtual MTTD/MTTR.
 */
export async function rehearse(p: LocalPlatform, clock: ManualClock, scenario: ScenarioDescriptor, opts: RehearsalOptions = {}): Promise<RehearsalResult> {
  const exp = scenario.expected;
  const plan: ApprovalPlan = opts.approval ?? { decision: 'approve', principal: 'rehearsal-approver' };
  const maxMinutes = opts.maxMinutes ?? scenario.maxMinutes ?? 60;
  const incidents = p.store.collection<Incident>('incidents');
  const executions = p.store.collection<Execution>('executions');
  const approvals = p.store.collection<Approval>('approvals');
  const scheduled = scenario.faults.length === 0 || exp.rule?.startsWith('schedule:') === true;
  const faultAt = clock.now();
  if (scenario.faults.length > 0) await p.sandbox.inject(scenario.faults, `rehearsal:${scenario.id}`);

  let decided = false;
  let minutes = 0;
  const findExecution = async () => (await executions.find({ where: { runbookId: exp.runbook } }))[0];
  const finished = async (): Promise<boolean> => {
    const exec = await findExecution();
    if (!exec?.endedAt) return false;
    if (scheduled || !exp.resolves || exec.outcome !== 'SUCCESS') return true;
    const inc = exec.incidentId ? await incidents.get(exec.incidentId) : undefined;
    return inc?.status === 'resolved';
  };

  for (; minutes < maxMinutes && !(await finished()); minutes++) {
    const exec = await findExecution();
    if (exec?.status === 'WAITING_APPROVAL' && exec.approvalId && !decided) {
      decided = true;
      if (plan === 'expire') {
        // Let the 7-day approval lapse in daily steps (the sandbox only catches up on the last hour
        // of each step, so a week costs seconds, not a week of minutes).
        const approval = await approvals.get(exec.approvalId);
        const wait = Date.parse(approval!.expiresAt) - clock.now() + MINUTE;
        await clock.advance(wait, 86_400_000);
        await p.tick();
        continue;
      }
      await p.remediation.decide(exec.approvalId, plan.decision, plan.principal, plan.comment);
    }
    await clock.advance(MINUTE);
    await p.tick();
  }
  const failures: string[] = [];
  let exec = await findExecution();
  // Only this execution: a scheduled one may be parked on the clock, which no longer moves.
  if (exec?.endedAt) {
    await p.orchestrator.settle(exec.id);
    exec = await findExecution();
  }
  const incident = exec?.incidentId ? await incidents.get(exec.incidentId) : (await incidents.find())[0];
  const approval = exec?.approvalId ? await approvals.get(exec.approvalId) : undefined;
  const targetValue = stateField(p.sandbox.resolve(exp.targetState.resource).state, exp.targetState.field);

  if (!exec) failures.push(`${exp.runbook} never started`);
  else if (!exec.endedAt) failures.push(`${exp.runbook} did not finish within ${maxMinutes} virtual minutes (status ${exec.status})`);
  if (!scheduled) {
    if (!incident) failures.push('no incident opened');
    const alerts = await p.store.collection<Alert>('alerts').find();
    const rule = exp.alarm ?? exp.rule;
    if (rule && !alerts.some((a) => a.rule === rule)) failures.push(`no alert for ${rule} (alerts: ${alerts.map((a) => a.rule).join(', ') || 'none'})`);
    if (exp.severity && incident && incident.severity !== exp.severity) failures.push(`incident severity ${incident.severity}, expected ${exp.severity}`);
  }
  if (exec && exp.needsApproval !== Boolean(exec.approvalId)) failures.push(exp.needsApproval ? 'no approval was requested' : 'an approval was requested');
  const approved = !exp.needsApproval || (plan !== 'expire' && plan.decision === 'approve');
  if (approved) {
    if (exec?.outcome !== 'SUCCESS') failures.push(`outcome ${exec?.outcome ?? 'none'}${exec?.reason ? `: ${exec.reason}` : ''}`);
    if (JSON.stringify(targetValue) !== JSON.stringify(exp.targetState.equals)) failures.push(`${exp.targetState.resource}.${exp.targetState.field} is ${JSON.stringify(targetValue)}, expected ${JSON.stringify(exp.targetState.equals)}`);
    if (exp.resolves && incident?.status !== 'resolved') failures.push(`incident ${incident?.status ?? 'missing'}, expected resolved`);
  } else if (exec?.outcome !== 'SKIPPED') failures.push(`outcome ${exec?.outcome ?? 'none'}, expected SKIPPED after the approval was ${plan === 'expire' ? 'left to expire' : 'rejected'}`);

  const openedAt = incident ? Date.parse(incident.openedAt) : undefined;
  const endedAt = exec?.endedAt ? Date.parse(exec.endedAt) : undefined;
  const resolvedAt = incident?.resolvedAt ? Date.parse(incident.resolvedAt) : undefined;
  const end: RehearsalResult['end'] = exec?.outcome === 'SKIPPED' ? 'skipped' : resolvedAt !== undefined ? 'resolved' : exec?.outcome === 'SUCCESS' ? 'remediated' : undefined;
  const stop = end === 'resolved' ? resolvedAt : end === 'remediated' ? endedAt : undefined;
  return {
    scenario: scenario.id,
    runbook: exp.runbook,
    passed: failures.length === 0,
    failures,
    needsApproval: exp.needsApproval,
    ...(end ? { end } : {}),
    ...(openedAt !== undefined && !scheduled ? { mttdSeconds: (openedAt - faultAt) / 1000 } : {}),
    ...(openedAt !== undefined && stop !== undefined && !scheduled ? { mttrSeconds: (stop - openedAt) / 1000 } : {}),
    virtualMinutes: minutes,
    ...(incident ? { incident } : {}),
    ...(exec ? { execution: exec } : {}),
    ...(approval ? { approval } : {}),
    targetValue,
  };
}
