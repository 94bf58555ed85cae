import type { AnyDetector } from '../../src/core/anomaly/detectors/index.js';
import type { CorpusFile } from './corpus.js';

/**
 * Rows streamed untimed before measuring (default: one whole untimed pass, as benchmark harnesses
 * run a warm-up iteration): the engine compiles the hot paths as it meets them, and a detection
 * process runs for days, so the figure is the steady-state throughput. `0` measures the first pass.
 */
export const WARMUP_POINTS = Number.POSITIVE_INFINITY;

/** Streams every file of a corpus through a fresh detector state; times only the detector (after a warm-up). */
export function runDetector(det: AnyDetector, corpus: readonly CorpusFile[], params: object = {}, warmupPoints = WARMUP_POINTS): { scores: Float64Array[]; seconds: number; points: number } {
  warmUp(det, corpus, params, warmupPoints);
  let points = 0;
  let seconds = 0;
  const scores = corpus.map((f) => {
    const out = new Float64Array(f.values.length);
    // CPU time, not wall time: the figure is points per second per core, even on a busy machine.
    const start = process.cpuUsage();
    const state = det.init(params);
    for (let i = 0; i < f.values.length; i++) out[i] = det.update(state, { t: f.timestamps[i]!, value: f.values[i]! }).score;
    const used = process.cpuUsage(start);
    seconds += (used.user + used.system) / 1e6;
    points += f.values.length;
    return out;
  });
  return { scores, seconds, points };
}


/** Streams up to `budget` rows of the corpus through fresh states and discards the scores. */
function warmUp(det: AnyDetector, corpus: readonly CorpusFile[], params: object, budget: number): void {
  let left = budget;
  for (const f of corpus) {
    if (left <= 0) return;
    const state = det.init(params);
    const n = Math.min(f.values.length, left);
    for (let i = 0; i < n; i++) det.update(state, { t: f.timestamps[i]!, value: f.values[i]! });
    left -= n;
  }
}
