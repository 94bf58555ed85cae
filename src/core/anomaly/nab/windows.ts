import { ValidationError } from '../../shared/errors.js';

/** A labelled window as row indices, both ends included. */
export interface RowWindow {
  start: number;
  end: number;
}

/** NAB's probationary period: `min(floor(0.15 n), 0.15 * 5000)` rows are never scored. */
export function probationRows(n: number): number {
  return Math.min(Math.floor(0.15 * n), 0.15 * 5000);
}

/** Maps `[start, end]` timestamp windows onto row indices (timestamps compared by parsed value). */
export function windowsToRows(timestamps: readonly number[], windows: readonly (readonly [number, number])[]): RowWindow[] {
  const index = new Map<number, number>();
  timestamps.forEach((t, i) => index.set(t, i));
  return windows.map(([a, b], w) => {
    const start = index.get(a);
    const end = index.get(b);
    if (start === undefined || end === undefined) throw new ValidationError(`windows.${w}`, 'window end is not a row timestamp');
    return { start, end };
  });
}

/** Maximal runs of rows whose label is 1: one run is one labelled event. */
export function labelEvents(labels: readonly number[]): RowWindow[] {
  const events: RowWindow[] = [];
  let start = -1;
  for (let i = 0; i <= labels.length; i++) {
    const on = i < labels.length && labels[i] === 1;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      events.push({ start, end: i - 1 });
      start = -1;
    }
  }
  return events;
}

/**
 * NAB's window recipe (SCORING.md §2) applied to point labels: each event (maximal run of
 * labelled rows) is one label; window length = floor(0.10 n / events) rows, centred on the event
 * (its first and last rows ± length/2), clipped to the file; windows starting inside the
 * probationary period are dropped and overlapping windows merged.
 */
export function windowsFromPointLabels(labels: readonly number[]): RowWindow[] {
  const n = labels.length;
  const events = labelEvents(labels);
  if (events.length === 0) return [];
  const length = Math.floor((0.1 * n) / events.length);
  const half = Math.floor(length / 2);
  const probation = probationRows(n);
  const raw = events.map((e) => ({ start: Math.max(0, e.start - half), end: Math.min(n - 1, e.end + half) })).filter((w) => w.start >= probation);
  const merged: RowWindow[] = [];
  for (const w of raw) {
    const last = merged[merged.length - 1];
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  return merged;
}
