import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Peak resident set size so far, in MiB (Linux reports maxRSS in KiB). */
export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/**
 * Writes `bench/results/<name>.json` and prints the one-line `key=value` summary as the last line
 * (snake_case keys, plain numbers without units), as every benchmark must.
 */
export function finishBenchmark(name: string, results: unknown, summary: Record<string, number | string>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), JSON.stringify({ benchmark: name, at: new Date().toISOString(), summary, results }, null, 2));
  const line = Object.entries(summary)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? round(v) : v}`)
    .join(' ');
  process.stdout.write(`${line}\n`);
}

function round(v: number): number {
  if (!Number.isFinite(v)) return v;
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 1000) / 1000;
}

/** Reads `--flag value` pairs from argv. */
export function argValue(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
