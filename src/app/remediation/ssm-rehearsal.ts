import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findRunbook } from '../../core/remediation/catalogue/index.js';
import type { RunbookContext } from '../../core/remediation/runbook.js';
import { documentParameters, parseSsmDocument, runSsmDocument, type DocumentSettings, type SsmRunResult } from '../../core/remediation/ssm/index.js';
import { NotFoundError, ValidationError } from '../../core/shared/errors.js';
import type { ActionCall, Cloud, ResourceRecord } from '../../ports/cloud.js';
import { ManualClock } from '../../adapters/local/clocks.js';
import { Sandbox } from '../../adapters/sandbox/sandbox.js';

const SSM_DIR = fileURLToPath(new URL('../../../scripts/ssm/', import.meta.url));

/** The rehearsal's stand-ins for deployment settings (no role is assumed and nothing leaves the process). */
export const REHEARSAL_DOCUMENT_SETTINGS: DocumentSettings = {
  automationAssumeRole: 'arn:aws:iam::123456789012:role/AIOpsSSMAutomationRole',
  diagnosticsBucket: 'aiops-diagnostics-rehearsal',
  notificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:aiops-oncall',
};

export interface SsmRehearsalRequest {
  /** Catalogue id; its document is `scripts/ssm/<ssmDocument>.yaml`. */
  runbookId: string;
  /** ARN of the one resource the document acts on. */
  target: string;
  cloud: Cloud;
  /** Current alarm states by name (answers `cloudwatch:DescribeAlarms`, which the documents validate with). */
  alarmState: (alarmName: string) => 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | undefined;
  /** Moves virtual time forward (aws:sleep and waits); the simulated account must advance with it. */
  advance: (ms: number) => Promise<void>;
  /** The alarm that fired (the document's validation waits for it to return to OK). */
  alarmName?: string;
  environment: string;
  /** Decision time (ISO, virtual). */
  now: string;
  executionId?: string;
  /** Document text instead of the file (tests of a variant). */
  yaml?: string;
  settings?: Partial<DocumentSettings>;
}

export interface SsmRehearsalResult {
  run: SsmRunResult;
  /** The entry's plan for the same context: the document must make the same state-changing calls. */
  plan: ActionCall[];
  parameters: Record<string, unknown>;
}

/** The SSM Automation document a catalogue entry runs, parsed (throws when the entry has none). */
export function loadSsmDocument(runbookId: string, yaml?: string) {
  const runbook = findRunbook(runbookId);
  if (!runbook) throw new NotFoundError('runbook', runbookId);
  const name = runbook.ssmDocument ?? (runbook.pattern === 'ssm' ? runbook.id : undefined);
  if (!name) throw new ValidationError('runbookId', `${runbookId} has no SSM document`);
  return { runbook, name, doc: parseSsmDocument(yaml ?? readFileSync(`${SSM_DIR}${name}.yaml`, 'utf8')) };
}

/**
 * Rehearses a runbook's SSM Automation document against a Cloud (the sandbox) with the SSM
 * interpreter: parameters come from the entry's plan for the resource as it is now, API writes go
 * to the Cloud, sleeps and waits run on virtual time, and the alarm validation reads the
 * simulated alarms. Nothing is sent to AWS.
 */
export async function rehearseSsmDocument(req: SsmRehearsalRequest): Promise<SsmRehearsalResult> {
  const { runbook, name, doc } = loadSsmDocument(req.runbookId, req.yaml);
  const resource: ResourceRecord | undefined = await req.cloud.describe(req.target);
  if (!resource) throw new ValidationError('target', `no resource ${req.target}`);
  const ctx: RunbookContext = { resource, environment: req.environment, now: req.now, diagnostics: { now: req.now } };
  const pre = runbook.eligible(ctx);
  if (!pre.eligible) throw new ValidationError('target', `${runbook.id} is not eligible on ${resource.name}: ${pre.reason}`);
  const plan = runbook.plan(ctx);
  const settings: DocumentSettings = { ...REHEARSAL_DOCUMENT_SETTINGS, ...req.settings, ...(req.alarmName ? { alarmName: req.alarmName } : {}) };
  const parameters = documentParameters(name, ctx, plan, settings);
  const run = await runSsmDocument(doc, {
    cloud: req.cloud,
    target: resource.arn,
    parameters,
    executionId: req.executionId ?? `rehearsal-${runbook.id}`,
    sleep: req.advance,
    apiHandlers: {
      'cloudwatch:DescribeAlarms': (call) => {
        const names = Array.isArray(call.params.AlarmNames) ? (call.params.AlarmNames as string[]) : [];
        return { MetricAlarms: names.flatMap((n) => (req.alarmState(n) ? [{ AlarmName: n, StateValue: req.alarmState(n) }] : [])) };
      },
    },
  });
  return { run, plan, parameters };
}

export interface SandboxSsmRehearsal extends SsmRehearsalResult {
  /** The target's state in the rehearsal copy after the run (the live sandbox is untouched). */
  after: Record<string, unknown>;
}

/**
 * The use case behind "rehearse this runbook's SSM document now": runs it against a *copy* of the
 * sandbox (restored from a snapshot onto its own manual clock), so virtual time can be advanced
 * freely for sleeps and waits and the live simulated account is never changed.
 */
export async function rehearseSsmOnSandboxCopy(
  live: Sandbox,
  runbookId: string,
  targetRef: string,
  opts: { environment?: string; alarmName?: string; executionId?: string } = {},
): Promise<SandboxSsmRehearsal> {
  const clock = new ManualClock(live.now());
  const copy = new Sandbox({ clock, restore: live.snapshot() });
  const target = copy.resolve(targetRef);
  const result = await rehearseSsmDocument({
    runbookId,
    target: target.arn,
    cloud: copy.cloud,
    alarmState: (name) => copy.alarms().find((a) => a.def.name === name)?.state,
    advance: async (ms) => {
      await clock.advance(ms);
      await copy.tick();
    },
    environment: opts.environment ?? target.tags['environment'] ?? 'staging',
    now: new Date(clock.now()).toISOString(),
    ...(opts.alarmName ? { alarmName: opts.alarmName } : {}),
    ...(opts.executionId ? { executionId: opts.executionId } : {}),
  });
  return { ...result, after: copy.resolve(target.arn).state };
}
