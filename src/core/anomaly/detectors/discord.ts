import { z } from 'zod';
import { clamp01, defineDetector, normalTail } from './types.js';

/**
 * Shape novelty by streaming discords (a left matrix profile with bounded memory).
 *
 * At each resolution the series is down-sampled by averaging `factor` rows (piecewise aggregate
 * approximation). Whenever a down-sampled point completes, the newest subsequence of `length`
 * points is z-normalised and compared with every earlier subsequence still in memory (the last
 * `memory` starts, trivial overlaps of `length / 2` excluded); its distance to the nearest one is
 * the "left matrix profile" value: small when this shape has been seen before, large for a shape
 * never seen (a discord), whatever its level. The dot products are updated incrementally along
 * the diagonals (STAMPI's recurrence, O(memory) per point) and recomputed exactly every
 * `recomputeEvery` points so rounding does not drift.
 *
 * Near-flat subsequences would make z-normalisation amplify noise, so standard deviations are
 * floored at `flatFraction` of the running range of the down-sampled series.
 *
 * Calibration (as Numenta's likelihood): the distance is compared with a Gaussian fitted to the
 * resolution's own last `historyWindow` distances; the tail probability Q maps to
 * `log(Q + 1e-10) / log(1e-10)`. The detector's score is the maximum over resolutions, emitted
 * on the row that completes a down-sampled point, then gated like the ensemble.
 */
export const DiscordChannelParams = z.object({
  factors: z.array(z.number().int().min(1).max(256)).min(1).max(6).default([1, 4, 16]),
  length: z.number().int().min(4).max(128).default(16),
  memory: z.number().int().min(16).max(8192).default(1024),
  flatFraction: z.number().min(0).max(1).default(0.02),
  historyWindow: z.number().int().min(20).max(20000).default(2000),
  minHistory: z.number().int().min(2).default(50),
  minStd: z.number().positive().default(0.05),
  recomputeEvery: z.number().int().min(1).default(64),
  /** Distances averaged before the likelihood (1 = the distance itself), as Numenta averages raw scores. */
  shortWindow: z.number().int().min(1).max(200).default(10),
});
export type DiscordChannelParams = z.infer<typeof DiscordChannelParams>;

/** One resolution's state (plain JSON). Rings are indexed by absolute position modulo their size. */
export interface DiscordChannel {
  factor: number;
  acc: number;
  accN: number;
  /** Down-sampled points so far, and the first one (subtracted from all, so dot products stay small). */
  k: number;
  /**
   * Absolute index of element 0 of the buffers below (length 2 × (memory + length)); when they
   * fill up the newer half moves to the front, so the hot loops index without a modulo.
   */
  base: number;
  ref: number;
  min: number;
  max: number;
  paa: number[];
  qt: number[];
  mu: number[];
  sd: number[];
  /** 1 / sd (0 for a constant subsequence), so the hot loop does not divide. */
  isd: number[];
  /** Whether qt holds the previous subsequence's dot products (else recompute). */
  qtValid: boolean;
  /** The latest nearest-neighbour distance in [0, 1] (0 before the first one). */
  last: number;
  recent: number[];
  recentPos: number;
  recentSum: number;
  hist: number[];
  histPos: number;
  histCount: number;
  histSum: number;
  histSumSq: number;
}

/** A packed (not holey) array of doubles, so the hot loops stay on V8's fast path. */
const zeros = (n: number): number[] => Array.from({ length: n }, () => 0.5 - 0.5);

export function createDiscordChannels(p: DiscordChannelParams): DiscordChannel[] {
  const cap = 2 * (p.memory + p.length);
  return p.factors.map((factor) => ({
    factor,
    acc: 0,
    accN: 0,
    k: 0,
    base: 0,
    ref: 0,
    min: 0,
    max: 0,
    paa: zeros(cap),
    qt: zeros(cap),
    mu: zeros(cap),
    sd: zeros(cap),
    isd: zeros(cap),
    qtValid: false,
    last: 0,
    recent: zeros(p.shortWindow),
    recentPos: 0,
    recentSum: 0,
    hist: zeros(p.historyWindow),
    histPos: 0,
    histCount: 0,
    histSum: 0,
    histSumSq: 0,
  }));
}

