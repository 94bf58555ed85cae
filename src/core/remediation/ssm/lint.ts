import { parse } from 'yaml';
import { BRANCH_OPERATORS } from './branch.js';
import { referencesIn } from './interpolate.js';
import type { SsmDocument, SsmStep } from './schema.js';
import { SSM_ACTIONS, SsmDocumentSchema } from './schema.js';

export interface LintIssue {
  rule: string;
  message: string;
  step?: string;
}

/** Calls that only read, whatever the service. */
export const READ_API = /^(Describe|Get|List|Head|Lookup|Search|Batch?Get)/;

/** Writes that record what happened (diagnostics, metrics, notifications) and change no target resource. */
export const RECORDING_CALLS = new Set(['s3:PutObject', 'cloudwatch:PutMetricData', 'sns:Publish']);

const STATE_CHANGING_ACTIONS = new Set([
  'aws:changeInstanceState', 'aws:runCommand', 'aws:invokeLambdaFunction', 'aws:executeAutomation', 'aws:createStack', 'aws:deleteStack',
  'aws:deleteImage', 'aws:runInstances', 'aws:createTags', 'aws:createImage', 'aws:copyImage', 'aws:executeStateMachine', 'aws:executeScript',
]);

const BUILTIN_REF = /^(automation|global):[A-Z_]+$/;

/** Script steps that only read and compute, by convention of their name; any other script is treated as a change. */
export const READ_ONLY_SCRIPT_STEPS = new Set(['CollectDiagnostics', 'EvaluatePreconditions']);

/** A step that changes the target: a write API call, or an action that acts on resources. */
export function isDestructive(step: SsmStep): boolean {
  if (step.action === 'aws:executeAwsApi') {
    const call = `${String(step.inputs.Service ?? '').toLowerCase()}:${String(step.inputs.Api ?? '')}`;
    return !READ_API.test(String(step.inputs.Api ?? '')) && !RECORDING_CALLS.has(call);
  }
  if (step.action === 'aws:executeScript') return !READ_ONLY_SCRIPT_STEPS.has(step.name);
  return STATE_CHANGING_ACTIONS.has(step.action);
}

function isS3PutObject(step: SsmStep | undefined): boolean {
  return step?.action === 'aws:executeAwsApi' && String(step.inputs.Service).toLowerCase() === 's3' && step.inputs.Api === 'PutObject';
}

function choiceTargets(inputs: Record<string, unknown>): string[] {
  const choices = Array.isArray(inputs.Choices) ? (inputs.Choices as Record<string, unknown>[]) : [];
  const targets = choices.map((c) => String(c.NextStep ?? ''));
  if (typeof inputs.Default === 'string') targets.push(inputs.Default);
  return targets;
}

function choiceOperatorsValid(choice: Record<string, unknown>): boolean {
  if (Array.isArray(choice.And)) return (choice.And as Record<string, unknown>[]).every(choiceOperatorsValid);
  if (Array.isArray(choice.Or)) return (choice.Or as Record<string, unknown>[]).every(choiceOperatorsValid);
  if (choice.Not && typeof choice.Not === 'object') return choiceOperatorsValid(choice.Not as Record<string, unknown>);
  return 'Variable' in choice && BRANCH_OPERATORS.some((op) => op in choice);
}

/** SSM compares a Variable with a literal: a `{{ }}` on the operator side is not a documented form. */
function choiceValuesLiteral(choice: Record<string, unknown>): boolean {
  if (Array.isArray(choice.And)) return (choice.And as Record<string, unknown>[]).every(choiceValuesLiteral);
  if (Array.isArray(choice.Or)) return (choice.Or as Record<string, unknown>[]).every(choiceValuesLiteral);
  if (choice.Not && typeof choice.Not === 'object') return choiceValuesLiteral(choice.Not as Record<string, unknown>);
  return BRANCH_OPERATORS.every((op) => !(op in choice) || referencesIn(choice[op]).length === 0);
}

