import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ORCHESTRATOR_ASL_PATH = join(dirname(fileURLToPath(import.meta.url)), 'remediation-orchestrator.asl.yaml');

/** Task states whose Resource is a `${<State>FunctionArn}` substitution (RequestApproval uses a task token). */
export const ORCHESTRATOR_TASK_STATES = ['CollectDiagnostics', 'EligibilityCheck', 'RequestApproval', 'Execute', 'ValidateRemediation', 'Rollback', 'Record'] as const;
export type OrchestratorTaskState = (typeof ORCHESTRATOR_TASK_STATES)[number];

export type AslDefinition = { StartAt: string; States: Record<string, Record<string, unknown>> } & Record<string, unknown>;

/** The YAML text with `${Name}` placeholders replaced (CDK uses DefinitionSubstitutions for the same names). */
export function loadOrchestratorDefinition(substitutions: Record<string, string> = {}): AslDefinition {
  const text = readFileSync(ORCHESTRATOR_ASL_PATH, 'utf8').replace(/\$\{([A-Za-z0-9]+)\}/g, (m, name: string) => substitutions[name] ?? m);
  return parse(text) as AslDefinition;
}

/** Placeholder ARNs for validation and the local runtime, where tasks are bound to local handlers. */
export function localSubstitutions(): Record<string, string> {
  return Object.fromEntries(ORCHESTRATOR_TASK_STATES.map((s) => [`${s}FunctionArn`, `arn:aws:lambda:us-east-1:123456789012:function:aiops-${s.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase())}-local`]));
}
