import type { SloWindow } from '../spec/model.js';

/** Start of the UTC calendar month containing `atMs` (exclusive end: an instant on the 1st at 00:00 belongs to the month before). */
export function calendarMonthStartMs(atMs: number): number {
  const d = new Date(atMs - 1);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function calendarMonthLengthMs(atMs: number): number {
  const start = new Date(calendarMonthStartMs(atMs));
  return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1) - start.getTime();
}

/** Where the SLO window that ends at `atMs` starts, and how long it is. */
export function sloWindowBounds(window: SloWindow, atMs: number): { startMs: number; lengthMs: number } {
  if (window.kind === 'rolling') return { startMs: atMs - window.durationMs, lengthMs: window.durationMs };
  return { startMs: calendarMonthStartMs(atMs), lengthMs: calendarMonthLengthMs(atMs) };
}
