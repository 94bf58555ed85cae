import type { CostProfile } from './profiles.js';
import { probationRows, type RowWindow } from './windows.js';

/** One file as the scorer sees it: one anomaly score per row and its windows as row indices. */
export interface ScoredFile {
  name: string;
  scores: ArrayLike<number>;
  windows: readonly RowWindow[];
}

/** NAB's scaled sigmoid `2/(1+e^{5x}) - 1`, clamped to exactly -1 beyond x = 3 (as NAB does). */
export function scaledSigmoid(x: number): number {
  if (x > 3) return -1;
  return 2 / (1 + Math.exp(5 * x)) - 1;
}

const MAX_TP = scaledSigmoid(-1);

/**
 * Per-row sweep values (SCORING.md §4) and the window each row belongs to (-1 outside).
 * Rows in the probationary period are included here; callers skip them.
 */
export function rowValues(n: number, windows: readonly RowWindow[], profile: CostProfile): { value: Float64Array; window: Int32Array } {
  const value = new Float64Array(n);
  const window = new Int32Array(n).fill(-1);
  let w = 0;
  let prev: RowWindow | undefined;
  for (let i = 0; i < n; i++) {
    while (w < windows.length && windows[w]!.end < i) prev = windows[w++];
    const cur = windows[w];
    if (cur && i >= cur.start && i <= cur.end) {
      const width = cur.end - cur.start + 1;
      value[i] = (scaledSigmoid(-(cur.end - i + 1) / width) * profile.tp) / MAX_TP;
      window[i] = w;
    } else if (!prev) {
      value[i] = -profile.fp;
    } else {
      const width = prev.end - prev.start + 1;
      value[i] = scaledSigmoid(Math.abs(i - prev.end) / (width - 1)) * profile.fp;
    }
  }
  return { value, window };
}

export interface SweepResult {
  threshold: number;
  rawScore: number;
  windows: number;
  /** `100 (raw - rawNull) / (rawPerfect - rawNull)`; NaN when the corpus has no windows. */
  normalised: number;
  rawNull: number;
  rawPerfect: number;
}

interface Pooled {
  score: Float64Array;
  value: Float64Array;
  window: Int32Array;
  windowCount: number;
}

function pool(files: readonly ScoredFile[], profile: CostProfile, scoreOf: (f: ScoredFile, i: number) => number): Pooled {
  let total = 0;
  for (const f of files) total += f.scores.length - probationRows(f.scores.length);
  const score = new Float64Array(total);
  const value = new Float64Array(total);
  const window = new Int32Array(total);
  let k = 0;
  let windowBase = 0;
  for (const f of files) {
    const n = f.scores.length;
    const rv = rowValues(n, f.windows, profile);
    for (let i = probationRows(n); i < n; i++, k++) {
      score[k] = scoreOf(f, i);
      value[k] = rv.value[i]!;
      window[k] = rv.window[i]! < 0 ? -1 : windowBase + rv.window[i]!;
    }
    windowBase += f.windows.length;
  }
  return { score, value, window, windowCount: windowBase };
}

/** The exhaustive threshold sweep of SCORING.md §7: returns the best (threshold, raw score). */
function sweep(p: Pooled, profile: CostProfile): { threshold: number; rawScore: number } {
  const order = Array.from({ length: p.score.length }, (_, i) => i);
  order.sort((a, b) => p.score[b]! - p.score[a]!);
  const best = new Float64Array(p.windowCount).fill(Number.NEGATIVE_INFINITY);
  let current = -profile.fn * p.windowCount;
  let prevScore = 1.1;
  let bestThreshold = prevScore;
  let bestRaw = current;
  const record = (theta: number): void => {
    // Strictly greater: among equal corpus scores the first (highest) threshold wins, as NAB's stable sort does.
    if (current > bestRaw) {
      bestRaw = current;
      bestThreshold = theta;
    }
  };
  for (const r of order) {
    const s = p.score[r]!;
    if (s !== prevScore) {
      record(prevScore);
      prevScore = s;
    }
    const w = p.window[r]!;
    const v = p.value[r]!;
    if (w < 0) current += v;
    else if (best[w] === Number.NEGATIVE_INFINITY) {
      current += profile.fn + v;
      best[w] = v;
    } else if (v > best[w]!) {
      current += v - best[w]!;
      best[w] = v;
    }
  }
  record(prevScore);
  return { threshold: bestThreshold, rawScore: bestRaw };
}

/** Scores a corpus under one profile exactly as NAB does: one global threshold, then normalisation. */
export function scoreCorpus(files: readonly ScoredFile[], profile: CostProfile): SweepResult {
  const p = pool(files, profile, (f, i) => f.scores[i]!);
  const { threshold, rawScore } = sweep(p, profile);
  // The null detector (every row 0.5) goes through the same sweep, which is what NAB normalises against.
  const nullP: Pooled = { ...p, score: new Float64Array(p.score.length).fill(0.5) };
  const rawNull = sweep(nullP, profile).rawScore;
  const rawPerfect = p.windowCount * profile.tp;
  const normalised = p.windowCount === 0 ? Number.NaN : (100 * (rawScore - rawNull)) / (rawPerfect - rawNull);
  return { threshold, rawScore, windows: p.windowCount, normalised, rawNull, rawPerfect };
}

/** Raw NAB score of one file at a fixed threshold (SCORING.md §5). */
export function scoreFileAt(file: ScoredFile, threshold: number, profile: CostProfile): number {
  const n = file.scores.length;
  const rv = rowValues(n, file.windows, profile);
  const best = new Float64Array(file.windows.length).fill(Number.NEGATIVE_INFINITY);
  let fp = 0;
  for (let i = probationRows(n); i < n; i++) {
    if (file.scores[i]! < threshold) continue;
    const w = rv.window[i]!;
    if (w < 0) fp += rv.value[i]!;
    else best[w] = Math.max(best[w]!, rv.value[i]!);
  }
  let total = fp;
  for (const b of best) total += b === Number.NEGATIVE_INFINITY ? -profile.fn : b;
  return total;
}

export interface EventMetrics {
  events: number;
  detected: number;
  falseAlarms: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Event-level metrics at a threshold: an event (window) is detected if any alarm falls in it;
 * each maximal run of alarms outside every window is one false alarm. Probationary rows are skipped.
 */
export function eventMetrics(files: readonly ScoredFile[], threshold: number): EventMetrics {
  let events = 0;
  let detected = 0;
  let falseAlarms = 0;
  for (const f of files) {
    const n = f.scores.length;
    const inWindow = new Int32Array(n).fill(-1);
    f.windows.forEach((w, k) => {
      for (let i = w.start; i <= w.end; i++) inWindow[i] = k;
    });
    const hit = new Uint8Array(f.windows.length);
    let inRun = false;
    for (let i = probationRows(n); i < n; i++) {
      const alarm = f.scores[i]! >= threshold;
      const w = inWindow[i]!;
      if (alarm && w >= 0) hit[w] = 1;
      if (alarm && w < 0 && !inRun) falseAlarms++;
      inRun = alarm && w < 0;
    }
    events += f.windows.length;
    for (const h of hit) detected += h;
  }
  const precision = detected + falseAlarms === 0 ? 0 : detected / (detected + falseAlarms);
  const recall = events === 0 ? 0 : detected / events;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { events, detected, falseAlarms, precision, recall, f1 };
}
