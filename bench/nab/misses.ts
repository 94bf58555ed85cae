import { NAB_PROFILES, probationRows, scoreCorpus } from '../../src/core/anomaly/nab/index.js';
import { loadNabCorpus } from './corpus.js';
import { detectorArg, scoredFiles } from './run-lib.js';

/**
 * Design diagnostics: `tsx bench/nab/misses.ts <detector> '<params json>'` lists, at the standard
 * profile's threshold, every window (detected or not, the best score in it) and the false-positive
 * rows per file, so a design change can be judged by what it detects, not only by the total.
 */
const [id = 'ensemble', json = '{}'] = process.argv.slice(2);
const det = detectorArg(id);
const corpus = loadNabCorpus();
const files = scoredFiles(det, corpus, JSON.parse(json) as object);
const std = scoreCorpus(files, NAB_PROFILES.standard);
const θ = std.threshold;
let hit = 0;
let miss = 0;
let fps = 0;
for (const [i, f] of corpus.entries()) {
  const s = files[i]!.scores;
  const inWin = new Uint8Array(s.length);
  const parts: string[] = [];
  for (const w of f.windows) {
    let best = 0;
    let first = -1;
    for (let r = w.start; r <= w.end; r++) {
      inWin[r] = 1;
      if (s[r]! > best) best = s[r]!;
      if (first < 0 && s[r]! >= θ) first = r;
    }
    if (first >= 0) hit++;
    else miss++;
    parts.push(first >= 0 ? `hit@${(((first - w.start) / (w.end - w.start + 1)) * 100).toFixed(0)}%` : `MISS(${best.toFixed(2)})`);
  }
  let fp = 0;
  for (let r = probationRows(s.length); r < s.length; r++) if (!inWin[r] && s[r]! >= θ) fp++;
  fps += fp;
  process.stdout.write(`${f.key.padEnd(60)} n=${String(s.length).padStart(5)} fp=${fp} ${parts.join(' ')}\n`);
}
process.stdout.write(`θ=${θ.toFixed(3)} standard=${std.normalised.toFixed(2)} windows hit=${hit} missed=${miss} fp_rows=${fps}\n`);
