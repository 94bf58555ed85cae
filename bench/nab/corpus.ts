import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSeriesCsv, parseWindowsJson, windowsFromPointLabels, windowsToRows, type RowWindow } from '../../src/core/anomaly/nab/index.js';

/** The shared NAB data sits beside the repository: `<repo>/../shared/data/nab`. It is never copied in. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NAB_DIR = resolve(REPO_ROOT, '..', 'shared', 'data', 'nab');

export interface CorpusFile {
  /** `<category>/<name>.csv`, the key NAB uses. */
  key: string;
  category: string;
  name: string;
  timestamps: number[];
  values: number[];
  windows: RowWindow[];
}

function listCsv(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listCsv(p));
    else if (e.endsWith('.csv')) out.push(p);
  }
  return out;
}

/** The 58 NAB files with their official windows, in a stable order. */
export function loadNabCorpus(nabDir = NAB_DIR, only?: (key: string) => boolean): CorpusFile[] {
  const windows = parseWindowsJson(readFileSync(join(nabDir, 'labels', 'combined_windows.json'), 'utf8'));
  const dataDir = join(nabDir, 'data');
  return listCsv(dataDir)
    .map((p) => relative(dataDir, p).split('\\').join('/'))
    .filter((key) => (only ? only(key) : true))
    .map((key) => {
      const t = parseSeriesCsv(readFileSync(join(dataDir, key), 'utf8'));
      const [category = '', name = ''] = key.split('/');
      return { key, category, name: basename(name, '.csv'), timestamps: t.timestamps, values: t.columns.value ?? [], windows: windowsToRows(t.timestamps, windows[key] ?? []) };
    });
}

/** Any folder of `timestamp,value,label` CSVs (point labels); windows follow NAB's recipe. */
export function loadLabelledFolder(dir: string): CorpusFile[] {
  if (!existsSync(dir)) throw new Error(`--data: no such folder ${dir}`);
  return listCsv(dir).map((p) => {
    const key = relative(dir, p).split('\\').join('/');
    const t = parseSeriesCsv(readFileSync(p, 'utf8'));
    const parts = key.split('/');
    const category = parts.length > 1 ? parts.slice(0, -1).join('/') : 'data';
    const labels = t.columns.label ?? [];
    return { key, category, name: basename(p, '.csv'), timestamps: t.timestamps, values: t.columns.value ?? [], windows: windowsFromPointLabels(labels) };
  });
}

/** Published per-row scores of a NAB detector (`reference-scores/<detector>/<category>/<detector>_<name>.csv`). */
export function loadReferenceScores(detector: string, corpus: readonly CorpusFile[], nabDir = NAB_DIR): number[][] {
  return corpus.map((f) => {
    const t = parseSeriesCsv(readFileSync(join(nabDir, 'reference-scores', detector, f.category, `${detector}_${f.name}.csv`), 'utf8'));
    return t.columns.anomaly_score ?? [];
  });
}
