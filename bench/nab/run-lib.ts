import type { AnyDetector } from '../../src/core/anomaly/detectors/index.js';
import type { CorpusFile } from './corpus.js';

/** Streams every file of a corpus through a fresh detector state; times only the detector. */
export function runDetector(det: AnyDetector, corpus: readonly CorpusFile[], params: object = {}): { scores: Float64Array[]; seconds: number; points: number } {
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

