import { NAB_PROFILES, scoreCorpus } from '../../src/core/anomaly/nab/index.js';
import { loadNabCorpus } from './corpus.js';
import { detectorArg, scoredFiles } from './run-lib.js';

/**
 * Generalisation check for design iterations: `tsx bench/nab/categories.ts <detector> '<json list of
 * param sets>'` scores each set per NAB category (standard profile, each category normalised on
 * its own with its own threshold). A change tuned on the whole corpus that helps in most
 * categories is less likely to be an artefact of a few files than one that helps in one.
 */
const [id = 'ensemble', list = '[{}]'] = process.argv.slice(2);
const det = detectorArg(id);
const corpus = loadNabCorpus();
const categories = [...new Set(corpus.map((f) => f.category))].filter((c) => corpus.some((f) => f.category === c && f.windows.length > 0));
process.stdout.write(`${'params'.padEnd(40)} ${categories.map((c) => c.replace(/^(real|artificial)/, '').slice(0, 12).padStart(12)).join(' ')}\n`);
for (const params of JSON.parse(list) as object[]) {
  const files = scoredFiles(det, corpus, params);
  const cells = categories.map((c) => scoreCorpus(files.filter((f) => f.category === c), NAB_PROFILES.standard).normalised.toFixed(2).padStart(12));
  process.stdout.write(`${JSON.stringify(params).slice(0, 40).padEnd(40)} ${cells.join(' ')}\n`);
}
