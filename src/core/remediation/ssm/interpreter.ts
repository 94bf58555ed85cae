import type { ActionCall, Cloud } from '../../../ports/cloud.js';
import { evaluateChoice } from './branch.js';
import { interpolate } from './interpolate.js';
import { READ_API, RECORDING_CALLS } from './lint.js';
import { READ_SHAPES } from './readShapes.js';
import { LOCAL_SCRIPT_HANDLERS } from './scripts.js';
import type { SsmDocument, SsmStep } from './schema.js';
import { coerceOutput, selectPath } from './selector.js';

export type StepStatus = 'Success' | 'Failed' | 'Skipped' | 'TimedOut';

export interface StepRecord {
  name: string;
  action: string;
  status: StepStatus;
  attempts: number;
  outputs: Record<string, unknown>;
  /** Why it failed or was skipped. */
  reason?: string;
  /** The API call the step made (the last attempt's), for executeAwsApi and the wait/assert actions. */
  call?: ActionCall;
}

export interface SsmRunResult {
  status: 'Success' | 'Failed';
  /** Name of the step the run ended on (e.g. `NotEligible` when preconditions were not met). */
  endedAt: string;
  steps: StepRecord[];
  /** State-changing calls executed through Cloud.execute, in order. */
  calls: ActionCall[];
  /** Recording calls (diagnostics to S3, RemediationExecuted metric, notifications) captured locally. */
  recorded: ActionCall[];
  /** Document-level outputs (`Step.Output`). */
  outputs: Record<string, unknown>;
  failureReason?: string;
  /** Virtual milliseconds spent in aws:sleep and waits. */
  virtualElapsedMs: number;
}

/** A local stand-in for an aws:executeScript handler: gets the interpolated InputPayload, returns the Payload. */
export type ScriptHandler = (payload: Record<string, unknown>) => unknown;
/** Answers an API call instead of the Cloud port (e.g. `cloudwatch:DescribeAlarms` from the Metrics port). */
export type ApiHandler = (call: ActionCall) => Promise<unknown> | unknown;

export interface SsmRunOptions {
  cloud: Cloud;
  /** ARN of the one resource the document runs against: every call targets it. */
  target: string;
  parameters: Record<string, unknown>;
  /** Virtual sleep; the default returns at once (tests and rehearsals never wait on real time). */
  sleep?: (ms: number) => Promise<void>;
  scriptHandlers?: Record<string, ScriptHandler>;
  apiHandlers?: Record<string, ApiHandler>;
  executionId?: string;
  /** Virtual seconds between polls of aws:waitForAwsResourceProperty (default 10). */
  pollSeconds?: number;
  /** Region of the run; defaults to the target ARN's, and to us-east-1 for global resources (CloudFront, IAM, Route 53). */
  region?: string;
  /** Stops runaway nextStep loops (default 1000 step executions). */
  maxStepExecutions?: number;
}

class StepFailure extends Error {
  constructor(
    message: string,
    readonly status: StepStatus = 'Failed',
  ) {
    super(message);
  }
}

const DEFAULT_WAIT_TIMEOUT_S = 3600;

