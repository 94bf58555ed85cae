/**
 * bench:slo-platform — what SLO evaluation costs on the local platform: the default specs
 * (`slos/*.yaml`) evaluated every minute of platform time on the sandbox, through the feature's
 * metrics cache, as the scheduler runs it. Reports the first evaluation (whole windows read),
 * the steady per-minute evaluation of all SLOs, and platform minutes per wall second with and
 * without the SLO feature.
 *
 *   npm run bench:slo-platform [-- --minutes 120]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/adapters/local/clocks.js';
import { createLocalPlatform } from '../../src/app/platform.js';
import type { FeatureName } from '../../src/app/features/index.js';
import { argValue, finishBenchmark, peakRssMb } from '../lib/report.js';

const MIN = 60_000;
const minutes = Number(argValue('minutes', '120'));
const log = (msg: string) => process.stderr.write(`${msg}\n`);

const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

async function run(features: readonly FeatureName[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'aiops-bench-slo-'));
  const clock = new ManualClock('2026-11-23T10:00:00.000Z');
  const platform = await createLocalPlatform({ dataDir, clock, features });
  await platform.start();
  const slo = features.includes('slo') ? platform.features.slo : undefined;
  const out = { firstEvalMs: 0, evalCpuMs: [] as number[], tickCpuMs: 0, slos: 0 };
  try {
    if (slo) {
      // Backfills are their own concern (bench:slo measures them indirectly); here only evaluation.
      for (const s of await slo.list()) await slo.ensureBackfilled(s.id);
      out.slos = (await slo.list()).length;
      const cpu = process.cpuUsage();
      await slo.evaluate(undefined, { dryRun: true });
      out.firstEvalMs = cpuMs(cpu);
    }
    const tickCpu = process.cpuUsage();
    for (let m = 0; m < minutes; m++) {
      await clock.advance(MIN);
      await platform.tick();
      if (slo) {
        // The same evaluation the scheduler just ran, timed on its own (dry run: no state change).
        const cpu = process.cpuUsage();
        await slo.evaluate(undefined, { dryRun: true });
        out.evalCpuMs.push(cpuMs(cpu));
      }
    }
    out.tickCpuMs = cpuMs(tickCpu) - out.evalCpuMs.reduce((a, b) => a + b, 0);
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

const bare = await run([]);
log(`platform without SLOs: ${minutes} minutes in ${bare.tickCpuMs.toFixed(0)} ms CPU`);
const withSlo = await run(['slo']);
const sorted = [...withSlo.evalCpuMs].sort((a, b) => a - b);
const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
log(`first evaluation of ${withSlo.slos} SLOs: ${withSlo.firstEvalMs.toFixed(0)} ms CPU; then ${mean.toFixed(1)} ms CPU per minute (p95 ${p95.toFixed(1)})`);
log(`platform with SLOs: ${minutes} minutes in ${withSlo.tickCpuMs.toFixed(0)} ms CPU of ticks`);

finishBenchmark(
  'slo-platform',
  {
    config: { minutes, slos: withSlo.slos },
    first_eval_cpu_ms: withSlo.firstEvalMs,
    eval_cpu_ms: { mean, p95, max: sorted[sorted.length - 1] ?? 0 },
    tick_cpu_ms: { without_slo: bare.tickCpuMs / minutes, with_slo: withSlo.tickCpuMs / minutes },
  },
  {
    slos: withSlo.slos,
    eval_ms: mean,
    eval_p95_ms: p95,
    first_eval_ms: withSlo.firstEvalMs,
    platform_minutes_per_cpu_s: minutes / ((withSlo.tickCpuMs) / 1000),
    peak_rss_mb: peakRssMb(),
  },
);
