/**
 * bench:scan — evaluates every compliance check over a generated, labelled inventory and measures
 * throughput (pure evaluation) and wall time (a full scan through the use case, findings included),
 * plus correctness: every planted violation found, no finding on compliant resources.
 */
import { createComplianceService } from '../../src/app/compliance/complianceService.js';
import { FakeCloud } from '../../src/app/compliance/testing/fakeCloud.js';
import { ManualClock } from '../../src/app/compliance/testing/manualClock.js';
import { createMemoryStore } from '../../src/app/compliance/testing/memoryStore.js';
import { CHECKS, evaluateResources } from '../../src/core/compliance/index.js';
import { argValue, finishBenchmark, peakRssMb } from '../lib/report.js';
import { BENCH_NOW, generateInventory } from './inventory.js';

const n = Number(argValue('resources', '10000'));
const seed = Number(argValue('seed', '42'));
const rounds = Number(argValue('rounds', '5'));

const { resources, expected, plantedResources } = generateInventory(n, seed);

// Throughput: pure evaluation; each round gets fresh records so state parsing is measured too.
const times: number[] = [];
let last: ReturnType<typeof evaluateResources> | undefined;
// Copies are made before timing so the clone's garbage does not land in the measured rounds.
const copies: (typeof resources | undefined)[] = Array.from({ length: rounds }, () => structuredClone(resources));
for (let r = 0; r < rounds; r++) {
  const copy = copies[r]!;
  copies[r] = undefined;
  const t0 = performance.now();
  last = evaluateResources(copy, { now: BENCH_NOW });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const medianMs = times[Math.floor(times.length / 2)]!;
const result = last!;

// Correctness against the labels.
const reported = new Set(result.outcomes.filter((o) => o.status === 'FAIL').map((o) => `${o.checkId}|${o.resourceArn}`));
const found = [...expected].filter((k) => reported.has(k)).length;
const falseFindings = [...reported].filter((k) => !expected.has(k));
const missed = [...expected].filter((k) => !reported.has(k));

// Wall time of a full scan through the use case: inventory read, evaluation, findings reconciled and signals emitted.
const clock = new ManualClock(BENCH_NOW);
let signals = 0;
const service = createComplianceService({ cloud: new FakeCloud(resources), store: createMemoryStore(), clock, emit: async () => void signals++ });
const w0 = performance.now();
const report = await service.scan();
const wallMs = performance.now() - w0;
const w1 = performance.now();
const rescan = await service.scan();
const rescanMs = performance.now() - w1;

finishBenchmark(
  'scan',
  {
    resources: n,
    seed,
    checks: CHECKS.length,
    evaluations: result.evaluated,
    roundsMs: times,
    evaluation: { passed: result.passed, failed: result.failed, notApplicable: result.notApplicable, errors: result.errors },
    plantedResources,
    plantedFailures: expected.size,
    found,
    missed: missed.slice(0, 20),
    falseFindings: falseFindings.slice(0, 20),
    serviceScan: { wallMs, rescanMs, opened: report.changes.opened, signals, rescanChanges: rescan.changes, scores: report.scores.map((s) => ({ framework: s.framework, score: s.score })) },
    peakRssMb: peakRssMb(),
    // The figures depend on machine load; record it with them.
    loadAverage1m: (await import('node:os')).loadavg()[0],
  },
  {
    resources: n,
    checks: CHECKS.length,
    evaluations_per_s: Math.round(result.evaluated / (medianMs / 1000)),
    wall_s: wallMs / 1000,
    planted: expected.size,
    found,
    false_findings: falseFindings.length,
  },
);
