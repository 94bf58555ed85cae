/**
 * The break test behind every range channel (value, moving average, volatility): where `v` lies
 * against the running range [lo, hi] widened by `tolerance` × (hi − lo) on each side. +1 above,
 * −1 below, 0 inside, or when the range is still empty (nothing to break yet).
 */
export function rangeExcess(lo: number, hi: number, v: number, tolerance: number): -1 | 0 | 1 {
  if (!(hi > lo)) return 0;
  const tol = tolerance * (hi - lo);
  if (v > hi + tol) return 1;
  if (v < lo - tol) return -1;
  return 0;
}
