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
 * floored at `flatFraction` of the running range of the down-sampled series (rounded down to a
 * power of two, so the floor moves only when the range doubles).
 *
 * Calibration (the ensemble's likelihood recipe): the mean of the last `shortWindow` distances is
 * compared with a Gaussian whose mean and variance are exponentially weighted over about
 * `historyWindow` distances (std floored at `minStd`); the tail probability Q maps to
 * `log(Q + 1e-10) / log(1e-10)`. The score of a row is the maximum over the resolutions that
 * completed a down-sampled point on it.
 *
 * Persisted state: only the down-sampled values and a few scalars per resolution (about 1,000
 * numbers). Everything derived (dot products, means, deviations) lives in a cache rebuilt from
 * them after a JSON round trip by replaying the same arithmetic since the last exact recompute,
 * so a resumed detector continues bit for bit as an uninterrupted one.
 */
export const DiscordChannelParams = z.object({
  factors: z.array(z.number().int().min(1).max(256)).min(1).max(6).default([8, 16]),
  length: z.number().int().min(4).max(128).default(16),
  memory: z.number().int().min(16).max(8192).default(384),
  flatFraction: z.number().min(0).max(1).default(0.02),
  historyWindow: z.number().int().min(20).max(20000).default(2000),
  minHistory: z.number().int().min(2).default(50),
  /** Candidates a subsequence needs before its distance counts (with few, every shape looks new). */
  minCandidates: z.number().int().min(1).default(64),
  minStd: z.number().positive().default(0.05),
  recomputeEvery: z.number().int().min(1).max(4096).default(128),
  /** Distances averaged before the likelihood (1 = the distance itself), as Numenta averages raw scores. */
  shortWindow: z.number().int().min(1).max(200).default(10),
  /**
   * After a score ≥ 0.5 a resolution stays silent (still learning) for length + shortWindow points,
   * while its subsequences and their average still contain the alarm's shape: one shape, one alarm.
   */
  quietSpan: z.boolean().default(true),
});
export type DiscordChannelParams = z.infer<typeof DiscordChannelParams>;

/** Extra room in the value buffer, so it moves its contents only every SLACK points. */
const SLACK = 256;

/** One resolution's persisted state (plain JSON). */
export interface DiscordChannel {
  factor: number;
  acc: number;
  accN: number;
  /** Down-sampled points so far, and the first one (subtracted from all, so dot products stay small). */
  k: number;
  ref: number;
  min: number;
  max: number;
  /** Absolute index of `paa[0]`; the buffer keeps the last memory + length + recomputeEvery values. */
  base: number;
  paa: number[];
  /** The latest nearest-neighbour distance in [0, 1] (0 before the first one). */
  last: number;
  recent: number[];
  recentPos: number;
  recentSum: number;
  histCount: number;
  histMean: number;
  histVar: number;
  /** Down-sampled points this resolution stays silent for (quietSpan). */
  quiet: number;
}

/** Derived per-subsequence data, aligned with `paa` (same base). */
interface Derived {
  /** A typed copy of `paa` (the hot loops run faster on it). */
  T: Float64Array;
  /**
   * Per subsequence r, interleaved at Z[4r …]: the dot product QT with the current subsequence,
   * then w = 1/σ', e = μ·w, v = m·σ²/σ'² for the current flat floor (σ' = max(σ, floor)). One
   * array, neighbouring fields: the hot loop touches one cache line and one bounds check per row.
   */
  Z: Float64Array;
  mu: Float64Array;
  sd: Float64Array;
  floor: number;
  /** The subsequence start whose dot products `qt` holds (−1: none). */
  jValid: number;
}
const derivedCache = new WeakMap<DiscordChannel, Derived>();

const span = (p: DiscordChannelParams): number => p.memory + p.length + p.recomputeEvery;

export function createDiscordChannels(p: DiscordChannelParams): DiscordChannel[] {
  return p.factors.map((factor) => ({
    factor,
    acc: 0,
    accN: 0,
    k: 0,
    ref: 0,
    min: 0,
    max: 0,
    base: 0,
    paa: new Array<number>(span(p) + SLACK).fill(0),
    last: 0,
    recent: new Array<number>(p.shortWindow).fill(0),
    recentPos: 0,
    recentSum: 0,
    histCount: 0,
    histMean: 0,
    histVar: 0,
    quiet: 0,
  }));
}

function muSd(c: DiscordChannel, d: Derived, m: number, r: number): void {
  let sum = 0;
  let sq = 0;
  for (let t = 0; t < m; t++) {
    const v = d.T[r + t]!;
    sum += v;
    sq += v * v;
  }
  const mu = sum / m;
  d.mu[r] = mu;
  d.sd[r] = Math.sqrt(Math.max(0, sq / m - mu * mu));
}

function normalise(d: Derived, r: number, floor: number, m: number): void {
  const sd = d.sd[r]!;
  const s = sd > floor ? sd : floor;
  d.Z[4 * r + 1] = 1 / s;
  d.Z[4 * r + 2] = d.mu[r]! / s;
  d.Z[4 * r + 3] = (m * sd * sd) / (s * s);
}

/**
 * QT_j[s] = QT_{j−1}[s−1] − T[s−1]·T[j−1] + T[s+m−1]·T[j+m−1] for s from hi down to lo (so
 * qt[s−1] is still the previous subsequence's), and the smallest d² − v_j among them. The hot
 * loop, kept in its own small function so the engine optimises it alone.
 */
function diagonalPass(T: Float64Array, Z: Float64Array, lo: number, hi: number, jr: number, m: number, twoWJ: number, mMuJ: number): number {
  const a = T[jr - 1]!;
  const b = T[jr + m - 1]!;
  const off = m - 1;
  let best = Infinity;
  let best2 = Infinity;
  let s = hi;
  // two candidates per turn: two independent minimum chains keep the CPU's pipelines busier
  for (; s > lo; s -= 2) {
    const z = 4 * s;
    const q = Z[z - 4]! - T[s - 1]! * a + T[s + off]! * b;
    Z[z] = q;
    const q2 = Z[z - 8]! - T[s - 2]! * a + T[s + off - 1]! * b;
    Z[z - 4] = q2;
    const d2 = Z[z + 3]! - twoWJ * (Z[z + 1]! * q - mMuJ * Z[z + 2]!);
    const d22 = Z[z - 1]! - twoWJ * (Z[z - 3]! * q2 - mMuJ * Z[z - 2]!);
    if (d2 < best) best = d2;
    if (d22 < best2) best2 = d22;
  }
  if (s === lo) {
    const z = 4 * s;
    const q = Z[z - 4]! - T[s - 1]! * a + T[s + off]! * b;
    Z[z] = q;
    const d2 = Z[z + 3]! - twoWJ * (Z[z + 1]! * q - mMuJ * Z[z + 2]!);
    if (d2 < best) best = d2;
  }
  return best < best2 ? best : best2;
}

/**
 * Dot products of subsequence j with its candidates [lo, hi] (exactly, or by the diagonal
 * recurrence from j − 1) and the smallest squared distance among them (before adding v_j).
 */
function advance(c: DiscordChannel, d: Derived, p: DiscordChannelParams, j: number): number {
  const m = p.length;
  const { T, Z } = d;
  const b0 = c.base;
  const jr = j - b0;
  const hi = j - Math.max(1, m >> 1);
  const lo = Math.max(0, j - p.memory);
  if (hi < lo) {
    d.jValid = -1;
    return Infinity;
  }
  const sLo = lo - b0;
  const sHi = hi - b0;
  // d² = v_s + v_j − 2·w_j·(w_s·QT − m·μ_j·e_s): the z-normalised distance with floored σ
  const wJ = Z[4 * jr + 1]!;
  const twoWJ = 2 * wJ;
  const mMuJ = m * d.mu[jr]!;
  let best = Infinity;
  if (d.jValid !== j - 1 || j % p.recomputeEvery === 0) {
    for (let s = sHi; s >= sLo; s--) {
      let q = 0;
      for (let t = 0; t < m; t++) q += T[s + t]! * T[jr + t]!;
      const z = 4 * s;
      Z[z] = q;
      const d2 = Z[z + 3]! - twoWJ * (Z[z + 1]! * q - mMuJ * Z[z + 2]!);
      if (d2 < best) best = d2;
    }
  } else {
    const first = lo === 0 ? sLo + 1 : sLo;
    best = diagonalPass(T, Z, first, sHi, jr, m, twoWJ, mMuJ);
    if (lo === 0) {
      // the very first subsequence has no predecessor on its diagonal
      let q = 0;
      for (let t = 0; t < m; t++) q += T[sLo + t]! * T[jr + t]!;
      const z = 4 * sLo;
      Z[z] = q;
      const d2 = Z[z + 3]! - twoWJ * (Z[z + 1]! * q - mMuJ * Z[z + 2]!);
      if (d2 < best) best = d2;
    }
  }
  d.jValid = j;
  return best;
}

/** Rebuilds the derived data of a channel as it stood after subsequence `j − 1` (fresh or resumed state). */
function rebuild(c: DiscordChannel, p: DiscordChannelParams, j: number): Derived {
  const n = c.paa.length;
  const d: Derived = { T: Float64Array.from(c.paa), Z: new Float64Array(4 * n), mu: new Float64Array(n), sd: new Float64Array(n), floor: Number.NaN, jValid: -1 };
  for (let s = Math.max(0, c.base); s < j; s++) muSd(c, d, p.length, s - c.base);
  const excl = Math.max(1, p.length >> 1);
  const start = Math.max(excl, j - 1 - ((j - 1) % p.recomputeEvery), c.base);
  for (let t = start; t < j; t++) advance(c, d, p, t);
  derivedCache.set(c, d);
  return d;
}

/** Nearest-neighbour distance of the newest subsequence (normalised to [0, 1]), or −1 if none yet. */
function newestDistance(c: DiscordChannel, p: DiscordChannelParams): number {
  const m = p.length;
  const j = c.k - m;
  if (j < 0) return -1;
  const d = derivedCache.get(c) ?? rebuild(c, p, j);
  const jr = j - c.base;
  muSd(c, d, m, jr);
  // the range rounded down to a power of two: the floor (and every subsequence's normalisation)
  // changes only when the range has doubled, not at every new extreme of a trending series
  const range = c.max - c.min;
  const floor = range > 0 ? Math.max(p.flatFraction * 2 ** Math.floor(Math.log2(range)), 1e-12) : 1e-12;
  if (floor !== d.floor) {
    for (let r = Math.max(0, j - p.memory) - c.base; r <= jr; r++) normalise(d, r, floor, m);
    d.floor = floor;
  } else normalise(d, jr, floor, m);
  const best = advance(c, d, p, j);
  if (best === Infinity) return -1;
  return Math.sqrt(Math.max(0, best + d.Z[4 * jr + 3]!)) / (2 * Math.sqrt(m));
}

/**
 * Feeds one row to every resolution; returns the highest calibrated score among the resolutions
 * that completed a down-sampled point on this row (0 otherwise).
 */
export function stepDiscord(channels: DiscordChannel[], p: DiscordChannelParams, x: number): number {
  let out = 0;
  const keep = span(p);
  for (const c of channels) {
    c.acc += x;
    if (++c.accN < c.factor) continue;
    let v = c.acc / c.factor;
    c.acc = 0;
    c.accN = 0;
    if (c.k === 0) c.ref = v;
    v -= c.ref;
    if (v < c.min) c.min = v;
    if (v > c.max) c.max = v;
    if (c.k - c.base === c.paa.length) {
      const from = c.paa.length - keep;
      c.paa.copyWithin(0, from);
      const d = derivedCache.get(c);
      if (d) {
        d.T.copyWithin(0, from);
        d.mu.copyWithin(0, from);
        d.sd.copyWithin(0, from);
        d.Z.copyWithin(0, 4 * from);
      }
      c.base += from;
    }
    c.paa[c.k - c.base] = v;
    const d = derivedCache.get(c);
    if (d) d.T[c.k - c.base] = v;
    c.k++;
    const dist = newestDistance(c, p);
    if (dist < 0 || c.k - p.length - Math.max(1, p.length >> 1) + 1 < p.minCandidates) continue;
    c.last = dist;
    c.recentSum += dist - c.recent[c.recentPos]!;
    c.recent[c.recentPos] = dist;
    c.recentPos = (c.recentPos + 1) % p.shortWindow;
    const avg = c.histCount + 1 >= p.shortWindow ? c.recentSum / p.shortWindow : dist;
    if (c.histCount >= p.minHistory) {
      const std = Math.max(Math.sqrt(c.histVar), p.minStd);
      const score = Math.log(normalTail((avg - c.histMean) / std) + 1e-10) / Math.log(1e-10);
      if (c.quiet > 0) c.quiet--;
      else {
        if (score > out) out = score;
        if (p.quietSpan && score >= 0.5) c.quiet = p.length + p.shortWindow;
      }
    }
    // exponentially weighted moments over about historyWindow distances (a plain mean at first)
    c.histCount++;
    const a = 1 / Math.min(c.histCount, p.historyWindow);
    const delta = avg - c.histMean;
    c.histMean += a * delta;
    c.histVar = (1 - a) * (c.histVar + a * delta * delta);
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
