/**
 * MTTR rehearsal benchmark: every sandbox scenario on its own in-process platform with a manual
 * clock. Prints per scenario the virtual MTTD (fault → incident), virtual MTTR (incident open →
 * resolution, or → validated action for scenarios that cannot resolve on their own) and the wall
 * time, then p50/p95 over all rows. The `--only a,b` flag limits the run to some scenarios.
 *
 *   npm run bench:mttr
 */
import { SCENARIOS } from '../../src/adapters/sandbox/scenarios/index.js';
import { createRehearsalPlatform, rehearse, type RehearsalResult } from '../../src/app/remediation/rehearsal.js';
import { argValue, finishBenchmark, peakRssMb } from '../lib/report.js';

interface Row {
  scenario: string;
  runbook: string;
  passed: boolean;
  needsApproval: boolean;
  end: RehearsalResult['end'] | 'none';
  mttdSeconds: number | null;
  mttrSeconds: number | null;
  virtualMinutes: number;
  wallMs: number;
  failures: string[];
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least p % of the rows at or below it.
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const only = argValue('only')?.split(',');
const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.id));
const started = performance.now();
const rows: Row[] = [];
const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));

process.stdout.write(`${'scenario'.padEnd(30)} ${'result'.padEnd(6)} ${'end'.padEnd(10)} ${'mttd_s'.padStart(7)} ${'mttr_s'.padStart(7)} ${'virt_min'.padStart(8)} ${'wall_ms'.padStart(8)}\n`);
for (const s of scenarios) {
  const t0 = performance.now();
  const p = await createRehearsalPlatform(s.clockStart ? { clockStart: s.clockStart } : {});
  let r: RehearsalResult;
  try {
    r = await rehearse(p.platform, p.clock, s);
  } finally {
    await p.cleanup();
  }
  const row: Row = {
    scenario: s.id,
    runbook: s.expected.runbook,
    passed: r.passed,
    needsApproval: r.needsApproval,
    end: r.end ?? 'none',
    mttdSeconds: r.mttdSeconds ?? null,
    mttrSeconds: r.mttrSeconds ?? null,
    virtualMinutes: r.virtualMinutes,
    wallMs: Math.round(performance.now() - t0),
    failures: r.failures,
  };
  rows.push(row);
  process.stdout.write(
    `${s.id.padEnd(30)} ${(row.passed ? 'pass' : 'FAIL').padEnd(6)} ${String(row.end).padEnd(10)} ${fmt(row.mttdSeconds).padStart(7)} ${fmt(row.mttrSeconds).padStart(7)} ${String(row.virtualMinutes).padStart(8)} ${String(row.wallMs).padStart(8)}${row.failures.length ? `  ${row.failures.join('; ')}` : ''}\n`,
  );
}

const mttr = rows.filter((r) => r.mttrSeconds !== null).map((r) => r.mttrSeconds!);
const autoMttr = rows.filter((r) => r.mttrSeconds !== null && !r.needsApproval).map((r) => r.mttrSeconds!);
const mttd = rows.filter((r) => r.mttdSeconds !== null).map((r) => r.mttdSeconds!);
const wallS = (performance.now() - started) / 1000;
process.stdout.write(
  `mttd p50/p95 ${percentile(mttd, 50)}/${percentile(mttd, 95)} s; mttr p50/p95 ${percentile(mttr, 50)}/${percentile(mttr, 95)} s (auto-approved rows: ${percentile(autoMttr, 50)}/${percentile(autoMttr, 95)} s); peak RSS ${peakRssMb()} MiB\n`,
);
finishBenchmark('mttr', rows, {
  scenarios: rows.length,
  passed: rows.filter((r) => r.passed).length,
  failed: rows.filter((r) => !r.passed).length,
  mttd_p50_s: percentile(mttd, 50),
  mttd_p95_s: percentile(mttd, 95),
  mttr_p50_s: percentile(mttr, 50),
  mttr_p95_s: percentile(mttr, 95),
  mttr_auto_p95_s: percentile(autoMttr, 95),
  wall_s: wallS,
});
// A parked scheduled execution may still wait on a clock that no longer moves; the run is over.
process.exit(rows.every((r) => r.passed) ? 0 : 1);
