import { describe, expect, it } from 'vitest';
import { loadNabCorpus, loadReferenceScores } from '../../../../bench/nab/corpus.js';
import { NAB_PROFILES } from './profiles.js';
import { scoreCorpus, scoreFileAt } from './scorer.js';

// Golden fixtures: the published per-row scores of two NAB detectors must reproduce the official scoreboard.
const corpus = loadNabCorpus();

describe('Function: scoreCorpus (NAB golden)', () => {
  it('loads the 58 files and their 116 windows', () => {
    expect(corpus).toHaveLength(58);
    expect(corpus.reduce((s, f) => s + f.windows.length, 0)).toBe(116);
    expect(corpus.reduce((s, f) => s + f.values.length, 0)).toBe(365558); // 365,551 by `wc -l`: seven files lack a final newline
  });

  const table = [
    { detector: 'contextOSE', standard: 69.8996, low_fp: 66.9771, low_fn: 73.1817 },
    { detector: 'randomCutForest', standard: 51.7171, low_fp: 38.3608, low_fn: 59.7488 },
  ];
  it.each(table)('reproduces the published $detector scoreboard to 4 decimals', ({ detector, standard, low_fp, low_fn }) => {
    const scores = loadReferenceScores(detector, corpus);
    const files = corpus.map((f, i) => ({ name: f.key, scores: scores[i]!, windows: f.windows }));
    const got = {
      standard: scoreCorpus(files, NAB_PROFILES.standard),
      low_fp: scoreCorpus(files, NAB_PROFILES.reward_low_FP_rate),
      low_fn: scoreCorpus(files, NAB_PROFILES.reward_low_FN_rate),
    };
    expect(got.standard.normalised.toFixed(4)).toBe(standard.toFixed(4));
    expect(got.low_fp.normalised.toFixed(4)).toBe(low_fp.toFixed(4));
    expect(got.low_fn.normalised.toFixed(4)).toBe(low_fn.toFixed(4));
    // Scoring each file at the chosen threshold and summing gives the sweep's corpus score.
    const perFile = files.reduce((s, f) => s + scoreFileAt(f, got.standard.threshold, NAB_PROFILES.standard), 0);
    expect(perFile).toBeCloseTo(got.standard.rawScore, 9);
  });
});