/** Nearest-neighbour distance of the newest subsequence (normalised to [0, 1]), or -1 if none yet. */
function newestDistance(c: DiscordChannel, p: DiscordChannelParams): number {
  const m = p.length;
  const j = c.k - m; // start of the newest subsequence (absolute)
  if (j < 0) return -1;
  const T = c.paa;
  const b0 = c.base;
  const jr = j - b0;
  let sum = 0;
  let sq = 0;
  for (let t = 0; t < m; t++) {
    const v = T[jr + t]!;
    sum += v;
    sq += v * v;
  }
  const muJ = sum / m;
  const sdJ = Math.sqrt(Math.max(0, sq / m - muJ * muJ));
  c.mu[jr] = muJ;
  c.sd[jr] = sdJ;
  c.isd[jr] = sdJ > 0 ? 1 / sdJ : 0;
  const hi = j - Math.max(1, m >> 1);
  const lo = Math.max(0, j - p.memory);
  if (hi < lo) {
    c.qtValid = false;
    return -1;
  }
  const qt = c.qt;
  const mu = c.mu;
  const sd = c.sd;
  const floor = Math.max(p.flatFraction * (c.max - c.min), 1e-12);
  const sJ = Math.max(sdJ, floor);
  const vJ = (sdJ * sdJ) / (sJ * sJ);
  const sLo = lo - b0;
  const sHi = hi - b0;
  // d² = m·(σ_s²/σ'_s² + σ_j²/σ'_j²) − 2·(QT − m·μ_s·μ_j)/(σ'_s·σ'_j), σ' the floored std
  const mMuJ = m * muJ;
  const invF = 1 / floor;
  const isd = c.isd;
  const twoOverSJ = 2 / sJ;
  let best = Infinity;
  if (!c.qtValid || j % p.recomputeEvery === 0 || lo === 0) {
    for (let s = sHi; s >= sLo; s--) {
      let q = 0;
      if (c.qtValid && s + b0 > 0) q = qt[s - 1]! - T[s - 1]! * T[jr - 1]! + T[s + m - 1]! * T[jr + m - 1]!;
      else for (let t = 0; t < m; t++) q += T[s + t]! * T[jr + t]!;
      qt[s] = q;
    }
    if (j % p.recomputeEvery === 0) {
      for (let s = sHi; s >= sLo; s--) {
        let q = 0;
        for (let t = 0; t < m; t++) q += T[s + t]! * T[jr + t]!;
        qt[s] = q;
      }
    }
    for (let s = sHi; s >= sLo; s--) {
      const sdS = sd[s]!;
      const d2 = sdS > floor ? m - twoOverSJ * isd[s]! * (qt[s]! - mMuJ * mu[s]!) : m * sdS * sdS * invF * invF - twoOverSJ * invF * (qt[s]! - mMuJ * mu[s]!);
      if (d2 < best) best = d2;
    }
  } else {
    // QT_j[s] = QT_{j−1}[s−1] − T[s−1]·T[j−1] + T[s+m−1]·T[j+m−1]; descending, so qt[s−1] is still the old one
    const a = T[jr - 1]!;
    const b = T[jr + m - 1]!;
    for (let s = sHi; s >= sLo; s--) {
      const q = qt[s - 1]! - T[s - 1]! * a + T[s + m - 1]! * b;
      qt[s] = q;
      const sdS = sd[s]!;
      const d2 = sdS > floor ? m - twoOverSJ * isd[s]! * (q - mMuJ * mu[s]!) : m * sdS * sdS * invF * invF - twoOverSJ * invF * (q - mMuJ * mu[s]!);
      if (d2 < best) best = d2;
    }
  }
  best += m * vJ;
  c.qtValid = true;
  return Math.sqrt(Math.max(0, best)) / (2 * Math.sqrt(m));
}

