import { rangeExcess } from './range.js';

/** What the volatility break reads of the ensemble's parameters. */
export interface VolatilityParams {
  volWindow: number;
  volTolerance: number;
  volLow: boolean;
}

/** The last `volWindow` absolute differences, their sum, the min/max of their mean (plain JSON). */
export interface VolatilityState {
  buf: number[];
  pos: number;
  sum: number;
  min: number;
  max: number;
  prev: number;
  n: number;
}

export const createVolatility = (p: VolatilityParams, first: number): VolatilityState => ({
  buf: new Array<number>(p.volWindow).fill(0),
  pos: 0,
  sum: 0,
  min: 0,
  max: 0,
  prev: first,
  n: 0,
});

/**
 * Learns `x` and tells whether the mean of |x − previous x| over the last `volWindow` rows broke the
 * range of its own past values by more than `volTolerance` of that range (upwards, or downwards
 * with `volLow`): an abrupt change of spread inside the value range. `armed` false learns without
 * alarming (warm-up). The range follows the mean row by row, so a slowly drifting spread never
 * breaks it.
 */
export function stepVolatility(v: VolatilityState, p: VolatilityParams, x: number, armed: boolean): boolean {
  const w = p.volWindow;
  const d = Math.abs(x - v.prev);
  v.prev = x;
  v.sum += d - v.buf[v.pos]!;
  v.buf[v.pos] = d;
  v.pos = (v.pos + 1) % w;
  v.n++;
  if (v.n <= w) return false;
  const m = v.sum / w;
  if (v.n === w + 1) v.min = v.max = m;
  const direction = rangeExcess(v.min, v.max, m, p.volTolerance);
  const broke = armed && (direction > 0 || (p.volLow && direction < 0));
  if (m < v.min) v.min = m;
  if (m > v.max) v.max = m;
  return broke;
}
