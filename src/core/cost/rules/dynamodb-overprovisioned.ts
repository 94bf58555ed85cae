import { DAILY_METRICS, DYNAMODB_TYPE, DynamoDbStateSchema, daysWithAll, lastCompleteDays, parseState, valuesInWindow } from '../inputs.js';
import { defineCostRule, estimate, insufficientData, isProduction, lookupPrices, notApplicable, recommend } from '../rule.js';
import { priceKey } from '../prices/table.js';
import { capacityDimension, rightSizedThroughput } from '../rightSizing.js';

/** Provisioned capacity far above the peak consumed: lower it so the peak sits at the target utilisation. */
export default defineCostRule({
  id: 'dynamodb-overprovisioned',
  title: 'Over-provisioned DynamoDB capacity',
  resourceType: DYNAMODB_TYPE,
  runbookId: 'AIOps-RightSizeDynamoDbCapacity',
  dataNeeded: { state: ['billingMode', 'provisionedThroughput.readCapacityUnits', 'provisionedThroughput.writeCapacityUnits', 'autoScaling'], metrics: [...DAILY_METRICS.dynamodb] },
  evaluate({ resource, metrics }, { now, config, prices }) {
    const cfg = config.rules['dynamodb-overprovisioned'];
    const s = parseState(DynamoDbStateSchema, resource);
    if (s.billingMode !== 'PROVISIONED') return notApplicable('on-demand capacity');
    if (s.autoScaling) return notApplicable('capacity is managed by auto scaling');
    const window = lastCompleteDays(now, cfg.lookbackDays);
    const names = ['ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits'];
    const days = daysWithAll(metrics, names, window);
    if (days.length < cfg.minDays) return insufficientData(`${days.length} of ${cfg.minDays} required days of consumed capacity`, names.filter((n) => !metrics[n]?.length));
    const peak = (n: string) => Math.max(...[...valuesInWindow(metrics[n], window).entries()].filter(([d]) => days.includes(d)).map(([, v]) => v));
    const dims = [
      { dim: 'read', provisioned: s.provisionedThroughput.readCapacityUnits, peak: peak('ConsumedReadCapacityUnits'), key: priceKey.dynamoRcuHour() },
      { dim: 'write', provisioned: s.provisionedThroughput.writeCapacityUnits, peak: peak('ConsumedWriteCapacityUnits'), key: priceKey.dynamoWcuHour() },
    ].map((d) => ({ ...d, ...capacityDimension(d.provisioned, d.peak, cfg.targetUtilizationPct, cfg.maxUtilizationPct) }));
    const over = dims.filter((d) => d.over);
    if (!over.length) return notApplicable(`peak utilisation read ${dims[0]!.utilPct.toFixed(1)}%, write ${dims[1]!.utilPct.toFixed(1)}% (threshold ${cfg.maxUtilizationPct}%)`);
    const p = lookupPrices(prices, over.map((d) => d.key));
    if (!p.ok) return insufficientData('no DynamoDB capacity price', p.missing);
    const h = prices.hoursPerMonth;
    const current = over.reduce((a, d) => a + d.provisioned * p.byKey.get(d.key)!.usd * h, 0);
    const recommended = over.reduce((a, d) => a + d.target * p.byKey.get(d.key)!.usd * h, 0);
    // The same arithmetic AIOps-RightSizeDynamoDbCapacity carries out (src/core/cost/rightSizing.ts).
    const { ReadCapacityUnits: newRcu, WriteCapacityUnits: newWcu } = rightSizedThroughput(dims[0]!, dims[1]!);
    const prod = isProduction(resource.tags, config);
    const target = resource.id;
    const old = { ReadCapacityUnits: s.provisionedThroughput.readCapacityUnits, WriteCapacityUnits: s.provisionedThroughput.writeCapacityUnits };
    return recommend({
      ruleId: 'dynamodb-overprovisioned',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: `DynamoDB ${resource.name} uses at most ${over.map((d) => `${d.utilPct.toFixed(0)}% of ${d.dim}`).join(' and ')} capacity`,
      savings: estimate(current, recommended, over.map((d) => p.byKey.get(d.key)!), over.map((d) => `${d.dim}: (${d.provisioned} - ${d.target}) x $${p.byKey.get(d.key)!.usd}/h x ${h} h`).join(' + ')),
      confidence: days.length >= cfg.lookbackDays ? 'high' : 'medium',
      recommendedAction: `Set provisioned capacity to ${newRcu} RCU / ${newWcu} WCU (peak at ${cfg.targetUtilizationPct}%), or enable auto scaling`,
      automatable: !prod,
      ...(prod
        ? {}
        : {
            remediation: {
              runbookId: 'AIOps-RightSizeDynamoDbCapacity',
              target: resource.arn,
              reversible: true,
              approval: 'always',
              plan: [{ call: 'dynamodb:UpdateTable', target, params: { TableName: target, ProvisionedThroughput: { ReadCapacityUnits: newRcu, WriteCapacityUnits: newWcu } } }],
              rollback: [{ call: 'dynamodb:UpdateTable', target, params: { TableName: target, ProvisionedThroughput: old } }],
              rollbackPlan: `Restore ${old.ReadCapacityUnits} RCU / ${old.WriteCapacityUnits} WCU (decreases are limited per day by DynamoDB).`,
            },
          }),
      evidence: { dims: dims.map(({ dim, provisioned, peak, utilPct, target }) => ({ dim, provisioned, peak, utilPct: Math.round(utilPct * 10) / 10, target })), days: days.length },
    });
  },
});