/** ISO 8601 duration `PT1H2M3S` / `P1D` to milliseconds. */
export function parseIsoDuration(d: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(d);
  if (!m || d === 'P' || d === 'PT') return undefined;
  const [, days, h, min, s] = m;
  return ((Number(days ?? 0) * 24 + Number(h ?? 0)) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000;
}

/** SSM refuses to start with a missing, mistyped or disallowed parameter; so does the rehearsal. */
function checkParameters(doc: SsmDocument, params: Record<string, unknown>): string | undefined {
  for (const [name, spec] of Object.entries(doc.parameters)) {
    const v = params[name];
    if (v === undefined) return `missing parameter ${name}`;
    if (spec.type === 'Integer' && !Number.isInteger(typeof v === 'string' ? Number(v) : v)) return `parameter ${name} must be an Integer`;
    if (spec.type === 'Boolean' && typeof v !== 'boolean') return `parameter ${name} must be a Boolean`;
    if ((spec.type === 'String' || spec.type.startsWith('AWS::')) && typeof v !== 'string') return `parameter ${name} must be a String`;
    if (spec.allowedValues && !spec.allowedValues.includes(v)) return `parameter ${name} must be one of ${spec.allowedValues.join(', ')}`;
    if (spec.allowedPattern && typeof v === 'string' && !new RegExp(spec.allowedPattern).test(v)) return `parameter ${name} does not match ${spec.allowedPattern}`;
  }
  return undefined;
}

function splitApiInputs(inputs: Record<string, unknown>): { call: string; params: Record<string, unknown> } {
  const { Service, Api, PropertySelector: _p, DesiredValues: _d, ...params } = inputs;
  return { call: `${String(Service ?? '').toLowerCase()}:${String(Api ?? '')}`, params };
}

/**
 * Runs an Automation document's steps against the Cloud port so a runbook is rehearsed locally
 * before it is deployed. Honors maxAttempts, onFailure (Abort / Continue / step:X), isEnd, nextStep
 * and aws:branch; aws:sleep and waits use virtual time. aws:executeScript runs only when a local
 * handler for its Handler is registered (the product's own scripts are, see scripts.ts), otherwise
 * it is recorded as Skipped with the reason.
 *
 * @example
 * const doc = parseSsmDocument(readFileSync('scripts/ssm/AIOps-ScaleOutEC2ASG.yaml', 'utf8'));
 * const run = await runSsmDocument(doc, { cloud, target: asgArn, parameters: { AutoScalingGroupName: 'web', DesiredCapacity: 5, … } });
 */
export async function runSsmDocument(doc: SsmDocument, opts: SsmRunOptions): Promise<SsmRunResult> {
  const sleep = opts.sleep ?? (async () => {});
  const executionId = opts.executionId ?? 'local-execution';
  const params: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(doc.parameters)) if (p.default !== undefined) params[k] = p.default;
  Object.assign(params, opts.parameters);
  const stepOutputs = new Map<string, unknown>();
  const paramError = checkParameters(doc, params);
  if (paramError) return { status: 'Failed', endedAt: '', steps: [], calls: [], recorded: [], outputs: {}, failureReason: paramError, virtualElapsedMs: 0 };
  const [arnPrefix, partition, , arnRegion, account] = opts.target.split(':');
  const region = opts.region ?? (arnPrefix === 'arn' && arnRegion ? arnRegion : 'us-east-1');
  const builtins: Record<string, string> = {
    'automation:EXECUTION_ID': executionId,
    'automation:AUTOMATION_EXECUTION_ID': executionId,
    'global:REGION': region,
    'global:ACCOUNT_ID': arnPrefix === 'arn' ? (account ?? '') : '',
    'global:AWS_PARTITION': partition ?? 'aws',
  };
  const lookup = (ref: string): unknown => builtins[ref] ?? (ref in params ? params[ref] : stepOutputs.get(ref));
  const result: SsmRunResult = { status: 'Success', endedAt: '', steps: [], calls: [], recorded: [], outputs: {}, virtualElapsedMs: 0 };
  const wait = async (ms: number) => {
    result.virtualElapsedMs += ms;
    await sleep(ms);
  };

  const read = async (call: string, p: Record<string, unknown>): Promise<{ response: unknown; action: ActionCall }> => {
    const handler = opts.apiHandlers?.[call];
    const shape = READ_SHAPES[call];
    const target = shape?.target?.(p, opts.target, region) ?? opts.target;
    const action: ActionCall = { call, target, params: p };
    if (handler) return { response: await handler(action), action };
    if (!shape) throw new StepFailure(`no local read shape for ${call}: register an apiHandler`);
    const resource = await opts.cloud.describe(target);
    if (!resource) throw new StepFailure(`${target} not found`);
    return { response: shape.wrap(resource.state, resource), action };
  };

  const runStep = async (step: SsmStep, record: StepRecord): Promise<string | undefined> => {
    const inputs = interpolate(step.inputs, lookup) as Record<string, unknown>;
    switch (step.action) {
      case 'aws:executeAwsApi': {
        const { call, params: p } = splitApiInputs(inputs);
        const apiName = call.split(':')[1] ?? '';
        let response: unknown;
        if (READ_API.test(apiName)) {
          const r = await read(call, p);
          record.call = r.action;
          response = r.response;
        } else {
          record.call = { call, target: opts.target, params: p, description: step.description ?? step.name };
          const handler = opts.apiHandlers?.[call];
          if (RECORDING_CALLS.has(call)) {
            result.recorded.push(record.call);
            response = handler ? await handler(record.call) : {};
          } else if (handler) {
            response = await handler(record.call);
            result.calls.push(record.call);
          } else {
            const res = await opts.cloud.execute(record.call);
            if (!res.ok) throw new StepFailure(res.error ?? `${call} failed`);
            result.calls.push(record.call);
            response = res.after ?? {};
          }
        }
        for (const o of step.outputs ?? []) {
          const v = coerceOutput(selectPath(response, o.Selector), o.Type);
          if (v !== undefined) record.outputs[o.Name] = v;
        }
        return undefined;
      }
      case 'aws:waitForAwsResourceProperty':
      case 'aws:assertAwsResourceProperty': {
        const { call, params: p } = splitApiInputs(inputs);
        const desired = (Array.isArray(inputs.DesiredValues) ? inputs.DesiredValues : []).map(String);
        const timeoutMs = (step.timeoutSeconds ?? DEFAULT_WAIT_TIMEOUT_S) * 1000;
        const pollMs = (opts.pollSeconds ?? 10) * 1000;
        for (let waited = 0; ; waited += pollMs) {
          const r = await read(call, p);
          record.call = r.action;
          const v = selectPath(r.response, String(inputs.PropertySelector));
          const actual = typeof v === 'string' ? v : JSON.stringify(v);
          if (desired.includes(actual)) return undefined;
          if (step.action === 'aws:assertAwsResourceProperty') throw new StepFailure(`${String(inputs.PropertySelector)} is ${actual}, expected one of ${desired.join(', ')}`);
          if (waited + pollMs > timeoutMs) throw new StepFailure(`${String(inputs.PropertySelector)} still ${actual} after ${step.timeoutSeconds ?? DEFAULT_WAIT_TIMEOUT_S} s`, 'TimedOut');
          await wait(pollMs);
        }
      }
      case 'aws:sleep': {
        const ms = typeof inputs.Duration === 'string' ? parseIsoDuration(inputs.Duration) : 0;
        if (ms === undefined) throw new StepFailure(`bad Duration ${String(inputs.Duration)}`);
        await wait(ms);
        return undefined;
      }
      case 'aws:branch': {
        const choices = Array.isArray(inputs.Choices) ? (inputs.Choices as Record<string, unknown>[]) : [];
        for (const c of choices) if (evaluateChoice(c)) return String(c.NextStep);
        // Without a Default, Automation goes on with the next step in order.
        return typeof inputs.Default === 'string' ? inputs.Default : undefined;
      }
      case 'aws:executeScript': {
        const handlerName = String(inputs.Handler ?? '');
        const handler = opts.scriptHandlers?.[handlerName] ?? LOCAL_SCRIPT_HANDLERS[handlerName];
        if (!handler) throw new StepFailure(`aws:executeScript is not executed locally (no handler registered for ${handlerName})`, 'Skipped');
        const payload = await handler((inputs.InputPayload ?? {}) as Record<string, unknown>);
        record.outputs.OutputPayload = payload;
        for (const o of step.outputs ?? []) {
          const v = coerceOutput(selectPath({ Payload: payload }, o.Selector), o.Type);
          if (v !== undefined) record.outputs[o.Name] = v;
        }
        return undefined;
      }
      default:
        throw new StepFailure(`${step.action} is not supported by the local interpreter`);
    }
  };

  const index = new Map(doc.mainSteps.map((s, i) => [s.name, i]));
  let i = 0;
  let executions = 0;
  const maxExecutions = opts.maxStepExecutions ?? 1000;
  while (i < doc.mainSteps.length) {
    const step = doc.mainSteps[i] as SsmStep;
    if (++executions > maxExecutions) {
      result.status = 'Failed';
      result.failureReason = `more than ${maxExecutions} step executions: loop?`;
      break;
    }
    const record: StepRecord = { name: step.name, action: step.action, status: 'Success', attempts: 0, outputs: {} };
    result.steps.push(record);
    result.endedAt = step.name;
    let jump: string | undefined;
    const maxAttempts = step.maxAttempts ?? 1;
    for (;;) {
      record.attempts++;
      try {
        record.outputs = {};
        jump = await runStep(step, record);
        record.status = 'Success';
        delete record.reason;
        break;
      } catch (err) {
        record.status = err instanceof StepFailure ? err.status : 'Failed';
        record.reason = err instanceof Error ? err.message : String(err);
        if (record.status === 'Skipped' || record.attempts >= maxAttempts) break;
      }
    }
    for (const [k, v] of Object.entries(record.outputs)) stepOutputs.set(`${step.name}.${k}`, v);

    if (record.status === 'Failed' || record.status === 'TimedOut') {
      const onFailure = step.onFailure ?? 'Abort';
      if (onFailure === 'Abort') {
        result.status = 'Failed';
        result.failureReason = `${step.name}: ${record.reason ?? 'failed'}`;
        break;
      }
      if (onFailure.startsWith('step:')) {
        i = index.get(onFailure.slice(5)) ?? doc.mainSteps.length;
        continue;
      }
    } else if (step.isEnd) break;
    const next = jump ?? step.nextStep;
    if (next !== undefined) {
      const j = index.get(next);
      if (j === undefined) {
        result.status = 'Failed';
        result.failureReason = `${step.name}: next step ${next} does not exist`;
        break;
      }
      i = j;
    } else i++;
  }
  for (const o of doc.outputs ?? []) if (stepOutputs.has(o)) result.outputs[o] = stepOutputs.get(o);
  return result;
}