/**
 * Feeds one row to every resolution; returns the highest calibrated score among the resolutions
 * that completed a down-sampled point on this row (0 otherwise).
 */
export function stepDiscord(channels: DiscordChannel[], p: DiscordChannelParams, x: number): number {
  let out = 0;
  const half = p.memory + p.length;
  for (const c of channels) {
    c.acc += x;
    if (++c.accN < c.factor) continue;
    let v = c.acc / c.factor;
    c.acc = 0;
    c.accN = 0;
    if (c.k === 0) {
      c.ref = v;
      c.min = c.max = 0;
    }
    v -= c.ref;
    if (v < c.min) c.min = v;
    if (v > c.max) c.max = v;
    if (c.k - c.base === 2 * half) {
      for (const buf of [c.paa, c.qt, c.mu, c.sd, c.isd]) buf.copyWithin(0, half, 2 * half);
      c.base += half;
    }
    c.paa[c.k - c.base] = v;
    c.k++;
    const dist = newestDistance(c, p);
    if (dist < 0) continue;
    c.last = dist;
    c.recentSum += dist - c.recent[c.recentPos]!;
    c.recent[c.recentPos] = dist;
    c.recentPos = (c.recentPos + 1) % p.shortWindow;
    const d = c.histCount + 1 >= p.shortWindow ? c.recentSum / p.shortWindow : dist;
    if (c.histCount >= p.minHistory) {
      const mean = c.histSum / c.histCount;
      const std = Math.max(Math.sqrt(Math.max(0, c.histSumSq / c.histCount - mean * mean)), p.minStd);
      const score = Math.log(normalTail((d - mean) / std) + 1e-10) / Math.log(1e-10);
      if (score > out) out = score;
    }
    const old = c.hist[c.histPos]!;
    if (c.histCount === p.historyWindow) {
      c.histSum -= old;
      c.histSumSq -= old * old;
    } else c.histCount++;
    c.hist[c.histPos] = d;
    c.histSum += d;
    c.histSumSq += d * d;
    c.histPos = (c.histPos + 1) % p.historyWindow;
  }
  return out;
}

const Params = DiscordChannelParams.extend({
  warmupRows: z.number().int().min(0).default(150),
  alarmLevel: z.number().min(0).max(1).default(0.5),
  restRows: z.number().int().min(0).default(100),
});
export type DiscordParams = z.infer<typeof Params>;

export interface DiscordState {
  params: DiscordParams;
  n: number;
  min: number;
  max: number;
  channels: DiscordChannel[];
  rest: number;
}

export default defineDetector<DiscordParams, DiscordState>({
  id: 'discord',
  title: 'Shape novelty (streaming multi-resolution discords)',
  summary: 'Distance of the newest z-normalised subsequence to its nearest earlier one, at several down-sampling factors, as a likelihood.',
  kind: 'univariate',
  schema: Params,
  create: (params) => ({ params, n: 0, min: 0, max: 0, channels: createDiscordChannels(params), rest: 0 }),
  update(s, { value: x }) {
    const p = s.params;
    s.n++;
    if (s.n === 1) s.min = s.max = x;
    if (x < s.min) s.min = x;
    if (x > s.max) s.max = x;
    let score = stepDiscord(s.channels, p, x);
    if (s.n <= p.warmupRows) score = 0;
    if (s.rest > 0) {
      s.rest--;
      score = 0;
    } else if (score >= p.alarmLevel) s.rest = p.restRows;
    // The band is the range seen so far: this detector judges shape, not level.
    return { score: clamp01(score), expected: x, lower: s.min, upper: s.max };
  },
});
