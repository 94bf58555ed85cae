import { defineRunbook } from '../runbook.js';
import { SNAPSHOT_RETENTION_DAYS } from './AIOps-DeleteExpiredEBSSnapshots.js';
import { ageDays, at, bool, callOn, contextNowMs, eligible, isProd, notEligible, str } from './support/state.js';

/**
 * Cost right-sizing (rule ebs-snapshot-old): delete one snapshot past the retention period (30
 * days, seed 001) that backs no AMI. Unlike the scheduled AIOps-DeleteExpiredEBSSnapshots, which
 * only deletes what a Recycle Bin rule can restore, this one also handles snapshots no bin covers,
 * so it is treated as irreversible and every run needs a FinOps approval. Where a Recycle Bin
 * retention rule does cover the snapshot, it can still be restored from the bin in that period.
 */
export default defineRunbook({
  id: 'AIOps-DeleteOldSnapshot',
  title: 'Delete a non-production EBS snapshot past retention',
  condition: 'Cost recommendation: EBS snapshot older than 30 days that backs no AMI, non-prod',
  action: 'Delete the snapshot (ec2:DeleteSnapshot)',
  category: 'storage',
  pattern: 'lambda',
  reversible: false,
  approval: 'always',
  targetResourceType: 'AWS::EC2::Snapshot',
  trigger: { rule: 'cost-recommendation:ebs-snapshot-old' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 20,
  sandboxScenario: 'cost-old-snapshot',
  rollbackPlan: 'None automatic: a deleted snapshot is gone. If a Recycle Bin retention rule covers it, restore it within the rule’s retention period (ec2:RestoreSnapshotFromRecycleBin); otherwise the data cannot be recovered.',
  eligible: (ctx) => {
    const s = ctx.resource.state;
    if (isProd(ctx.environment)) return notEligible('production snapshots are deleted by their owners, not by automation');
    if (!str(s, 'SnapshotId')) return notEligible('SnapshotId unknown');
    if (str(s, 'State') !== 'completed') return notEligible(`snapshot state is ${str(s, 'State') ?? 'unknown'}`);
    if (ctx.resource.tags['aiops:retain'] === 'true') return notEligible('tagged aiops:retain=true');
    const amis = at(s, 'AmiIds') ?? at(s, 'amiIds');
    if (amis !== undefined && (!Array.isArray(amis) || amis.length > 0)) return notEligible('the snapshot backs an AMI');
    const now = contextNowMs(ctx);
    if (now === undefined) return notEligible('no reference time (diagnostics.now)');
    const age = ageDays(s['StartTime'], now);
    if (age === undefined) return notEligible('StartTime unknown');
    if (age <= SNAPSHOT_RETENTION_DAYS) return notEligible(`snapshot is ${Math.floor(age)} days old (≤ ${SNAPSHOT_RETENTION_DAYS})`);
    const bin = bool(s, 'RecycleBinProtected') === true ? 'restorable from the Recycle Bin' : 'no Recycle Bin rule covers it';
    return eligible(`snapshot is ${Math.floor(age)} days old; ${bin}`);
  },
  plan: ({ resource }) => [callOn(resource, 'ec2:DeleteSnapshot', { SnapshotId: str(resource.state, 'SnapshotId') ?? resource.id }, `delete the snapshot past ${SNAPSHOT_RETENTION_DAYS}-day retention`)],
});
