import { defineRunbook } from '../runbook.js';
import { at, callOn, eligible, isProd, notEligible, str } from './support/state.js';

/** Tag on the final snapshot naming the volume it was taken from: how an operator finds it to restore. */
export const FINAL_SNAPSHOT_TAG = 'aiops:final-snapshot-of';

/**
 * Cost right-sizing (rule ebs-underused, unattached volume): take a final snapshot, then delete the
 * volume. AWS lets a volume be deleted while its snapshot is still pending (the snapshot is
 * point-in-time), so the two calls run back to back. Deleting a volume is irreversible (the volume
 * id is gone), so every run needs a human approval; the data survives in the snapshot, from which
 * a new volume can be created. Production volumes are left to their owners.
 */
export default defineRunbook({
  id: 'AIOps-DeleteUnattachedVolume',
  title: 'Snapshot and delete an unattached non-production EBS volume',
  condition: 'Cost recommendation: EBS volume attached to nothing for 7 days or more, non-prod',
  action: 'Take a final snapshot (tagged with the volume id), then delete the volume',
  category: 'storage',
  pattern: 'lambda',
  reversible: false,
  approval: 'always',
  targetResourceType: 'AWS::EC2::Volume',
  trigger: { rule: 'cost-recommendation:ebs-underused' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 10,
  sandboxScenario: 'cost-unattached-volume',
  rollbackPlan: `None automatic: the volume id is gone. Restore the data by creating a new volume from the final snapshot tagged ${FINAL_SNAPSHOT_TAG}=<volume id> (ec2:CreateVolume with that SnapshotId, the same type, size and Availability Zone) and attach it where it is needed.`,
  eligible: ({ resource, environment }) => {
    const s = resource.state;
    if (isProd(environment)) return notEligible('production volumes are deleted by their owners, not by automation');
    if (!str(s, 'VolumeId')) return notEligible('VolumeId unknown');
    const state = str(s, 'State');
    if (state !== 'available') return notEligible(`volume state is ${state ?? 'unknown'}, not available (unattached)`);
    const attachments = at(s, 'Attachments');
    if (attachments !== undefined && (!Array.isArray(attachments) || attachments.length > 0)) return notEligible('the volume has attachments');
    return eligible(`unattached volume ${str(s, 'VolumeId')} (${str(s, 'VolumeType') ?? 'unknown type'})`);
  },
  plan: ({ resource }) => {
    const volumeId = str(resource.state, 'VolumeId') ?? resource.id;
    return [
      callOn(
        resource,
        'ec2:CreateSnapshot',
        { VolumeId: volumeId, Description: `aiops: final snapshot of ${volumeId} before deletion`, TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: FINAL_SNAPSHOT_TAG, Value: volumeId }] }] },
        'final snapshot, so the data can be restored',
      ),
      callOn(resource, 'ec2:DeleteVolume', { VolumeId: volumeId }, 'delete the unattached volume'),
    ];
  },
});
