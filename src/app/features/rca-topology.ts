import type { TopologyEdge } from '../../core/rca/topology.js';
import type { ResourceRecord } from '../../ports/cloud.js';

/**
 * The sandbox fleet's dependencies, as data: `[dependant, dependency]` by resource name. Traffic
 * enters through the CDN, the ALB fronts the checkout service (ECS), checkout hands orders to the
 * orders-processor function, which reads the queue and writes the orders table and database. The
 * web tier (web-asg and its instances) calls checkout through the ALB.
 */
export const SANDBOX_DEPENDENCIES: readonly (readonly [string, string])[] = [
  ['checkout-cdn', 'checkout-alb'],
  ['checkout-alb', 'checkout'],
  ['checkout-primary', 'checkout-alb'],
  ['checkout', 'staging-cluster'],
  ['checkout', 'orders-processor'],
  ['checkout', 'matcarv-assets-staging'],
  ['orders-processor', 'orders-queue'],
  ['orders-processor', 'orders'],
  ['orders-processor', 'orders-db'],
  ['orders-processor', 'order-events'],
  ['orders-queue', 'orders-dlq'],
  ['web-asg', 'web-1'],
  ['web-asg', 'web-2'],
  ['web-asg', 'web-3'],
  ['web-asg', 'web-4'],
  ['web-asg', 'checkout-alb'],
  ['web-1', 'web-sg'],
  ['web-2', 'web-sg'],
  ['web-3', 'web-sg'],
  ['web-4', 'web-sg'],
  ['web-1', 'web-1-root'],
];

/** The dependency edges as ARNs of the given fleet; names the fleet does not have are skipped. */
export function sandboxTopology(resources: readonly ResourceRecord[], dependencies: readonly (readonly [string, string])[] = SANDBOX_DEPENDENCIES): TopologyEdge[] {
  const arnOf = new Map(resources.map((r) => [r.name, r.arn]));
  const edges: TopologyEdge[] = [];
  for (const [from, to] of dependencies) {
    const a = arnOf.get(from);
    const b = arnOf.get(to);
    if (a && b) edges.push({ from: a, to: b });
  }
  return edges;
}

/**
 * The sandbox resource an incident's ARN names. Alert normalization writes some ARNs in their
 * canonical form with a wildcard (an Auto Scaling group's `autoScalingGroup:*:autoScalingGroupName/x`),
 * so `*` matches one ARN segment.
 */
export function resolveSandboxArn(resources: readonly ResourceRecord[], arn: string): ResourceRecord | undefined {
  const exact = resources.find((r) => r.arn === arn);
  if (exact || !arn.includes('*')) return exact;
  const re = new RegExp(`^${arn.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^:/]*')}$`);
  return resources.find((r) => re.test(r.arn));
}

/** Edges for incident ARNs that are aliases of sandbox resources: the alias depends on what the resource depends on. */
export function aliasEdges(resources: readonly ResourceRecord[], arns: readonly string[], edges: readonly TopologyEdge[]): TopologyEdge[] {
  const out: TopologyEdge[] = [];
  for (const arn of arns) {
    const r = resolveSandboxArn(resources, arn);
    if (!r || r.arn === arn) continue;
    for (const e of edges) if (e.from === r.arn) out.push({ from: arn, to: e.to });
  }
  return out;
}
