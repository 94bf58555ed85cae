import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './config.js';

export const ASL_PATH = join(REPO_ROOT, 'src', 'stepfunctions', 'remediation-orchestrator.asl.yaml');
export const PLACEHOLDER_ASL_PATH = join(REPO_ROOT, 'infra', 'test', 'fixtures', 'remediation-orchestrator.asl.yaml');
export const SSM_DIR = join(REPO_ROOT, 'scripts', 'ssm');

/** The orchestrator states backed by the remediation Lambda, in definition order. */
export const ORCHESTRATOR_TASK_STATES = ['CollectDiagnostics', 'EligibilityCheck', 'RequestApproval', 'Execute', 'ValidateRemediation', 'Rollback', 'Record'] as const;
export type OrchestratorTaskState = (typeof ORCHESTRATOR_TASK_STATES)[number];

/** `${CollectDiagnosticsFunctionArn}` etc.: the placeholders the one ASL file uses for its Lambdas. */
export const functionArnPlaceholder = (state: string): string => `${state}FunctionArn`;

export interface OrchestratorDefinition {
  json: string;
  source: string;
  placeholders: string[];
}

/**
 * Loads the one RemediationOrchestrator definition (YAML → JSON), the same file the local
 * platform runs. Until that file exists the placeholder fixture keeps the stacks synthesizable.
 */
export function loadOrchestratorDefinition(path = existsSync(ASL_PATH) ? ASL_PATH : PLACEHOLDER_ASL_PATH): OrchestratorDefinition {
  const text = readFileSync(path, 'utf8');
  const doc = parse(text) as unknown;
  if (!doc || typeof doc !== 'object' || !('States' in doc)) throw new Error(`${path}: not an Amazon States Language definition (no States)`);
  const json = JSON.stringify(doc);
  const placeholders = [...new Set([...json.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1] as string))];
  return { json, source: path, placeholders };
}

export interface SsmDocumentFile {
  /** `AIOps-RestartECSService` (the file name without .yaml). */
  name: string;
  content: Record<string, unknown>;
}

/** Every SSM Automation document in scripts/ssm/ (none yet is fine: the loop deploys what exists). */
export function loadSsmDocuments(dir = SSM_DIR): SsmDocumentFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: basename(f).replace(/\.ya?ml$/, ''), content: parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown> }));
}
