import { DAILY_METRICS, EC2_TYPE, Ec2StateSchema, daysWithAll, lastCompleteDays, parseState, valuesInWindow } from '../inputs.js';
import { defineCostRule, estimate, insufficientData, isProduction, lookupPrices, notApplicable, recommend } from '../rule.js';
import { priceKey } from '../prices/table.js';

/** Trusted Advisor "Low Utilization Amazon EC2 Instances": daily CPU ≤ 10 % and network I/O ≤ 5 MB on ≥ 4 of the last 14 days. */
export default defineCostRule({
  id: 'ec2-low-utilization',
  title: 'Low-utilisation EC2 instance',
  resourceType: EC2_TYPE,
  runbookId: 'AIOps-StopIdleInstance',
  dataNeeded: { state: ['instanceType', 'state', 'launchTime'], metrics: [...DAILY_METRICS.ec2] },
  evaluate({ resource, metrics }, { now, config, prices }) {
    const cfg = config.rules['ec2-low-utilization'];
    const s = parseState(Ec2StateSchema, resource);
    if (s.state !== 'running') return notApplicable(`instance is ${s.state}`);
    const window = lastCompleteDays(now, cfg.lookbackDays);
    const names = ['CPUUtilization', 'NetworkIn', 'NetworkOut'];
    const days = daysWithAll(metrics, names, window);
    if (days.length < cfg.minDays) return insufficientData(`${days.length} of ${cfg.minDays} required days with CPU and network data`, names.filter((n) => !metrics[n]?.length));
    const cpu = valuesInWindow(metrics['CPUUtilization'], window);
    const netIn = valuesInWindow(metrics['NetworkIn'], window);
    const netOut = valuesInWindow(metrics['NetworkOut'], window);
    const lowDays = days.filter((d) => cpu.get(d)! <= cfg.maxCpuPct && netIn.get(d)! + netOut.get(d)! <= cfg.maxNetworkBytes);
    if (lowDays.length < cfg.minLowDays) return notApplicable(`low on ${lowDays.length} of ${days.length} days (needs ${cfg.minLowDays})`);
    const key = priceKey.ec2Instance(s.instanceType);
    const p = lookupPrices(prices, [key]);
    if (!p.ok) return insufficientData(`no price for ${s.instanceType}`, p.missing);
    const hourly = p.byKey.get(key)!;
    const current = hourly.usd * prices.hoursPerMonth;
    const prod = isProduction(resource.tags, config);
    const target = resource.id;
    return recommend({
      ruleId: 'ec2-low-utilization',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: `EC2 ${s.instanceType} ${resource.name} is idle on ${lowDays.length} of ${days.length} days`,
      savings: estimate(current, 0, [hourly], `${s.instanceType} $${hourly.usd}/h x ${prices.hoursPerMonth} h`),
      confidence: lowDays.length >= days.length - 2 ? 'high' : lowDays.length >= days.length / 2 ? 'medium' : 'low',
      recommendedAction: prod ? 'Right-size or stop the instance after checking with its owner (production: manual)' : 'Stop the idle non-production instance',
      automatable: !prod,
      ...(prod
        ? {}
        : {
            remediation: {
              runbookId: 'AIOps-StopIdleInstance',
              target: resource.arn,
              reversible: true,
              approval: 'always',
              plan: [{ call: 'ec2:StopInstances', target, params: { InstanceIds: [target] }, description: 'stop the idle instance (EBS volumes are kept)' }],
              rollback: [{ call: 'ec2:StartInstances', target, params: { InstanceIds: [target] } }],
              rollbackPlan: 'Start the instance again (ec2:StartInstances); volumes and configuration are unchanged.',
            },
          }),
      evidence: { lowDays, daysWithData: days.length, maxCpuPct: Math.max(...days.map((d) => cpu.get(d)!)), thresholds: cfg },
    });
  },
});
