/**
 * Cost of scheduled detection on the sandbox fleet: the first run's back-fill (all at once and
 * spread by `backfillPerRun`) and the steady 5-minute run, on the local platform's SQLite store.
 * Usage: npm run bench:detection [-- --budget 3 --runs 12]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../../src/adapters/local/clocks.js';
import { SqliteStore } from '../../src/adapters/local/sqlite-store.js';
import { Sandbox } from '../../src/adapters/sandbox/sandbox.js';
import { createDetectionService } from '../../src/app/detection/service.js';
import type { PlatformCore } from '../../src/app/features/core.js';
import { installDetection } from '../../src/app/features/detection.js';
import type { Doc } from '../../src/ports/store.js';
import { argValue, finishBenchmark, peakRssMb } from '../lib/report.js';

const START = '2026-11-23T10:00:00.000Z';
const budget = Number(argValue('budget', '3'));
const steadyRuns = Number(argValue('runs', '12'));

function world() {
  const dir = mkdtempSync(join(tmpdir(), 'aiops-bench-detect-'));
  const clock = new ManualClock(START);
  const sandbox = new Sandbox({ clock, seed: 42 });
  const store = new SqliteStore(join(dir, 'aiops.db'));
  return { dir, clock, sandbox, store };
}

// 1. Everything at once: what one run would cost without spreading.
const a = world();
const once = createDetectionService({ metrics: a.sandbox.metrics, store: a.store, clock: a.clock, emit: async () => {} });
let t = performance.now();
const first = await once.runOnce();
const firstRunMs = performance.now() - t;
const docs = await a.store.collection<Doc>('detectorState').find({ limit: 10_000 });
const stateBytes = docs.reduce((s, d) => s + JSON.stringify(d).length, 0);
await a.store.close();
rmSync(a.dir, { recursive: true, force: true });

// 2. The feature as the platform runs it: back-fill spread over runs, then steady runs.
const b = world();
const signals: unknown[] = [];
const jobs: { name: string; run: () => Promise<void> }[] = [];
const core = {
  store: b.store,
  clock: b.clock,
  sandbox: b.sandbox,
  dataDir: b.dir,
  scheduler: { add: (j: { name: string; run: () => Promise<void> }) => void jobs.push(j) },
  alerting: { ingest: async (s: unknown) => void signals.push(s) },
  log: () => {},
} as unknown as PlatformCore;
const feature = await installDetection(core, { backfillPerRun: budget });
const spread: { metrics: number; backfilled: number; ms: number }[] = [];
for (;;) {
  const r = await feature.runOnce();
  spread.push({ metrics: r.metrics, backfilled: r.backfilled, ms: r.ms });
  if (r.pending === 0) break;
  await b.clock.advance(300_000);
}
const steady: number[] = [];
for (let i = 0; i < steadyRuns; i++) {
  await b.clock.advance(300_000);
  t = performance.now();
  await feature.runOnce();
  steady.push(performance.now() - t);
}
await b.store.close();
rmSync(b.dir, { recursive: true, force: true });

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const spreadMs = spread.map((s) => s.ms);
finishBenchmark(
  'detection',
  { first, firstRunMs, stateBytes, spread, steady },
  {
    metrics: first.metrics,
    first_run_backfill_ms: firstRunMs,
    backfill_ms_per_metric: firstRunMs / first.metrics,
    budget_per_run: budget,
    spread_runs: spread.length,
    spread_max_run_ms: Math.max(...spreadMs),
    steady_run_ms: mean(steady),
    state_mb: stateBytes / 1e6,
    peak_rss_mb: peakRssMb(),
  },
);
