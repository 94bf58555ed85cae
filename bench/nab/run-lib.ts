import { DETECTORS, getDetector, type AnyDetector } from '../../src/core/anomaly/detectors/index.js';
import type { ScoredFile } from '../../src/core/anomaly/nab/index.js';
import type { CorpusFile } from './corpus.js';

/** A detector named on the command line; an unknown id is an error that lists the known ones. */
export function detectorArg(id: string): AnyDetector {
  const det = getDetector(id);
  if (!det) throw new Error(`--detector / detector id: unknown "${id}" (known: ${DETECTORS.map((d) => d.id).join(', ')})`);
  return det;
}

export interface RunOptions {
  /**
   * One untimed pass first, as benchmark harnesses run a warm-up iteration: the engine compiles the
   * hot paths as it meets them, and a detection process runs for days, so the figure is the
   * steady-state throughput. `false` measures the first pass.
   */
  warmup?: boolean;
  /** Timed passes (the median is reported: single passes vary by ±25 % with GC and CPU noise)… */
  passes?: number;
  /** …unless the timed passes have already used this much CPU (slow detectors get fewer). */
  budgetSeconds?: number;
}

export interface DetectorRun {
  scores: Float64Array[];
  /** CPU seconds of the median timed pass. */
  seconds: number;
  points: number;
  passes: number;
}

/** Streams every file of a corpus through fresh detector states; times only the detector. Scores are identical in every pass. */
export function runDetector(det: AnyDetector, corpus: readonly CorpusFile[], params: object = {}, options: RunOptions = {}): DetectorRun {
  const { warmup = true, passes = 5, budgetSeconds = 10 } = options;
  if (warmup) onePass(det, corpus, params);
  const times: number[] = [];
  let spent = 0;
  let last: { scores: Float64Array[]; seconds: number };
  do {
    last = onePass(det, corpus, params);
    times.push(last.seconds);
    spent += last.seconds;
  } while (times.length < passes && spent < budgetSeconds);
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? times[times.length >> 1]! : (times[times.length / 2 - 1]! + times[times.length / 2]!) / 2;
  return { scores: last.scores, seconds: median, points: corpus.reduce((n, f) => n + f.values.length, 0), passes: times.length };
}

function onePass(det: AnyDetector, corpus: readonly CorpusFile[], params: object): { scores: Float64Array[]; seconds: number } {
  let seconds = 0;
  const scores = corpus.map((f) => {
    const out = new Float64Array(f.values.length);
    // CPU time, not wall time: the figure is points per second per core, even on a busy machine.
    const start = process.cpuUsage();
    const state = det.init(params);
    for (let i = 0; i < f.values.length; i++) out[i] = det.update(state, { t: f.timestamps[i]!, value: f.values[i]! }).score;
    const used = process.cpuUsage(start);
    seconds += (used.user + used.system) / 1e6;
    return out;
  });
  return { scores, seconds };
}

/** Options for design iterations, where only the scores matter. */
export const SCORES_ONLY: RunOptions = { warmup: false, passes: 1 };

/** The design tools' common step: the detector's scores on every file, ready for the scorer. */
export function scoredFiles(det: AnyDetector, corpus: readonly CorpusFile[], params: object): (ScoredFile & { category: string })[] {
  const run = runDetector(det, corpus, params, SCORES_ONLY);
  return corpus.map((f, i) => ({ name: f.key, category: f.category, scores: run.scores[i]!, windows: f.windows }));
}
