import { volumeMonthlyCost } from '../ebsCost.js';
import { DAILY_METRICS, EBS_TYPE, EbsStateSchema, daysWithAll, lastCompleteDays, parseState, valuesInWindow } from '../inputs.js';
import { ageDays, defineCostRule, estimate, insufficientData, isProduction, notApplicable, recommend } from '../rule.js';

/** Trusted Advisor "Underutilized Amazon EBS Volumes": unattached, or fewer than 1 IOPS a day over the last 7 days. */
export default defineCostRule({
  id: 'ebs-underused',
  title: 'Unattached or unused EBS volume',
  resourceType: EBS_TYPE,
  runbookId: 'AIOps-DeleteUnattachedVolume',
  dataNeeded: { state: ['volumeType', 'size', 'iops', 'throughput', 'attachments', 'createTime'], metrics: [...DAILY_METRICS.ebs] },
  evaluate({ resource, metrics }, { now, config, prices }) {
    const cfg = config.rules['ebs-underused'];
    const s = parseState(EbsStateSchema, resource);
    const age = ageDays(s.createTime, now);
    // A volume younger than the window may be waiting to be attached: no verdict yet.
    if (age < cfg.lookbackDays) return insufficientData(`created ${age} days ago (needs ${cfg.lookbackDays})`);
    const attached = s.attachments.length > 0;
    const window = lastCompleteDays(now, cfg.lookbackDays);
    let dailyIops: Record<string, number> = {};
    if (attached) {
      const names = ['VolumeReadOps', 'VolumeWriteOps'];
      const days = daysWithAll(metrics, names, window);
      if (days.length < window.length) return insufficientData(`${days.length} of ${window.length} days of read/write ops`, names.filter((n) => !metrics[n]?.length));
      const r = valuesInWindow(metrics['VolumeReadOps'], window);
      const w = valuesInWindow(metrics['VolumeWriteOps'], window);
      dailyIops = Object.fromEntries(days.map((d) => [d, (r.get(d)! + w.get(d)!) / 86_400]));
      const busiest = Math.max(...Object.values(dailyIops));
      if (busiest >= cfg.maxDailyIops) return notApplicable(`average IOPS reached ${busiest.toFixed(3)} on a day (threshold < ${cfg.maxDailyIops})`);
    }
    const c = volumeMonthlyCost(s, prices);
    if ('missing' in c) return insufficientData(`no price for ${s.volumeType}`, c.missing);
    const prod = isProduction(resource.tags, config);
    const automatable = !attached && !prod;
    const target = resource.id;
    return recommend({
      ruleId: 'ebs-underused',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: attached ? `EBS volume ${resource.name} (${s.size} GB ${s.volumeType}) has had < ${cfg.maxDailyIops} IOPS for ${cfg.lookbackDays} days` : `EBS volume ${resource.name} (${s.size} GB ${s.volumeType}) is unattached`,
      savings: estimate(c.cost.monthlyUsd, 0, c.used, c.cost.formula),
      confidence: attached ? 'medium' : 'high',
      recommendedAction: attached ? 'Check the instance still needs the volume; snapshot, detach and delete it' : 'Snapshot the volume, then delete it',
      automatable,
      ...(automatable
        ? {
            remediation: {
              runbookId: 'AIOps-DeleteUnattachedVolume',
              target: resource.arn,
              // The volume id is gone once deleted; the data survives in the final snapshot.
              reversible: false,
              approval: 'always',
              plan: [
                {
                  call: 'ec2:CreateSnapshot',
                  target,
                  params: { VolumeId: target, Description: `aiops: final snapshot of ${target} before deletion`, TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'aiops:final-snapshot-of', Value: target }] }] },
                },
                { call: 'ec2:DeleteVolume', target, params: { VolumeId: target } },
              ],
              rollback: [],
              rollbackPlan: `Create a new volume from the final snapshot tagged aiops:final-snapshot-of=${target} (ec2:CreateVolume, ${s.volumeType}, ${s.size} GiB, same Availability Zone); the volume id changes.`,
            },
          }
        : {}),
      evidence: { attached, attachments: s.attachments, ageDays: age, dailyIops },
    });
  },
});
