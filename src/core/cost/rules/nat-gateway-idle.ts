import { DAILY_METRICS, NAT_TYPE, NatStateSchema, daysWithAll, lastCompleteDays, parseState, valuesInWindow } from '../inputs.js';
import { ageDays, defineCostRule, estimate, insufficientData, lookupPrices, notApplicable, recommend } from '../rule.js';
import { priceKey } from '../prices/table.js';

/** A NAT gateway that moved no bytes for the window still costs its hourly charge. */
export default defineCostRule({
  id: 'nat-gateway-idle',
  title: 'NAT gateway with no traffic',
  resourceType: NAT_TYPE,
  dataNeeded: { state: ['state', 'createTime'], metrics: [...DAILY_METRICS.nat] },
  evaluate({ resource, metrics }, { now, config, prices }) {
    const cfg = config.rules['nat-gateway-idle'];
    const s = parseState(NatStateSchema, resource);
    if (s.state !== 'available') return notApplicable(`NAT gateway is ${s.state}`);
    if (ageDays(s.createTime, now) < cfg.lookbackDays) return insufficientData(`created ${ageDays(s.createTime, now)} days ago (needs ${cfg.lookbackDays})`);
    const window = lastCompleteDays(now, cfg.lookbackDays);
    const names = ['BytesOutToDestination', 'BytesInFromDestination'];
    const days = daysWithAll(metrics, names, window);
    if (days.length < window.length) return insufficientData(`${days.length} of ${window.length} days of NAT traffic`, names.filter((n) => !metrics[n]?.length));
    const out = valuesInWindow(metrics['BytesOutToDestination'], window);
    const inn = valuesInWindow(metrics['BytesInFromDestination'], window);
    const busiest = Math.max(...days.map((d) => out.get(d)! + inn.get(d)!));
    if (busiest > cfg.maxBytesPerDay) return notApplicable(`moved up to ${busiest} bytes a day (threshold ${cfg.maxBytesPerDay})`);
    const key = priceKey.natHour();
    const p = lookupPrices(prices, [key]);
    if (!p.ok) return insufficientData('no NAT gateway price', p.missing);
    const hourly = p.byKey.get(key)!;
    return recommend({
      ruleId: 'nat-gateway-idle',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: `NAT gateway ${resource.name} had no traffic for ${cfg.lookbackDays} days`,
      savings: estimate(hourly.usd * prices.hoursPerMonth, 0, [hourly], `NAT gateway $${hourly.usd}/h x ${prices.hoursPerMonth} h`),
      confidence: 'high',
      recommendedAction: 'Delete the NAT gateway and its route-table entries, then release its Elastic IP',
      // Route tables point at it and a new gateway gets a new id and IP: a human does it.
      automatable: false,
      evidence: { busiestDayBytes: busiest, days: days.length },
    });
  },
});