/** Structural checks: the SSM document schema, actions and their inputs, names, targets and references. */
function lintStructure(doc: SsmDocument): LintIssue[] {
  const issues: LintIssue[] = [];
  const names = new Map<string, number>();
  for (const s of doc.mainSteps) names.set(s.name, (names.get(s.name) ?? 0) + 1);
  for (const [n, c] of names) if (c > 1) issues.push({ rule: 'unique-step-names', step: n, message: `step name ${n} used ${c} times` });

  const outputsByStep = new Map(doc.mainSteps.map((s) => [s.name, new Set([...(s.outputs ?? []).map((o) => o.Name), ...(s.action === 'aws:executeScript' ? ['OutputPayload'] : [])])]));
  const params = new Set(Object.keys(doc.parameters));
  const seen = new Set<string>();
  for (const s of doc.mainSteps) {
    const spec = SSM_ACTIONS[s.action];
    if (!spec) issues.push({ rule: 'known-action', step: s.name, message: `unknown action ${s.action}` });
    else {
      for (const r of spec.required) if (!(r in s.inputs)) issues.push({ rule: 'required-inputs', step: s.name, message: `${s.action} requires input ${r}` });
      if (spec.oneOf && !spec.oneOf.some((k) => k in s.inputs)) issues.push({ rule: 'required-inputs', step: s.name, message: `${s.action} requires one of ${spec.oneOf.join(', ')}` });
    }
    const targets: string[] = [];
    if (s.nextStep) targets.push(s.nextStep);
    for (const h of [s.onFailure, s.onCancel]) if (h?.startsWith('step:')) targets.push(h.slice(5));
    if (s.action === 'aws:branch') {
      targets.push(...choiceTargets(s.inputs));
      const choices = Array.isArray(s.inputs.Choices) ? (s.inputs.Choices as Record<string, unknown>[]) : [];
      if (choices.length === 0) issues.push({ rule: 'branch', step: s.name, message: 'aws:branch needs at least one choice' });
      for (const c of choices) {
        if (typeof c.NextStep !== 'string') issues.push({ rule: 'branch', step: s.name, message: 'every choice needs a NextStep' });
        if (!choiceOperatorsValid(c)) issues.push({ rule: 'branch', step: s.name, message: 'a choice has no Variable or no known operator' });
        else if (!choiceValuesLiteral(c)) issues.push({ rule: 'branch', step: s.name, message: 'compare the Variable with a literal value; compute comparisons between outputs in a script step' });
      }
    }
    for (const t of targets) if (!names.has(t)) issues.push({ rule: 'step-targets', step: s.name, message: `target step ${t} does not exist` });
    if (s.isEnd && s.nextStep) issues.push({ rule: 'step-targets', step: s.name, message: 'isEnd and nextStep together' });
    for (const ref of referencesIn(s.inputs)) {
      if (BUILTIN_REF.test(ref) || params.has(ref)) continue;
      const [step, out] = ref.split('.');
      if (step && out && outputsByStep.get(step)?.has(out)) {
        if (!seen.has(step)) issues.push({ rule: 'references', step: s.name, message: `{{ ${ref} }} is produced by a later step` });
        continue;
      }
      issues.push({ rule: 'references', step: s.name, message: `{{ ${ref} }} is neither a parameter nor a declared step output` });
    }
    seen.add(s.name);
  }
  for (const o of doc.outputs ?? []) {
    const [step, out] = o.split('.');
    if (!step || !out || !outputsByStep.get(step)?.has(out)) issues.push({ rule: 'references', message: `document output ${o} is not a declared step output` });
  }
  return issues;
}

