import { gp2Performance, GP3_FREE_IOPS, GP3_FREE_THROUGHPUT, volumeMonthlyCost } from '../ebsCost.js';
import { EBS_TYPE, EbsStateSchema, parseState } from '../inputs.js';
import { defineCostRule, estimate, insufficientData, notApplicable, recommend } from '../rule.js';

/** gp3 is 20 % cheaper per GB than gp2 and matches its performance (IOPS and throughput kept equal or higher). */
export default defineCostRule({
  id: 'ebs-gp2-to-gp3',
  title: 'gp2 volume that should be gp3',
  resourceType: EBS_TYPE,
  runbookId: 'AIOps-ModifyVolumeToGp3',
  dataNeeded: { state: ['volumeType', 'size'], metrics: [] },
  evaluate({ resource }, { prices }) {
    const s = parseState(EbsStateSchema, resource);
    if (s.volumeType !== 'gp2') return notApplicable(`volume type is ${s.volumeType}`);
    const perf = gp2Performance(s.size);
    const iops = Math.max(GP3_FREE_IOPS, perf.iops);
    const throughput = Math.max(GP3_FREE_THROUGHPUT, perf.throughput);
    const before = volumeMonthlyCost(s, prices);
    const after = volumeMonthlyCost({ volumeType: 'gp3', size: s.size, iops, throughput }, prices);
    if ('missing' in before || 'missing' in after) return insufficientData('no EBS price', [...('missing' in before ? before.missing : []), ...('missing' in after ? after.missing : [])]);
    if (after.cost.monthlyUsd >= before.cost.monthlyUsd) return notApplicable('gp3 with equal performance would not be cheaper');
    const target = resource.id;
    return recommend({
      ruleId: 'ebs-gp2-to-gp3',
      resourceArn: resource.arn,
      resourceType: resource.type,
      title: `Change ${resource.name} (${s.size} GB) from gp2 to gp3`,
      savings: estimate(before.cost.monthlyUsd, after.cost.monthlyUsd, [...before.used, ...after.used], `${before.cost.formula} minus ${after.cost.formula}`),
      confidence: 'high',
      recommendedAction: `Modify the volume to gp3 with ${iops} IOPS and ${throughput} MiB/s (online, no downtime)`,
      automatable: true,
      remediation: {
        runbookId: 'AIOps-ModifyVolumeToGp3',
        target: resource.arn,
        reversible: true,
        approval: 'always',
        plan: [{ call: 'ec2:ModifyVolume', target, params: { VolumeId: target, VolumeType: 'gp3', Iops: iops, Throughput: throughput } }],
        rollback: [{ call: 'ec2:ModifyVolume', target, params: { VolumeId: target, VolumeType: 'gp2' } }],
        rollbackPlan: 'Modify the volume back to gp2 (allowed 6 hours after the previous modification).',
      },
      evidence: { sizeGb: s.size, gp2Iops: perf.iops, gp2ThroughputMiBps: perf.throughput, gp3Iops: iops, gp3ThroughputMiBps: throughput },
    });
  },
});
