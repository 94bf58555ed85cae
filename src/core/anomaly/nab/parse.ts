import { ValidationError } from '../../shared/errors.js';

/**
 * Pure parsers for NAB's file formats. Reading files is the caller's job (bench, tests), so the
 * core stays free of I/O.
 */

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` (no zone) → epoch ms, read as UTC so parsing never depends on the host. */
export function parseNabTime(text: string): number {
  const s = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/.exec(s);
  if (!m) {
    const t = Date.parse(s);
    if (Number.isNaN(t)) throw new ValidationError('timestamp', `not a timestamp: ${s}`);
    return t;
  }
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

export interface SeriesTable {
  timestamps: number[];
  /** Named numeric columns, e.g. `value`, `anomaly_score`, `label`. */
  columns: Record<string, number[]>;
}

/** Parses a CSV with a header row whose first column is `timestamp`; other columns must be numeric. */
export function parseSeriesCsv(text: string): SeriesTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  if (header[0] !== 'timestamp') throw new ValidationError('header', 'first column must be timestamp');
  const names = header.slice(1);
  const columns: Record<string, number[]> = {};
  for (const n of names) columns[n] = [];
  const timestamps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    timestamps.push(parseNabTime(cells[0]!));
    for (let c = 0; c < names.length; c++) {
      const v = Number(cells[c + 1]);
      if (!Number.isFinite(v)) throw new ValidationError(`row ${i}.${names[c]}`, `not a number: ${cells[c + 1]}`);
      columns[names[c]!]!.push(v);
    }
  }
  return { timestamps, columns };
}

/** `combined_windows.json` → file key → list of [start, end] epoch-ms pairs. */
export function parseWindowsJson(text: string): Record<string, [number, number][]> {
  const raw = JSON.parse(text) as Record<string, [string, string][]>;
  const out: Record<string, [number, number][]> = {};
  for (const [k, list] of Object.entries(raw)) out[k] = list.map(([a, b]) => [parseNabTime(a), parseNabTime(b)]);
  return out;
}
