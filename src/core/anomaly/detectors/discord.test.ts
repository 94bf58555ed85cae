import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashNormal } from '../../shared/hash.js';
import discord, { DiscordChannelParams, createDiscordChannels, stepDiscord } from './discord.js';
import ensemble from './ensemble.js';

const STEP = 300_000;
const T0 = Date.UTC(2026, 0, 5);

/** The z-normalised nearest-neighbour distance of the newest subsequence, by brute force. */
function bruteForceLast(values: number[], p: DiscordChannelParams): number {
  const m = p.length;
  const x = values.map((v) => v - values[0]!);
  const range = Math.max(...x) - Math.min(...x);
  const floor = range > 0 ? Math.max(p.flatFraction * 2 ** Math.floor(Math.log2(range)), 1e-12) : 1e-12;
  const norm = (s: number): number[] => {
    const seg = x.slice(s, s + m);
    const mu = seg.reduce((a, b) => a + b, 0) / m;
    const sd = Math.sqrt(Math.max(0, seg.reduce((a, b) => a + b * b, 0) / m - mu * mu));
    return seg.map((v) => (v - mu) / Math.max(sd, floor));
  };
  const j = x.length - m;
  const q = norm(j);
  let best = Infinity;
  for (let s = Math.max(0, j - p.memory); s <= j - Math.max(1, m >> 1); s++) {
    const c = norm(s);
    best = Math.min(best, c.reduce((acc, v, t) => acc + (v - q[t]!) ** 2, 0));
  }
  return Math.sqrt(best) / (2 * Math.sqrt(m));
}

describe('Function: stepDiscord', () => {
  it('keeps the nearest-neighbour distance equal to a brute-force search, across recomputes and buffer moves', () => {
    const p = DiscordChannelParams.parse({ factors: [1], length: 8, memory: 40, recomputeEvery: 7, minCandidates: 1 });
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 320, maxLength: 360 }), (values) => {
        const [c] = createDiscordChannels(p);
        for (let i = 0; i < values.length; i++) {
          stepDiscord([c!], p, values[i]!);
          // Compared as squared distances: the incremental method computes d² by expanded dot
          // products, whose rounding (~1e-12) the square root blows up to ~1e-6 when two
          // subsequences are identical (d = 0); on d² the check is stricter than 1e-6 on d elsewhere.
          if (i >= 30 && i % 13 === 0) expect(c!.last ** 2).toBeCloseTo(bruteForceLast(values.slice(0, i + 1), p) ** 2, 9);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('averages `factor` rows into one down-sampled point', () => {
    const p = DiscordChannelParams.parse({ factors: [4] });
    const [c] = createDiscordChannels(p);
    for (const v of [1, 2, 3, 6, 10, 10, 10, 10]) stepDiscord([c!], p, v);
    expect(c!.k).toBe(2);
    expect(c!.paa.slice(0, 2)).toEqual([0, 7]);
  });
});

describe('Detector: discord', () => {
  // A daily cycle of 5-minute rows; on day 12 the evening peak is missing while every value stays
  // inside the range seen so far, which no range or level rule can see.
  const points = Array.from({ length: 288 * 16 }, (_, i) => {
    const hour = (i % 288) / 12;
    const day = Math.floor(i / 288);
    const peak = day === 12 ? 0 : 10 * Math.exp(-((hour - 18) ** 2) / 2);
    return { t: T0 + i * STEP, value: 20 + peak + 0.3 * hashNormal(`d${i}`) };
  });

  it('scores a missing daily peak (a shape never seen, within the normal range) above every normal day after warm-up', () => {
    const state = discord.init({ restRows: 0 });
    const scores = points.map((p) => discord.update(state, p).score);
    // the coarsest resolution's subsequence spans 256 rows (21 h): the shape completes the next day
    const missing = Math.max(...scores.slice(288 * 12, 288 * 14));
    const normal = Math.max(...scores.slice(288 * 5, 288 * 12), ...scores.slice(288 * 14));
    expect(missing).toBeGreaterThanOrEqual(0.5);
    expect(missing).toBeGreaterThan(normal);
  });

  it('resumes identically from a JSON round-trip at any row (derived data is rebuilt by replay)', () => {
    const series = points.slice(0, 1400);
    const reference = discord.init({ memory: 64, recomputeEvery: 16 });
    const expected = series.map((p) => discord.update(reference, p));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: series.length - 1 }), (cut) => {
        const a = discord.init({ memory: 64, recomputeEvery: 16 });
        for (const p of series.slice(0, cut)) discord.update(a, p);
        const b = JSON.parse(JSON.stringify(a)) as typeof a;
        series.slice(cut).forEach((p, i) => expect(discord.update(b, p)).toEqual(expected[cut + i]));
      }),
      { numRuns: 12 },
    );
  });

  it('is causal: appending different future rows never changes past scores', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1200 }), fc.string({ minLength: 1, maxLength: 3 }), (cut, seed) => {
        const a = discord.init();
        const b = discord.init();
        const other = points.map((p, i) => ({ t: p.t, value: p.value + 5 * hashNormal(`${seed}${i}`) }));
        const pa = points.slice(0, 1300).map((p) => discord.update(a, p).score);
        const pb = [...points.slice(0, cut), ...other.slice(cut, 1300)].map((p) => discord.update(b, p).score);
        expect(pb.slice(0, cut)).toEqual(pa.slice(0, cut));
      }),
      { numRuns: 5 },
    );
  });

  it('keeps the persisted state small (down-sampled values only), so the ensemble fits one store item', () => {
    const state = ensemble.init({ discord: DiscordChannelParams.parse({}) });
    for (const p of points) ensemble.update(state, p);
    const channels = JSON.stringify(state.discord).length;
    expect(channels).toBeLessThan(80_000);
    expect(state.discord.map((c) => c.paa.length)).toEqual([784, 784]);
  });
});
