import { createRcaService } from '../../src/app/rca/index.js';
import { manualClock, memoryStore, scenarioPorts } from '../../src/app/rca/testing/fakes.js';
import { FAULT_CAUSES, type FaultKind } from '../../src/core/rca/loggen/faults.js';
import { buildScenario, type ScenarioOptions } from '../../src/core/rca/loggen/scenarios.js';
import type { RcaReport } from '../../src/core/rca/report.js';
import type { CauseKind } from '../../src/core/rca/taxonomy.js';

/**
 * One RCA case with a known cause. The generated scenarios provide these; the sandbox's own fault
 * scenarios can be added by wrapping them the same way (analyze = run RCA on the sandbox incident).
 */
export interface AccuracyCase {
  id: string;
  kind: string;
  cause: CauseKind;
  analyze: () => Promise<RcaReport>;
}

export interface CaseResult {
  id: string;
  kind: string;
  cause: CauseKind;
  ranked: { kind: CauseKind; confidence: number }[];
  rank: number | null;
  lines: number;
}

/** A generated scenario analysed through the real use case, over fake Logs/Cloud ports (built only when analysed). */
export function scenarioCase(kind: FaultKind, seed: number, options: ScenarioOptions = {}): AccuracyCase {
  return {
    id: `${kind}#${seed}`,
    kind,
    cause: FAULT_CAUSES[kind],
    analyze: async () => {
      const s = buildScenario(kind, seed, options);
      const { logs, cloud } = scenarioPorts(s);
      const service = createRcaService({ logs, cloud, store: memoryStore(), clock: manualClock(s.nowMs) });
      return service.analyze(s.incident, { anomalies: s.anomalies, topology: [...s.topology] });
    },
  };
}

export async function runAccuracy(cases: readonly AccuracyCase[], onProgress?: (done: number, total: number) => void): Promise<{ results: CaseResult[]; top1: number; top3: number; byKind: Record<string, { n: number; top1: number; top3: number }> }> {
  const results: CaseResult[] = [];
  const byKind: Record<string, { n: number; top1: number; top3: number }> = {};
  for (const c of cases) {
    const report = await c.analyze();
    const ranked = report.causes.map((x) => ({ kind: x.kind, confidence: Math.round(x.confidence * 1000) / 1000 }));
    const idx = ranked.findIndex((x) => x.kind === c.cause);
    results.push({ id: c.id, kind: c.kind, cause: c.cause, ranked: ranked.slice(0, 5), rank: idx >= 0 ? idx + 1 : null, lines: report.lines.baseline + report.lines.incident });
    const k = (byKind[c.kind] ??= { n: 0, top1: 0, top3: 0 });
    k.n++;
    if (idx === 0) k.top1++;
    if (idx >= 0 && idx < 3) k.top3++;
    onProgress?.(results.length, cases.length);
  }
  const n = Math.max(1, results.length);
  return { results, top1: (100 * results.filter((r) => r.rank === 1).length) / n, top3: (100 * results.filter((r) => r.rank !== null && r.rank <= 3).length) / n, byKind };
}
