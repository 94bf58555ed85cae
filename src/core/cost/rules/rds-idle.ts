import { DAILY_METRICS, RDS_TYPE, RdsStateSchema, daysWithAll, lastCompleteDays, parseState, valuesInWindow } from '../inputs.js';
import { defineCostRule, estimate, insufficientData, isProduction, lookupPrices, notApplicable, recommend } from '../rule.js';
import { priceKey } from '../prices/table.js';

/** Trusted Advisor "Amazon RDS Idle DB Instances": no connection for the last 7 days. */
export default defineCostRule({
  id: 'rds-idle',
  title: 'Idle RDS DB instance',
  resourceType: RDS_TYPE,
  runbookId: 'AIOps-StopIdleDbInstance',
  dataNeeded: { state: ['dbInstanceClass', 'multiAZ', 'engine', 'dbInstanceStatus', 'instanceCreateTime'], metrics: [...DAILY_METRICS.rds] },
  evaluate({ resource, metrics }, { now, config, prices }) {
    const cfg = config.rules['rds-idle'];
    const s = parseState(RdsStateSchema, resource);
    if (s.dbInstanceStatus !== 'available') return notApplicable(`DB instance is ${s.dbInstanceStatus}`);
    const window = lastCompleteDays(now, cfg.lookbackDays);
    const days = daysWithAll(metrics, ['DatabaseConnections'], window);
    if (days.length < window.length) return insufficientData(`${days.length} of ${window.length} days of DatabaseConnections`, ['DatabaseConnections']);
    const conns = valuesInWindow(metrics['DatabaseConnections'], window);
    const peak = Math.max(...days.map((d) => conns.get(d)!));
    if (peak > 0) return notApplicable(`up to ${peak} connections in the last ${cfg.lookbackDays} days`);
    const key = priceKey.rdsInstance(s.dbInstanceClass, s.multiAZ);
    const p = lookupPrices(prices, [key]);
    if (!p.ok) return insufficientData(`no price for ${s.dbInstanceClass}`, p.missing);
    const hourly = p.byKey.get(key)!;
    const prod = isProduction(resource.tags, config);
    const target = resource.id;
    return recommend({
      ruleId: 'rds-idle',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: `RDS ${s.dbInstanceClass} ${resource.name} had no connections for ${cfg.lookbackDays} days`,
      // Stopping saves instance hours; storage and backups stay billed, so they are not counted.
      savings: estimate(hourly.usd * prices.hoursPerMonth, 0, [hourly], `${s.dbInstanceClass} ${s.multiAZ ? 'Multi-AZ' : 'Single-AZ'} $${hourly.usd}/h x ${prices.hoursPerMonth} h (storage still billed)`),
      confidence: 'high',
      recommendedAction: prod ? 'Confirm with the owner, snapshot and delete (production: manual)' : 'Stop the idle DB instance (RDS restarts it after 7 days; delete it with a final snapshot if unused)',
      automatable: !prod,
      ...(prod
        ? {}
        : {
            remediation: {
              runbookId: 'AIOps-StopIdleDbInstance',
              target: resource.arn,
              reversible: true,
              approval: 'always',
              plan: [{ call: 'rds:StopDBInstance', target, params: { DBInstanceIdentifier: target, DBSnapshotIdentifier: `aiops-stop-${target}` } }],
              rollback: [{ call: 'rds:StartDBInstance', target, params: { DBInstanceIdentifier: target } }],
              rollbackPlan: 'Start the DB instance again (rds:StartDBInstance).',
            },
          }),
      evidence: { peakConnections: peak, days: days.length, multiAZ: s.multiAZ, engine: s.engine },
    });
  },
});
