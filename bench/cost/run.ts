/**
 * bench:cost — a generated account of 10,000 resources with 14 days of daily metrics and planted
 * waste of known monthly cost. Measures rule throughput, end-to-end analysis time, planted waste
 * found, false recommendations on busy resources and the savings estimate's error against truth.
 *
 *   npm run bench:cost [-- --resources 10000 --seed 7]
 */
import { argValue, finishBenchmark, peakRssMb } from '../lib/report.js';
import { createCostService } from '../../src/app/cost/service.js';
import { fakeCloud, fakeMetrics, manualClock, memoryStore } from '../../src/app/cost/testing/fakes.js';
import { DEFAULT_COST_CONFIG } from '../../src/core/cost/config.js';
import { evaluateResource } from '../../src/core/cost/evaluate.js';
import { bundledPriceSource } from '../../src/core/cost/prices/snapshot.js';
import type { Recommendation } from '../../src/core/cost/rule.js';
import { generateSpend, DEFAULT_ACCOUNTS, DEFAULT_SERVICE_MIX } from '../../src/core/cost/spend/generator.js';
import { generateWorld } from './world.js';

const total = Number(argValue('resources', '10000'));
const seed = Number(argValue('seed', '7'));
const NOW = Date.parse('2026-11-20T03:00:00Z');
const prices = bundledPriceSource();

const t0 = performance.now();
const world = generateWorld({ seed, total, now: NOW, prices });
const genS = (performance.now() - t0) / 1000;
process.stderr.write(`generated ${world.resources.length} resources, ${world.planted.length} planted (${genS.toFixed(2)} s)\n`);

// 1. Core: every rule on every resource.
const ctx = { now: NOW, config: DEFAULT_COST_CONFIG, prices };
const t1 = performance.now();
let evaluations = 0;
const recs: Recommendation[] = [];
const kinds: Record<string, number> = {};
for (const input of world.resources) {
  for (const v of evaluateResource(input, ctx)) {
    evaluations++;
    kinds[v.verdict.kind] = (kinds[v.verdict.kind] ?? 0) + 1;
    if (v.verdict.kind === 'recommendation') recs.push(v.verdict);
  }
}
const coreS = (performance.now() - t1) / 1000;

// 2. End to end: the use case over in-memory ports (store writes included).
const metricsByArn = new Map(world.resources.map((r) => [r.resource.arn, r.metrics]));
const service = createCostService({
  cloud: fakeCloud(world.resources.map((r) => r.resource)),
  metrics: fakeMetrics(new Map()),
  store: memoryStore(),
  clock: manualClock(NOW),
  emit: async () => undefined,
  spend: { getDailyCost: async (s, e) => generateSpend({ seed: 'bench', startDate: s, endDate: e, accounts: DEFAULT_ACCOUNTS, services: DEFAULT_SERVICE_MIX, growthPctPerMonth: 3, spikes: [{ service: 'AWS Lambda', date: '2026-11-17', factor: 3 }] }) },
  prices,
  dailyMetrics: async (resources) => new Map(resources.map((r) => [r.arn, metricsByArn.get(r.arn) ?? {}])),
});
const t2 = performance.now();
const summary = await service.analyze();
const analyzeS = (performance.now() - t2) / 1000;
const t3 = performance.now();
const report = await service.dailyReport();
const reportS = (performance.now() - t3) / 1000;

// 3. Score against the planted truth.
const plantedByKey = new Map(world.planted.map((p) => [`${p.ruleId}|${p.arn}`, p]));
const recByKey = new Map(recs.map((r) => [`${r.ruleId}|${r.resourceArn}`, r]));
const found = world.planted.filter((p) => recByKey.has(`${p.ruleId}|${p.arn}`));
const falseRecs = recs.filter((r) => !plantedByKey.has(`${r.ruleId}|${r.resourceArn}`));
const truthTotal = world.planted.reduce((a, p) => a + p.truthMonthlyUsd, 0);
const estFoundTotal = found.reduce((a, p) => a + recByKey.get(`${p.ruleId}|${p.arn}`)!.monthlySavingsUsd, 0);
const truthFoundTotal = found.reduce((a, p) => a + p.truthMonthlyUsd, 0);
const perRule: Record<string, { planted: number; found: number; falseRecs: number; truthUsd: number; estimatedUsd: number; errorPct: number }> = {};
for (const p of world.planted) {
  const e = (perRule[p.ruleId] ??= { planted: 0, found: 0, falseRecs: 0, truthUsd: 0, estimatedUsd: 0, errorPct: 0 });
  e.planted++;
  e.truthUsd += p.truthMonthlyUsd;
  const r = recByKey.get(`${p.ruleId}|${p.arn}`);
  if (r) {
    e.found++;
    e.estimatedUsd += r.monthlySavingsUsd;
  }
}
for (const r of falseRecs) (perRule[r.ruleId] ??= { planted: 0, found: 0, falseRecs: 0, truthUsd: 0, estimatedUsd: 0, errorPct: 0 }).falseRecs++;
for (const e of Object.values(perRule)) {
  e.truthUsd = Math.round(e.truthUsd * 100) / 100;
  e.estimatedUsd = Math.round(e.estimatedUsd * 100) / 100;
  e.errorPct = e.truthUsd > 0 ? Math.round(((e.estimatedUsd - e.truthUsd) / e.truthUsd) * 1000) / 10 : 0;
}
// Signed error of the total estimate against the total planted truth (missed waste counts as underestimate).
const savingsErrorPct = ((estFoundTotal - truthTotal) / truthTotal) * 100;

finishBenchmark(
  'cost',
  {
    resources: world.resources.length,
    evaluations,
    verdicts: kinds,
    coreSeconds: coreS,
    analyzeSeconds: analyzeS,
    reportSeconds: reportS,
    generateSeconds: genS,
    truthMonthlyUsd: Math.round(truthTotal * 100) / 100,
    estimatedMonthlyUsdOnFound: Math.round(estFoundTotal * 100) / 100,
    truthMonthlyUsdOnFound: Math.round(truthFoundTotal * 100) / 100,
    perRule,
    falseRecExamples: falseRecs.slice(0, 5).map((r) => ({ ruleId: r.ruleId, arn: r.resourceArn, title: r.title })),
    serviceSummary: { ...summary, errors: summary.errors.length },
    reportAnomalies: report.report.anomalies.map((a) => `${a.service} ${a.date}`),
    peakRssMb: peakRssMb(),
  },
  {
    resources: world.resources.length,
    planted: world.planted.length,
    found: found.length,
    false_recs: falseRecs.length,
    savings_error_pct: savingsErrorPct,
    evaluations_per_s: Math.round(evaluations / coreS),
    analyze_s: analyzeS,
    wall_s: (performance.now() - t0) / 1000,
  },
);
