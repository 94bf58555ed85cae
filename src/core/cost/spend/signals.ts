import type { Signal } from '../../events/signal.js';
import { stableHash } from '../../shared/hash.js';
import type { SpendAnomaly } from './anomaly.js';

/** A stable, ARN-shaped identity for one service's spend, so alerts group per service. */
export function serviceSpendArn(service: string, account: string): string {
  const slug = service.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `arn:aws:ce::${account}:service/${slug}`;
}

/**
 * One spend anomaly as a Signal (source `cost`, kind `cost-anomaly`). The id depends on the
 * service and day only, so re-running the report never double counts.
 */
export function spendAnomalySignal(a: SpendAnomaly, service: string, account: string, detectorId: string): Signal {
  const sourceId = `cost-anomaly|${service}|${a.date}`;
  return {
    id: `sig-cost-${stableHash(sourceId)}`,
    sourceId,
    source: 'cost',
    kind: 'cost-anomaly',
    resourceArn: serviceSpendArn(service, account),
    resourceType: 'AWS::CE::Service',
    metric: 'AWS/CostExplorer UnblendedCost',
    rule: detectorId,
    state: 'firing',
    level: Math.abs(a.score) >= 8 || a.impactPct >= 100 ? 'high' : 'warning',
    value: a.actualUsd,
    threshold: a.expectedUsd,
    title: `${service} spend ${a.direction} on ${a.date}: $${a.actualUsd.toFixed(2)} vs $${a.expectedUsd.toFixed(2)} expected (${a.impactPct >= 0 ? '+' : ''}${a.impactPct}%)`,
    description: `Daily cost of ${service} deviates from its weekday-adjusted baseline by $${a.impactUsd.toFixed(2)} (robust z ${a.score}).`,
    labels: { service, date: a.date, direction: a.direction, detector: detectorId },
    // The day is complete at the next midnight UTC: that is when the anomaly became knowable.
    time: new Date(Date.parse(`${a.date}T00:00:00Z`) + 86_400_000).toISOString(),
    account,
    raw: a,
  };
}
