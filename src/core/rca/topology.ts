/**
 * Service topology as data: an edge says `from` depends on `to` (a function calls a table, a
 * service reads a database). RCA walks it from the incident's resources to their dependencies.
 */
export interface TopologyEdge {
  from: string;
  to: string;
}

/**
 * Hop distance from the incident's resources (0) to every dependency reachable within `maxDepth`
 * hops, following edges from dependant to dependency (breadth-first, shortest distance wins).
 */
export function dependencyDistances(roots: readonly string[], edges: readonly TopologyEdge[], maxDepth = 3): Map<string, number> {
  const out = new Map<string, number>();
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    const list = adj.get(e.from);
    if (list) list.push(e.to);
    else adj.set(e.from, [e.to]);
  }
  let frontier: string[] = [];
  for (const r of roots) {
    if (!out.has(r)) {
      out.set(r, 0);
      frontier.push(r);
    }
  }
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const m of adj.get(n) ?? []) {
        if (out.has(m)) continue;
        out.set(m, d);
        next.push(m);
      }
    }
    frontier = next;
  }
  return out;
}

/** Region of an ARN (`arn:aws:lambda:eu-west-1:…` → `eu-west-1`), or undefined for global/malformed ARNs. */
export function arnRegion(arn: string): string | undefined {
  const r = arn.split(':')[3];
  return r ? r : undefined;
}

/** A short readable name for an ARN (`function:checkout` → `checkout`). */
export function arnName(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  if (!resource) return arn;
  const parts = resource.split(/[/:]/).filter(Boolean);
  return parts[parts.length - 1] ?? resource;
}
