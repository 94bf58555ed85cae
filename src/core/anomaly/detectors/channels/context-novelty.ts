import { IntSet } from '../int-set.js';

/** What context novelty reads of the ensemble's parameters. */
export interface ContextNoveltyParams {
  levels: number;
  maxOrder: number;
  grids: number;
  maxContexts: number;
  forgetRows: number;
}

/** Its part of the ensemble's persisted state (plain JSON). */
export interface ContextNoveltyState {
  /** Per grid, the last `maxOrder + 1` quantised levels, newest first. */
  recent: number[];
  /** Seen level sequences as integer keys (a list keeps the state plain JSON and cheap to append to). */
  contexts: number[];
  /** The previous generation of seen contexts (`forgetRows`); absent in states persisted before forgetting. */
  oldContexts?: number[];
}

/**
 * Lookup cache: the JSON list stays the source of truth (appended on every new context), while a
 * typed hash set built from it on first use answers the hot-path membership test.
 */
const seenCache = new WeakMap<number[], IntSet>();
function seenSet(contexts: number[]): IntSet {
  let set = seenCache.get(contexts);
  if (!set) {
    set = new IntSet(contexts.length);
    for (const k of contexts) set.add(k);
    seenCache.set(contexts, set);
  }
  return set;
}

/** B^span, the key offset of each order (computed once per parameter set, not per row). */
const orderBases = new WeakMap<ContextNoveltyParams, number>();
function orderBaseOf(p: ContextNoveltyParams): number {
  let base = orderBases.get(p);
  if (base === undefined) {
    base = (p.levels + 1) ** (p.maxOrder + 1);
    orderBases.set(p, base);
  }
  return base;
}

/**
 * Context novelty (after CAD OSE's idea) for row `n` (1-based) with value `x` on the running range
 * [min, min + range]: the value is quantised to `levels` levels, and the share of orders 1..maxOrder
 * whose sequence of levels has not been seen lately is returned. Contexts live in two generations of
 * `forgetRows` rows, so one unseen for `forgetRows`–2 × `forgetRows` rows counts as new again. With
 * `grids` > 1, quantisers offset by a fraction of a level vote, so that a value sitting on a level
 * boundary does not decide the outcome alone.
 */
export function stepContextNovelty(s: ContextNoveltyState, p: ContextNoveltyParams, x: number, n: number, min: number, range: number): number {
  const span = p.maxOrder + 1;
  const B = p.levels + 1;
  const orderBase = orderBaseOf(p);
  const gridBase = orderBase * span;
  const orders = Math.min(p.maxOrder, n - 1);
  const recent = s.recent;
  // states persisted before contexts became a list kept them as { key: 1 }
  if (!Array.isArray(s.contexts)) s.contexts = Object.keys(s.contexts as Record<string, 1>).map(Number);
  if (p.forgetRows > 0 && n % p.forgetRows === 0) {
    s.oldContexts = s.contexts;
    s.contexts = [];
  }
  const seen = seenSet(s.contexts);
  const old = s.oldContexts && s.oldContexts.length > 0 ? seenSet(s.oldContexts) : null;
  const room = p.maxContexts - (old ? old.size : 0);
  let unseen = 0;
  for (let g = 0; g < p.grids; g++) {
    const off = g * span;
    const q = range > 0 ? Math.floor(((x - min) / range) * p.levels + g / p.grids) : 0;
    for (let i = span - 1; i > 0; i--) recent[off + i] = recent[off + i - 1]!;
    recent[off] = q;
    let key = q;
    let base = B;
    for (let k = 1; k <= orders; k++) {
      key += recent[off + k]! * base;
      base *= B;
      const full = key + k * orderBase + g * gridBase;
      if (!seen.has(full)) {
        if (!old || !old.has(full)) unseen++;
        // A full memory keeps counting new contexts as novel but stops storing them (bounded
        // state: both generations together hold at most maxContexts).
        if (seen.size < room) {
          seen.add(full);
          s.contexts.push(full);
        }
      }
    }
  }
  return orders > 0 ? unseen / (orders * p.grids) : 0;
}
