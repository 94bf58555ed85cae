import { seededRandom } from '../../shared/hash.js';

/**
 * Isolation Forest (Liu, Ting & Zhou 2008): random axis-parallel splits isolate rare points in few
 * steps. Trees are stored as flat arrays in pre-order so a model is plain JSON.
 * Node layout per tree: `feature[i]` (-1 = leaf), `split[i]`, `right[i]` (index of the right
 * child; the left child is i + 1), `size[i]` (training points that reached a leaf).
 */
export interface IsolationTree {
  feature: number[];
  split: number[];
  right: number[];
  size: number[];
}

export interface IsolationForestModel {
  trees: IsolationTree[];
  sampleSize: number;
  dims: number;
  /** Scores above this are anomalous: 0.5 for contamination 'auto' (the paper's rule), else a training quantile. */
  threshold: number;
}

export interface IsolationForestOptions {
  trees: number;
  sampleSize: number;
  seed: number;
  contamination: 'auto' | number;
}

const EULER = 0.5772156649;

/** Average path length of an unsuccessful BST search over n points, c(n) in the paper. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER) - (2 * (n - 1)) / n;
}

function buildTree(rows: readonly (readonly number[])[], idx: number[], depth: number, limit: number, rand: () => number, t: IsolationTree): void {
  const node = t.feature.length;
  t.feature.push(-1);
  t.split.push(0);
  t.right.push(-1);
  t.size.push(idx.length);
  if (depth >= limit || idx.length <= 1) return;
  const dims = rows[0]!.length;
  // Pick a random feature that still varies in this node (a few tries, as sklearn does implicitly).
  for (let attempt = 0; attempt < dims * 2; attempt++) {
    const f = Math.floor(rand() * dims);
    let lo = Infinity;
    let hi = -Infinity;
    for (const i of idx) {
      const v = rows[i]![f]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi > lo)) continue;
    const split = lo + rand() * (hi - lo);
    const left = idx.filter((i) => rows[i]![f]! < split);
    const right = idx.filter((i) => rows[i]![f]! >= split);
    t.feature[node] = f;
    t.split[node] = split;
    buildTree(rows, left, depth + 1, limit, rand, t);
    t.right[node] = t.feature.length;
    buildTree(rows, right, depth + 1, limit, rand, t);
    return;
  }
}

function pathLength(t: IsolationTree, x: readonly number[]): number {
  let i = 0;
  let depth = 0;
  while (t.feature[i]! >= 0) {
    i = x[t.feature[i]!]! < t.split[i]! ? i + 1 : t.right[i]!;
    depth++;
  }
  return depth + averagePathLength(t.size[i]!);
}

/** Anomaly score s(x) = 2^(−E[h(x)] / c(ψ)) in (0, 1]; about 0.5 or below is normal. */
export function isolationScore(model: IsolationForestModel, x: readonly number[]): number {
  let total = 0;
  for (const t of model.trees) total += pathLength(t, x);
  return 2 ** (-(total / model.trees.length) / averagePathLength(model.sampleSize));
}

/** Trains a forest on `rows` (each of the same dimension) with a seeded sub-sampler. */
export function trainIsolationForest(rows: readonly (readonly number[])[], opts: IsolationForestOptions): IsolationForestModel {
  const rand = seededRandom(opts.seed);
  const psi = Math.min(opts.sampleSize, rows.length);
  const limit = Math.ceil(Math.log2(Math.max(psi, 2)));
  const trees: IsolationTree[] = [];
  for (let k = 0; k < opts.trees; k++) {
    // Sample ψ rows without replacement (partial Fisher–Yates).
    const pool = Array.from({ length: rows.length }, (_, i) => i);
    for (let i = 0; i < psi; i++) {
      const j = i + Math.floor(rand() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const t: IsolationTree = { feature: [], split: [], right: [], size: [] };
    buildTree(rows, pool.slice(0, psi), 0, limit, rand, t);
    trees.push(t);
  }
  const model: IsolationForestModel = { trees, sampleSize: psi, dims: rows[0]?.length ?? 0, threshold: 0.5 };
  if (opts.contamination !== 'auto') {
    const scores = rows.map((r) => isolationScore(model, r)).sort((a, b) => b - a);
    model.threshold = scores[Math.min(scores.length - 1, Math.floor(opts.contamination * scores.length))] ?? 0.5;
  }
  return model;
}

/**
 * Rescales a raw forest score so that the model's threshold maps to 0.5 and 1 stays 1, making
 * 'auto' and a configured contamination read the same way downstream.
 */
export function calibratedScore(model: IsolationForestModel, raw: number): number {
  const th = model.threshold;
  if (raw <= th) return th > 0 ? (0.5 * raw) / th : 0;
  return th < 1 ? 0.5 + (0.5 * (raw - th)) / (1 - th) : 1;
}
