/**
 * `npm run bench:rca`: root-cause accuracy (top-1 / top-3, in percent) over generated fault
 * scenarios with known causes, and log-mining throughput on ≥ 1 000 000 generated lines.
 * Flags: --seeds N (scenarios = 9 fault kinds × N, default 12), --lines N (default 1000000),
 * --rate N (log lines per minute per service in scenarios, default 30), --sandbox false (skip the
 * sandbox cases: the sandbox's scenarios and fault primitives with a known cause, each run on a
 * local platform through the wired RCA feature; reported separately as sandbox_top1/sandbox_top3).
 */
import { argValue, finishBenchmark, peakRssMb } from '../lib/report.js';
import { scenarioSpecs } from '../../src/core/rca/loggen/scenarios.js';
import { runAccuracy, scenarioCase } from './accuracy.js';
import { sandboxCases } from './sandbox.js';
import { measureThroughput } from './throughput.js';

const seeds = Number(argValue('seeds', '12'));
const lines = Number(argValue('lines', '1000000'));
const rate = Number(argValue('rate', '30'));
const withSandbox = argValue('sandbox', 'true') !== 'false';

process.stderr.write(`rca: mining throughput on ${lines} generated lines…\n`);
const throughput = measureThroughput(lines);
process.stderr.write(`rca: ${Math.round(throughput.linesPerSecCpu)} lines/s (CPU time), ${Math.round(throughput.linesPerSecWall)} lines/s (wall), ${throughput.templates} templates\n`);

const cases = scenarioSpecs(seeds).map(({ kind, seed }) => scenarioCase(kind, seed, { ratePerMinute: rate }));
process.stderr.write(`rca: ${cases.length} scenarios…\n`);
const accuracy = await runAccuracy(cases, (done, total) => {
  if (done % 9 === 0 || done === total) process.stderr.write(`rca: ${done}/${total}\n`);
});
const sandbox = withSandbox ? await runAccuracy(sandboxCases()) : undefined;
for (const r of [...accuracy.results, ...(sandbox?.results ?? [])]) if (r.rank !== 1) process.stderr.write(`rca: ${r.id} expected ${r.cause}, ranked ${r.ranked.map((x) => `${x.kind}:${x.confidence}`).join(' ')}\n`);

finishBenchmark(
  'rca',
  { throughput, accuracy: { top1: accuracy.top1, top3: accuracy.top3, byKind: accuracy.byKind, results: accuracy.results }, sandbox: sandbox ? { top1: sandbox.top1, top3: sandbox.top3, results: sandbox.results } : null, params: { seeds, lines, rate, sandbox: withSandbox } },
  { scenarios: cases.length, top1: accuracy.top1, top3: accuracy.top3, ...(sandbox ? { sandbox_cases: sandbox.results.length, sandbox_top1: sandbox.top1, sandbox_top3: sandbox.top3 } : {}), lines_per_s: Math.round(throughput.linesPerSecCpu), lines_per_s_wall: Math.round(throughput.linesPerSecWall), peak_rss_mb: peakRssMb() },
);
