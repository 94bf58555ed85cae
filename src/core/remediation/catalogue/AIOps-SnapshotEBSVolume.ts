import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, str } from './support/state.js';

/**
 * EBS volume utilisation > 85 % → take a snapshot (a safety copy before anyone resizes) and alert
 * for a manual resize. Resizing a file system is left to a human; the engine sends the alert to
 * on-call after the snapshot call succeeds. Nothing to undo: a snapshot changes no volume.
 */
export default defineRunbook({
  id: 'AIOps-SnapshotEBSVolume',
  title: 'Snapshot a nearly full EBS volume and alert for a resize',
  condition: 'EBS volume utilisation > 85 %',
  action: 'Create a snapshot of the volume and alert on-call for a manual resize',
  category: 'storage',
  pattern: 'lambda',
  reversible: 'n/a',
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::EC2::Volume',
  trigger: { metric: 'CWAgent disk_used_percent', above: 85, forMinutes: 5, kind: ['metric-alarm', 'anomaly'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 360,
  maxPerHour: 10,
  sandboxScenario: 'ebs-volume-full',
  rollbackPlan: 'None needed: the snapshot is a copy; delete it (ec2:DeleteSnapshot) once the volume is resized if it is not wanted.',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'VolumeId')) return notEligible('VolumeId unknown');
    const st = str(resource.state, 'State');
    if (st !== 'in-use' && st !== 'available') return notEligible(`volume state is ${st ?? 'unknown'}`);
    return eligible(`volume ${st}`);
  },
  plan: ({ resource, alert }) => [
    callOn(
      resource,
      'ec2:CreateSnapshot',
      {
        VolumeId: str(resource.state, 'VolumeId') ?? resource.id,
        Description: `AIOps-SnapshotEBSVolume before resize${alert ? ` (alert ${alert.id})` : ''}`,
        TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'aiops:runbook', Value: 'AIOps-SnapshotEBSVolume' }] }],
      },
      'snapshot the volume, then alert on-call to resize it',
    ),
  ],
});