/** Seed 001's authoring rules for every AIOps Automation document. */
function lintAuthoringRules(doc: SsmDocument): LintIssue[] {
  const issues: LintIssue[] = [];
  const steps = doc.mainSteps;
  const byName = new Map(steps.map((s) => [s.name, s]));
  if (!doc.description) issues.push({ rule: 'description', message: 'document needs a description' });
  if (doc.assumeRole !== '{{ AutomationAssumeRole }}' || doc.parameters.AutomationAssumeRole?.type !== 'String') {
    issues.push({ rule: 'assume-role', message: "assumeRole must be '{{ AutomationAssumeRole }}' with a String parameter AutomationAssumeRole" });
  }
  for (const [n, p] of Object.entries(doc.parameters)) if (!p.description) issues.push({ rule: 'typed-parameters', message: `parameter ${n} needs a description` });

  const first = steps[0];
  if (first?.name !== 'CollectDiagnostics' || !['aws:executeAwsApi', 'aws:executeScript'].includes(first.action)) {
    issues.push({ rule: 'collect-diagnostics-first', message: 'the first step must be CollectDiagnostics (aws:executeAwsApi or aws:executeScript)' });
  } else if (first.action === 'aws:executeAwsApi' && !isS3PutObject(steps[1])) {
    issues.push({ rule: 'diagnostics-to-s3', message: 'CollectDiagnostics must be followed by an s3 PutObject step that stores the state' });
  }

  const elig = byName.get('EligibilityCheck');
  const eligIndex = steps.findIndex((s) => s.name === 'EligibilityCheck');
  if (!elig) issues.push({ rule: 'eligibility-check', message: 'an EligibilityCheck step is required' });
  else if (elig.action !== 'aws:branch') issues.push({ rule: 'eligibility-check', step: elig.name, message: 'EligibilityCheck must be an aws:branch' });
  else {
    const def = typeof elig.inputs.Default === 'string' ? byName.get(elig.inputs.Default) : undefined;
    if (!def || def.isEnd !== true || def.action !== 'aws:sleep') issues.push({ rule: 'eligibility-check', step: elig.name, message: 'EligibilityCheck Default must lead to a no-op end step (aws:sleep with isEnd: true)' });
  }
  steps.forEach((s, i) => {
    if (!isDestructive(s)) return;
    if (eligIndex < 0 || i < eligIndex) issues.push({ rule: 'eligibility-check', step: s.name, message: 'state-changing step before EligibilityCheck' });
    if (s.onFailure !== 'Abort' || s.onCancel !== 'Abort') issues.push({ rule: 'destructive-abort', step: s.name, message: 'state-changing step needs onFailure: Abort and onCancel: Abort' });
  });

  const last = steps[steps.length - 1];
  if (last?.name !== 'ValidateRemediation') issues.push({ rule: 'validate-last', message: 'the last step must be ValidateRemediation' });
  else if (isDestructive(last)) issues.push({ rule: 'validate-last', step: last.name, message: 'ValidateRemediation must only read' });

  const metric = steps.some((s) => {
    if (s.action !== 'aws:executeAwsApi' || String(s.inputs.Service).toLowerCase() !== 'cloudwatch' || s.inputs.Api !== 'PutMetricData') return false;
    const data = Array.isArray(s.inputs.MetricData) ? (s.inputs.MetricData as Record<string, unknown>[]) : [];
    return s.inputs.Namespace === 'AIOps/Automation' && data.some((d) => d.MetricName === 'RemediationExecuted');
  });
  if (!metric) issues.push({ rule: 'remediation-metric', message: 'emit RemediationExecuted in namespace AIOps/Automation (cloudwatch PutMetricData)' });

  for (const s of steps) {
    if (s.maxAttempts !== 3) issues.push({ rule: 'retries-timeouts', step: s.name, message: 'maxAttempts must be 3' });
    if (s.timeoutSeconds !== 300) issues.push({ rule: 'retries-timeouts', step: s.name, message: 'timeoutSeconds must be 300' });
  }
  return issues;
}

/** Lints a parsed document (any shape): schema first, then structure, then the authoring rules. */
export function lintSsmDocument(input: unknown): LintIssue[] {
  const parsed = SsmDocumentSchema.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ rule: 'schema', message: `${i.path.map(String).join('.') || '(root)'}: ${i.message}` }));
  return [...lintStructure(parsed.data), ...lintAuthoringRules(parsed.data)];
}

/** Lints YAML text; a YAML syntax error is one `yaml` issue. */
export function lintSsmYaml(text: string): LintIssue[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    return [{ rule: 'yaml', message: err instanceof Error ? err.message : String(err) }];
  }
  return lintSsmDocument(doc);
}
