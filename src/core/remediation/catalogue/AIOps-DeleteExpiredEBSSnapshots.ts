import { defineRunbook } from '../runbook.js';
import { ageDays, bool, callOn, contextNowMs, eligible, isProd, notEligible, str } from './support/state.js';

export const SNAPSHOT_RETENTION_DAYS = 30;

/**
 * Daily 02:00 UTC, non-prod only: delete EBS snapshots older than the retention period (30 days).
 * The scheduler evaluates every snapshot; each deletion is one execution on one snapshot. Deleting
 * data is only automatic because it is recoverable: a snapshot is eligible only when a Recycle Bin
 * retention rule covers it, so rollback restores it from the Recycle Bin.
 */
export default defineRunbook({
  id: 'AIOps-DeleteExpiredEBSSnapshots',
  title: 'Delete expired non-prod EBS snapshots',
  condition: 'Daily 02:00 UTC: EBS snapshot older than 30 days (non-prod)',
  action: 'Delete the snapshot (recoverable from the Recycle Bin)',
  category: 'maintenance',
  pattern: 'scheduled',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::EC2::Snapshot',
  trigger: { rule: 'schedule:ebs-snapshot-retention' },
  schedule: { cron: '0 2 * * *', timezone: 'UTC' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 200,
  sandboxScenario: 'ebs-snapshots-expired',
  rollbackPlan: 'Restore the snapshot from the Recycle Bin (ec2:RestoreSnapshotFromRecycleBin) within the bin retention period.',
  eligible: (ctx) => {
    const s = ctx.resource.state;
    if (isProd(ctx.environment)) return notEligible('snapshot retention runs outside prod only');
    if (!str(s, 'SnapshotId')) return notEligible('SnapshotId unknown');
    if (str(s, 'State') !== 'completed') return notEligible(`snapshot state is ${str(s, 'State') ?? 'unknown'}`);
    if (ctx.resource.tags['aiops:retain'] === 'true') return notEligible('tagged aiops:retain=true');
    if (bool(s, 'RecycleBinProtected') !== true) return notEligible('no Recycle Bin retention rule covers it: deletion would not be recoverable');
    const now = contextNowMs(ctx);
    if (now === undefined) return notEligible('no reference time (diagnostics.now)');
    const age = ageDays(s.StartTime, now);
    if (age === undefined) return notEligible('StartTime unknown');
    return age > SNAPSHOT_RETENTION_DAYS ? eligible(`snapshot is ${Math.floor(age)} days old`) : notEligible(`snapshot is ${Math.floor(age)} days old (≤ ${SNAPSHOT_RETENTION_DAYS})`);
  },
  plan: ({ resource }) => [callOn(resource, 'ec2:DeleteSnapshot', { SnapshotId: str(resource.state, 'SnapshotId') ?? resource.id }, `delete snapshot older than ${SNAPSHOT_RETENTION_DAYS} days`)],
  rollback: ({ resource }) => [callOn(resource, 'ec2:RestoreSnapshotFromRecycleBin', { SnapshotId: str(resource.state, 'SnapshotId') ?? resource.id })],
});
