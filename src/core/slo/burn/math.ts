/**
 * Error-budget arithmetic over good/total event series. Everything is a pure function of cumulative
 * sums, so any window's counts cost O(1) and a 30-day minute series is summed once per evaluation.
 */

/** Good and total events per step; step i covers [startMs + i·stepMs, startMs + (i+1)·stepMs). */
export interface EventSeries {
  startMs: number;
  stepMs: number;
  good: Float64Array;
  total: Float64Array;
}

/** Prefix sums of an EventSeries: `good[i]` is the number of good events in steps [0, i). */
export interface CumulativeEvents {
  startMs: number;
  stepMs: number;
  length: number;
  good: Float64Array;
  total: Float64Array;
}

export interface EventCounts {
  good: number;
  total: number;
}

export function cumulate(series: EventSeries): CumulativeEvents {
  const n = series.total.length;
  const good = new Float64Array(n + 1);
  const total = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const t = series.total[i] as number;
    // Good can never exceed total (noisy counters: Errors briefly above Invocations); clamp per step.
    const g = Math.min(Math.max(series.good[i] as number, 0), t);
    good[i + 1] = (good[i] as number) + g;
    total[i + 1] = (total[i] as number) + Math.max(t, 0);
  }
  return { startMs: series.startMs, stepMs: series.stepMs, length: n, good, total };
}

/** Events in steps [from, to), both clamped to the series. */
export function countsBetween(cum: CumulativeEvents, from: number, to: number): EventCounts {
  const a = Math.min(Math.max(from, 0), cum.length);
  const b = Math.min(Math.max(to, a), cum.length);
  return { good: (cum.good[b] as number) - (cum.good[a] as number), total: (cum.total[b] as number) - (cum.total[a] as number) };
}

/** Number of steps a window spans (at least one). */
export function windowSteps(windowMs: number, stepMs: number): number {
  return Math.max(1, Math.round(windowMs / stepMs));
}

/** Events in the `windowMs` that ends at step index `end` (exclusive). */
export function countsInWindow(cum: CumulativeEvents, end: number, windowMs: number): EventCounts {
  return countsBetween(cum, end - windowSteps(windowMs, cum.stepMs), end);
}

/** Share of bad events; 0 without events (no traffic burns no budget). */
export function errorRatio(c: EventCounts): number {
  if (c.total <= 0) return 0;
  return Math.max(0, c.total - c.good) / c.total;
}

/**
 * How fast the budget burns: the error ratio divided by the allowed error ratio (1 − target).
 * 1 spends exactly the budget over the SLO window; 14.4 spends 2 % of a 30-day budget in an hour.
 */
export function burnRate(c: EventCounts, target: number): number {
  return errorRatio(c) / (1 - target);
}

/**
 * Share of the error budget left: 1 − bad / ((1 − target) · total). 1 without events; negative
 * once the budget is overspent (shown as such, never clamped, so an overspend stays visible).
 */
export function budgetRemaining(c: EventCounts, target: number): number {
  if (c.total <= 0) return 1;
  const bad = Math.max(0, c.total - c.good);
  return 1 - bad / ((1 - target) * c.total);
}

/**
 * Time until the remaining budget is gone at a given burn rate: a burn rate of 1 spends a whole
 * budget in one SLO window, so `remaining · window / burnRate`. 0 when already spent, Infinity
 * when nothing burns.
 */
export function timeToExhaustionMs(remaining: number, rate: number, sloWindowMs: number): number {
  if (remaining <= 0) return 0;
  if (rate <= 0) return Infinity;
  return (remaining * sloWindowMs) / rate;
}
