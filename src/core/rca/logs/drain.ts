import { maskedTokens } from './mask.js';

/** The wildcard a template holds where mined messages differed. */
export const WILDCARD = '<*>';

export interface DrainOptions {
  /** Depth of the prefix tree including the length layer (Drain's `depth`); leading tokens used = depth - 2. */
  depth?: number;
  /** Minimum share of equal tokens for a message to join a template (Drain's `st`). */
  similarity?: number;
  /** Children per tree node before new tokens fall into the wildcard branch. */
  maxChildren?: number;
}

export interface LogCluster {
  /** Sequential id within one miner (`T1`, `T2`, …). */
  id: string;
  tokens: string[];
  size: number;
}

interface TreeNode {
  children: Map<string, TreeNode>;
  clusters: LogCluster[];
}

const newNode = (): TreeNode => ({ children: new Map(), clusters: [] });

const isVariable = (t: string): boolean => t.charCodeAt(0) === 60 /* < */ && t.charCodeAt(t.length - 1) === 62 /* > */;

/**
 * A Drain-style online template miner (He et al., ICWS 2017): messages are masked, routed by token
 * count and their first tokens through a fixed-depth prefix tree, and joined to the most similar
 * template in the leaf when similarity reaches the threshold; differing positions become `<*>`.
 * One pass, no lookahead, memory proportional to the number of templates.
 *
 * @example
 * const miner = new DrainMiner();
 * miner.add('connect ECONNREFUSED 10.0.3.12:5432').id; // 'T1'
 * miner.template('T1'); // 'connect ECONNREFUSED <IP>'
 */
export class DrainMiner {
  private readonly prefixDepth: number;
  private readonly similarity: number;
  private readonly maxChildren: number;
  private readonly root = new Map<number, TreeNode>();
  private readonly byId = new Map<string, LogCluster>();

  constructor(options: DrainOptions = {}) {
    this.prefixDepth = Math.max(1, (options.depth ?? 4) - 2);
    this.similarity = options.similarity ?? 0.4;
    this.maxChildren = options.maxChildren ?? 100;
  }

  /** Adds one message and returns the cluster it joined (or created). */
  add(message: string): LogCluster {
    return this.addTokens(maskedTokens(message));
  }

  addTokens(tokens: string[]): LogCluster {
    const leaf = this.leafFor(tokens);
    const match = this.bestMatch(leaf.clusters, tokens);
    if (match) {
      const t = match.tokens;
      for (let i = 0; i < t.length; i++) if (t[i] !== tokens[i] && t[i] !== WILDCARD) t[i] = WILDCARD;
      match.size++;
      return match;
    }
    const cluster: LogCluster = { id: `T${this.byId.size + 1}`, tokens: tokens.slice(), size: 1 };
    leaf.clusters.push(cluster);
    this.byId.set(cluster.id, cluster);
    return cluster;
  }

  cluster(id: string): LogCluster | undefined {
    return this.byId.get(id);
  }

  template(id: string): string | undefined {
    return this.byId.get(id)?.tokens.join(' ');
  }

  clusters(): LogCluster[] {
    return [...this.byId.values()];
  }

  private leafFor(tokens: readonly string[]): TreeNode {
    let node: TreeNode | undefined = this.root.get(tokens.length);
    if (!node) {
      node = newNode();
      this.root.set(tokens.length, node);
    }
    const depth = Math.min(this.prefixDepth, tokens.length);
    for (let i = 0; i < depth; i++) {
      const tok = tokens[i] as string;
      // Variable tokens never create branches: they would split one template per value.
      const key = isVariable(tok) ? WILDCARD : tok;
      let next: TreeNode | undefined = node.children.get(key);
      if (!next) {
        if (key === WILDCARD || node.children.size < this.maxChildren) {
          next = newNode();
          node.children.set(key, next);
        } else {
          next = node.children.get(WILDCARD);
          if (!next) {
            next = newNode();
            node.children.set(WILDCARD, next);
          }
        }
      }
      node = next;
    }
    return node;
  }

  private bestMatch(clusters: readonly LogCluster[], tokens: readonly string[]): LogCluster | undefined {
    let best: LogCluster | undefined;
    let bestSim = -1;
    let bestWild = -1;
    const n = tokens.length;
    for (const c of clusters) {
      const t = c.tokens;
      let same = 0;
      let wild = 0;
      for (let i = 0; i < n; i++) {
        const a = t[i];
        if (a === WILDCARD) wild++;
        else if (a === tokens[i]) same++;
      }
      const sim = n === 0 ? 1 : same / n;
      if (sim > bestSim || (sim === bestSim && wild > bestWild)) {
        best = c;
        bestSim = sim;
        bestWild = wild;
      }
    }
    return best && bestSim >= this.similarity ? best : undefined;
  }
}
