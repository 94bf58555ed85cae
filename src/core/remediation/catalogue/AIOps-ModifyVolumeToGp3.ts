import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, num, str } from './support/state.js';

/** gp3 settings that match a gp2 volume's performance (docs/cost.md, rule ebs-gp2-to-gp3). */
export function gp3Equivalent(sizeGiB: number): { Iops: number; Throughput: number } {
  return { Iops: Math.max(3000, Math.min(16_000, 3 * sizeGiB)), Throughput: sizeGiB <= 170 ? 128 : 250 };
}

/**
 * Cost right-sizing (rule ebs-gp2-to-gp3): change a gp2 volume to gp3 with the same baseline
 * performance. ModifyVolume works online (no detach, no downtime). Started by a FinOps approval of
 * a cost recommendation; every run waits for a human. Reversible, but AWS allows the next
 * modification of a volume only after a 6-hour cooldown.
 */
export default defineRunbook({
  id: 'AIOps-ModifyVolumeToGp3',
  title: 'Change a gp2 EBS volume to gp3',
  condition: 'Cost recommendation: gp2 volume that gp3 serves cheaper at the same performance',
  action: 'Modify the volume to gp3 with IOPS and throughput matching gp2 (online)',
  category: 'storage',
  pattern: 'lambda',
  reversible: true,
  approval: 'always',
  targetResourceType: 'AWS::EC2::Volume',
  trigger: { rule: 'cost-recommendation:ebs-gp2-to-gp3' },
  blastRadius: { maxResources: 1 },
  // AWS refuses another modification of the same volume within 6 hours.
  cooldownMinutes: 360,
  maxPerHour: 20,
  sandboxScenario: 'cost-gp2-volume',
  rollbackPlan: 'Modify the volume back to gp2 (ec2:ModifyVolume VolumeType=gp2) once the 6-hour modification cooldown has passed.',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'VolumeId')) return notEligible('VolumeId unknown');
    const type = str(resource.state, 'VolumeType');
    if (type !== 'gp2') return notEligible(`volume type is ${type ?? 'unknown'}, not gp2`);
    const size = num(resource.state, 'Size');
    if (size === undefined || !(size > 0)) return notEligible('Size unknown');
    if (str(resource.state, 'ModificationState') === 'modifying' || str(resource.state, 'ModificationState') === 'optimizing') return notEligible('a modification is already in progress');
    return eligible(`gp2 volume of ${size} GiB`);
  },
  plan: ({ resource }) => {
    const size = num(resource.state, 'Size') ?? 1;
    return [callOn(resource, 'ec2:ModifyVolume', { VolumeId: str(resource.state, 'VolumeId') ?? resource.id, VolumeType: 'gp3', ...gp3Equivalent(size) }, 'change to gp3 at gp2-equivalent performance (online)')];
  },
  rollback: ({ resource }, before) => [callOn(resource, 'ec2:ModifyVolume', { VolumeId: str(resource.state, 'VolumeId') ?? resource.id, VolumeType: str(before, 'VolumeType') ?? 'gp2' }, 'change back to the previous volume type')],
});
