import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/core/anomaly/detectors/index.js';
import { NAB_PROFILES, eventMetrics, scoreCorpus } from '../../src/core/anomaly/nab/index.js';
import { loadLabelledFolder } from './corpus.js';
import { SCORES_ONLY, runDetector } from './run-lib.js';

const dir = mkdtempSync(join(tmpdir(), 'nab-labelled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 2000 rows of noise around 10 with a labelled spike run at rows 1500–1502. */
function writeSeries(path: string): void {
  const lines = ['timestamp,value,label'];
  for (let i = 0; i < 2000; i++) {
    const t = new Date(Date.UTC(2026, 0, 1) + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
    const spike = i >= 1500 && i <= 1502;
    lines.push(`${t},${spike ? 60 : 10 + Math.sin(i * 1.7) * 0.5},${spike ? 1 : 0}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('Function: loadLabelledFolder', () => {
  it('reads timestamp,value,label CSVs from nested folders and builds NAB-style windows', () => {
    mkdirSync(join(dir, 'cloud'), { recursive: true });
    writeSeries(join(dir, 'cloud', 'cpu.csv'));
    const corpus = loadLabelledFolder(dir);
    expect(corpus).toHaveLength(1);
    expect(corpus[0]).toMatchObject({ key: 'cloud/cpu.csv', category: 'cloud', name: 'cpu' });
    // length = floor(0.1 * 2000 / 1 event) = 200 → ±100 rows around the run
    expect(corpus[0]!.windows).toEqual([{ start: 1400, end: 1602 }]);
  });

  it('lets the production detector find the labelled event with no false alarm', () => {
    const corpus = loadLabelledFolder(dir);
    const run = runDetector(DETECTORS[0]!, corpus, {}, SCORES_ONLY);
    const files = corpus.map((f, i) => ({ name: f.key, scores: run.scores[i]!, windows: f.windows }));
    const std = scoreCorpus(files, NAB_PROFILES.standard);
    expect(std.normalised).toBeGreaterThan(80);
    expect(eventMetrics(files, std.threshold)).toMatchObject({ events: 1, detected: 1, falseAlarms: 0, f1: 1 });
  });

  it('names the folder when it does not exist', () => {
    expect(() => loadLabelledFolder(join(dir, 'missing'))).toThrow(/--data/);
  });
});
