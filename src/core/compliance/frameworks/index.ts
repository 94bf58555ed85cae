import type { ComplianceCheck, FrameworkId } from '../check.js';
import { CHECKS } from '../checks/index.js';
import { CIS_AWS_FOUNDATIONS_V3 } from './cisAwsFoundations.js';
import { AWS_FSBP } from './fsbp.js';

export { AWS_FSBP, CIS_AWS_FOUNDATIONS_V3 };

export interface Framework {
  id: FrameworkId;
  name: string;
  version: string;
  controls: Record<string, string>;
}

export const FRAMEWORKS: Record<FrameworkId, Framework> = { cis: CIS_AWS_FOUNDATIONS_V3, fsbp: AWS_FSBP };
export const FRAMEWORK_IDS = Object.keys(FRAMEWORKS) as FrameworkId[];

export function isFrameworkId(x: string): x is FrameworkId {
  return Object.hasOwn(FRAMEWORKS, x);
}

/** Mapping errors: check → control ids that the framework does not define (must be empty). */
export function danglingMappings(checks: readonly ComplianceCheck[] = CHECKS): { checkId: string; framework: string; control: string }[] {
  const out: { checkId: string; framework: string; control: string }[] = [];
  for (const c of checks)
    for (const [fw, controls] of Object.entries(c.frameworks))
      for (const control of controls ?? []) if (!isFrameworkId(fw) || !Object.hasOwn(FRAMEWORKS[fw].controls, control)) out.push({ checkId: c.id, framework: fw, control });
  return out;
}

/** Control id → the checks that evaluate it. Controls without checks are absent. */
export function controlChecks(framework: FrameworkId, checks: readonly ComplianceCheck[] = CHECKS): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const c of checks)
    for (const control of c.frameworks[framework] ?? []) {
      const list = map.get(control);
      if (list) list.push(c.id);
      else map.set(control, [c.id]);
    }
  return map;
}

export type ControlStatus = 'PASSED' | 'FAILED' | 'NOT_EVALUATED';

export interface ControlScore {
  control: string;
  title: string;
  status: ControlStatus;
  checks: string[];
  passed: number;
  failed: number;
}

export interface FrameworkScore {
  framework: FrameworkId;
  name: string;
  version: string;
  /** Passed / (passed + failed) controls, in percent; 100 when nothing could be evaluated. */
  score: number;
  controlsPassed: number;
  controlsFailed: number;
  controlsNotEvaluated: number;
  /** Controls of the framework that no check covers (manual or not implemented). */
  controlsWithoutChecks: number;
  controls: ControlScore[];
}

/**
 * Per-framework compliance score, as Security Hub computes it: a control passes when every
 * evaluation of its checks passed, fails when any failed, and is not evaluated without resources.
 */
export function frameworkScore(framework: FrameworkId, outcomes: readonly { checkId: string; status: string }[], checks: readonly ComplianceCheck[] = CHECKS): FrameworkScore {
  const perCheck = new Map<string, { passed: number; failed: number }>();
  for (const o of outcomes) {
    const t = perCheck.get(o.checkId) ?? { passed: 0, failed: 0 };
    if (o.status === 'PASS' || o.status === 'PASSED') t.passed++;
    else if (o.status === 'FAIL' || o.status === 'FAILED') t.failed++;
    perCheck.set(o.checkId, t);
  }
  return frameworkScoreFromCounts(framework, perCheck, checks);
}

/** The same score from per-check pass/fail counts (e.g. a stored scan report updated by later findings). */
export function frameworkScoreFromCounts(framework: FrameworkId, perCheck: ReadonlyMap<string, { passed: number; failed: number }>, checks: readonly ComplianceCheck[] = CHECKS): FrameworkScore {
  const fw = FRAMEWORKS[framework];
  const controls: ControlScore[] = [];
  for (const [control, ids] of controlChecks(framework, checks)) {
    let passed = 0;
    let failed = 0;
    for (const id of ids) {
      passed += perCheck.get(id)?.passed ?? 0;
      failed += perCheck.get(id)?.failed ?? 0;
    }
    controls.push({ control, title: fw.controls[control] ?? control, checks: ids, passed, failed, status: failed > 0 ? 'FAILED' : passed > 0 ? 'PASSED' : 'NOT_EVALUATED' });
  }
  controls.sort((a, b) => a.control.localeCompare(b.control, 'en', { numeric: true }));
  const controlsPassed = controls.filter((c) => c.status === 'PASSED').length;
  const controlsFailed = controls.filter((c) => c.status === 'FAILED').length;
  const evaluated = controlsPassed + controlsFailed;
  return {
    framework,
    name: fw.name,
    version: fw.version,
    score: evaluated === 0 ? 100 : Math.round((controlsPassed / evaluated) * 1000) / 10,
    controlsPassed,
    controlsFailed,
    controlsNotEvaluated: controls.length - evaluated,
    controlsWithoutChecks: Object.keys(fw.controls).length - controls.length,
    controls,
  };
}
