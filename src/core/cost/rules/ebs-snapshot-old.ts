import { SNAPSHOT_TYPE, SnapshotStateSchema, parseState } from '../inputs.js';
import { ageDays, defineCostRule, estimate, insufficientData, isProduction, lookupPrices, notApplicable, recommend } from '../rule.js';
import { priceKey } from '../prices/table.js';

/** Snapshots older than the retention period (seed 001: 30 days, non-production automation only). */
export default defineCostRule({
  id: 'ebs-snapshot-old',
  title: 'EBS snapshot older than retention',
  resourceType: SNAPSHOT_TYPE,
  runbookId: 'AIOps-DeleteOldSnapshot',
  dataNeeded: { state: ['startTime', 'volumeSize', 'storageTier', 'amiIds'], metrics: [] },
  evaluate({ resource }, { now, config, prices }) {
    const cfg = config.rules['ebs-snapshot-old'];
    const s = parseState(SnapshotStateSchema, resource);
    const age = ageDays(s.startTime, now);
    if (age <= cfg.retentionDays) return notApplicable(`${age} days old (retention ${cfg.retentionDays})`);
    if (s.amiIds.length) return notApplicable(`backs AMI ${s.amiIds.join(', ')}`);
    const key = priceKey.ebsSnapshot(s.storageTier);
    const p = lookupPrices(prices, [key]);
    if (!p.ok) return insufficientData(`no price for ${s.storageTier} snapshots`, p.missing);
    const gbMonth = p.byKey.get(key)!;
    const prod = isProduction(resource.tags, config);
    const target = resource.id;
    return recommend({
      ruleId: 'ebs-snapshot-old',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: `Snapshot ${resource.name} is ${age} days old (retention ${cfg.retentionDays})`,
      // Snapshots are incremental: the volume size is an upper bound of the stored bytes, hence low confidence.
      savings: estimate(s.volumeSize * gbMonth.usd, 0, [gbMonth], `${s.volumeSize} GB (volume size, upper bound) x $${gbMonth.usd}/GB-month`),
      confidence: 'low',
      recommendedAction: prod ? 'Review and delete snapshots past retention (production: manual)' : 'Delete the snapshot past retention',
      automatable: !prod,
      ...(prod
        ? {}
        : {
            remediation: {
              runbookId: 'AIOps-DeleteOldSnapshot',
              target: resource.arn,
              reversible: false,
              approval: 'always',
              plan: [{ call: 'ec2:DeleteSnapshot', target, params: { SnapshotId: target } }],
              rollback: [],
              rollbackPlan: 'None: a deleted snapshot cannot be restored (enable the Recycle Bin rule to keep it recoverable).',
            },
          }),
      evidence: { ageDays: age, retentionDays: cfg.retentionDays, volumeSize: s.volumeSize },
    });
  },
});
