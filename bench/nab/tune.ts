import { NAB_PROFILES, scoreCorpus } from '../../src/core/anomaly/nab/index.js';
import { loadNabCorpus } from './corpus.js';
import { detectorArg, scoredFiles } from './run-lib.js';

/**
 * Design-iteration helper: `tsx bench/nab/tune.ts <detector> '<json list of param sets>'` scores
 * each candidate set on the whole corpus (one set for all files, as in production).
 */
const [id = 'ensemble', list = '[{}]'] = process.argv.slice(2);
const det = detectorArg(id);
const corpus = loadNabCorpus();
for (const params of JSON.parse(list) as object[]) {
  const files = scoredFiles(det, corpus, params);
  const r = [NAB_PROFILES.standard, NAB_PROFILES.reward_low_FP_rate, NAB_PROFILES.reward_low_FN_rate].map((p) => scoreCorpus(files, p));
  process.stdout.write(`${r.map((x) => x.normalised.toFixed(2)).join(' / ')}  θ=${r.map((x) => x.threshold.toFixed(3)).join(',')}  ${JSON.stringify(params)}\n`);
}
