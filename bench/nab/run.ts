import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { argValue, finishBenchmark, hasFlag, peakRssMb } from '../lib/report.js';
import { DETECTORS, PRODUCTION_DETECTOR_ID } from '../../src/core/anomaly/detectors/index.js';
import { NAB_PROFILES, eventMetrics, scoreCorpus, type ScoredFile } from '../../src/core/anomaly/nab/index.js';
import { detectorArg, runDetector, type DetectorRun } from './run-lib.js';
import { NAB_DIR, loadLabelledFolder, loadNabCorpus, type CorpusFile } from './corpus.js';

/**
 * `npm run bench:nab [-- --data <dir>] [--scores-out <dir>] [--detector <id>] [--params <json>] [--smoke]`
 * Runs every registered detector over the NAB corpus (or a labelled folder), scores the three
 * profiles exactly as NAB does and prints the table beside the published scoreboard.
 */
const SMOKE_FILES = ['realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv', 'realKnownCause/machine_temperature_system_failure.csv', 'artificialWithAnomaly/art_daily_jumpsup.csv', 'artificialNoAnomaly/art_daily_small_noise.csv'];
const PUBLISHED = ['ARTime', 'numenta', 'contextOSE', 'htmjava', 'earthgeckoSkyline', 'knncad', 'relativeEntropy', 'randomCutForest', 'windowedGaussian', 'skyline', 'random', 'null'];

interface RunResult {
  detector: string;
  standard: number;
  low_fp: number;
  low_fn: number;
  thresholds: number[];
  aws_subset_standard: number;
  points_per_s: number;
  /** Timed passes behind points_per_s (the median one), after an untimed warm-up pass. */
  timed_passes: number;
  event?: ReturnType<typeof eventMetrics>;
}

function score(det: string, corpus: readonly CorpusFile[], run: DetectorRun, withEvents: boolean): RunResult {
  const { scores, seconds, points } = run;
  const files: ScoredFile[] = corpus.map((f, i) => ({ name: f.key, scores: scores[i]!, windows: f.windows }));
  const std = scoreCorpus(files, NAB_PROFILES.standard);
  const fp = scoreCorpus(files, NAB_PROFILES.reward_low_FP_rate);
  const fn = scoreCorpus(files, NAB_PROFILES.reward_low_FN_rate);
  const aws = files.filter((_, i) => corpus[i]!.category === 'realAWSCloudwatch');
  const awsStd = aws.length > 0 ? scoreCorpus(aws, NAB_PROFILES.standard).normalised : Number.NaN;
  return {
    detector: det,
    standard: std.normalised,
    low_fp: fp.normalised,
    low_fn: fn.normalised,
    thresholds: [std.threshold, fp.threshold, fn.threshold],
    aws_subset_standard: awsStd,
    points_per_s: points / Math.max(seconds, 1e-9),
    timed_passes: run.passes,
    ...(withEvents ? { event: eventMetrics(files, std.threshold) } : {}),
  };
}

function writeScores(dir: string, det: string, corpus: readonly CorpusFile[], scores: Float64Array[]): void {
  corpus.forEach((f, i) => {
    const out = join(dir, det, f.category);
    mkdirSync(out, { recursive: true });
    const s = scores[i]!;
    const lines = ['timestamp,value,anomaly_score'];
    for (let r = 0; r < f.values.length; r++) lines.push(`${new Date(f.timestamps[r]!).toISOString().replace('T', ' ').slice(0, 19)},${f.values[r]},${s[r]}`);
    writeFileSync(join(out, `${det}_${f.name}.csv`), `${lines.join('\n')}\n`);
  });
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(2).padStart(7) : '    n/a');

function main(): void {
  const dataDir = argValue('data');
  const only = argValue('detector');
  const params = JSON.parse(argValue('params') ?? '{}') as object;
  const scoresOut = argValue('scores-out');
  const smoke = hasFlag('smoke');
  const corpus = dataDir ? loadLabelledFolder(dataDir) : loadNabCorpus(NAB_DIR, smoke ? (k) => SMOKE_FILES.includes(k) : undefined);
  const total = corpus.reduce((s, f) => s + f.values.length, 0);
  process.stderr.write(`${dataDir ?? 'NAB'}: ${corpus.length} files, ${total} points, ${corpus.reduce((s, f) => s + f.windows.length, 0)} windows\n`);
  const detectors = only ? [detectorArg(only)] : DETECTORS;
  const results: RunResult[] = [];
  for (const det of detectors) {
    process.stderr.write(`running ${det.id}…\n`);
    const run = runDetector(det, corpus, det.id === PRODUCTION_DETECTOR_ID || only ? params : {});
    if (scoresOut) writeScores(scoresOut, det.id, corpus, run.scores);
    results.push(score(det.id, corpus, run, Boolean(dataDir)));
  }
  const published = JSON.parse(readFileSync(join(NAB_DIR, 'results', 'final_results.json'), 'utf8')) as Record<string, Record<string, number>>;
  const lines = [`${'detector'.padEnd(26)} standard  low_fp  low_fn   aws_std   points/s`];
  if (dataDir) lines[0] += '   event_P event_R event_F1';
  for (const r of results) {
    const ev = r.event ? `   ${fmt(r.event.precision)} ${fmt(r.event.recall)} ${fmt(r.event.f1)}` : '';
    lines.push(`${r.detector.padEnd(26)} ${fmt(r.standard)} ${fmt(r.low_fp)} ${fmt(r.low_fn)}   ${fmt(r.aws_subset_standard)} ${Math.round(r.points_per_s).toString().padStart(10)}${ev}`);
  }
  if (!dataDir && !smoke) {
    for (const name of PUBLISHED) {
      const p = published[name];
      if (p) lines.push(`${`(published) ${name}`.padEnd(26)} ${fmt(p.standard!)} ${fmt(p.reward_low_FP_rate!)} ${fmt(p.reward_low_FN_rate!)}`);
    }
  }
  process.stderr.write(`${lines.join('\n')}\n`);
  const prod = results.find((r) => r.detector === PRODUCTION_DETECTOR_ID) ?? results[0]!;
  const summary: Record<string, number | string> = {
    standard: prod.standard,
    low_fp: prod.low_fp,
    low_fn: prod.low_fn,
    aws_subset_standard: prod.aws_subset_standard,
    points_per_s: Math.round(prod.points_per_s),
    peak_rss_mb: peakRssMb(),
  };
  if (prod.event) Object.assign(summary, { event_precision: prod.event.precision, event_recall: prod.event.recall, event_f1: prod.event.f1 });
  finishBenchmark(smoke ? 'nab-smoke' : dataDir ? 'nab-data' : 'nab', { data: dataDir ?? 'NAB', files: corpus.length, points: total, results }, summary);
}

main();
