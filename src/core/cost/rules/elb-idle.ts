import { DAILY_METRICS, ELB_TYPE, ElbStateSchema, daysWithAll, lastCompleteDays, parseState, valuesInWindow } from '../inputs.js';
import { ageDays, defineCostRule, estimate, insufficientData, lookupPrices, notApplicable, recommend } from '../rule.js';
import { priceKey } from '../prices/table.js';

/** Trusted Advisor "Idle Load Balancers": fewer than 100 requests a day for 7 days, or no healthy targets. */
export default defineCostRule({
  id: 'elb-idle',
  title: 'Idle load balancer',
  resourceType: ELB_TYPE,
  dataNeeded: { state: ['type', 'createdTime', 'stateCode', 'targetGroups[].healthyTargetCount'], metrics: [...DAILY_METRICS.alb, ...DAILY_METRICS.nlb] },
  evaluate({ resource, metrics }, { now, config, prices }) {
    const cfg = config.rules['elb-idle'];
    const s = parseState(ElbStateSchema, resource);
    if (s.type === 'gateway') return notApplicable('gateway load balancers are priced per endpoint; not covered');
    if (s.stateCode !== 'active') return notApplicable(`load balancer is ${s.stateCode}`);
    // A load balancer younger than the window may still be warming up: no verdict yet.
    if (ageDays(s.createdTime, now) < cfg.lookbackDays) return insufficientData(`created ${ageDays(s.createdTime, now)} days ago (needs ${cfg.lookbackDays})`);
    const noHealthy = s.targetGroups.every((tg) => tg.healthyTargetCount === 0);
    const metric = s.type === 'application' ? 'RequestCount' : 'NewFlowCount';
    const window = lastCompleteDays(now, cfg.lookbackDays);
    const days = daysWithAll(metrics, [metric], window);
    const counts = valuesInWindow(metrics[metric], window);
    const quiet = days.length === window.length && days.every((d) => counts.get(d)! < cfg.maxRequestsPerDay);
    if (!noHealthy && days.length < window.length) return insufficientData(`${days.length} of ${window.length} days of ${metric}`, [metric]);
    if (!noHealthy && !quiet) return notApplicable(`${metric} reached ${Math.max(...days.map((d) => counts.get(d)!))} on a day (threshold < ${cfg.maxRequestsPerDay})`);
    const key = priceKey.elbHour(s.type);
    const p = lookupPrices(prices, [key]);
    if (!p.ok) return insufficientData(`no price for ${s.type} load balancer`, p.missing);
    const hourly = p.byKey.get(key)!;
    const current = hourly.usd * prices.hoursPerMonth;
    return recommend({
      ruleId: 'elb-idle',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: `${s.type} load balancer ${resource.name} is idle`,
      savings: estimate(current, 0, [hourly], `${s.type} LB $${hourly.usd}/h x ${prices.hoursPerMonth} h (capacity units of an idle LB are negligible)`),
      confidence: noHealthy && quiet ? 'high' : 'medium',
      recommendedAction: 'Delete the load balancer after confirming no DNS record or client still points at it',
      // Deleting a load balancer loses its DNS name: no automated path, a human does it.
      automatable: false,
      evidence: { reason: noHealthy ? 'no healthy targets' : `< ${cfg.maxRequestsPerDay} ${metric}/day for ${cfg.lookbackDays} days`, noHealthyTargets: noHealthy, dailyCounts: Object.fromEntries(counts) },
    });
  },
});
