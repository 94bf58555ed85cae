import { defineScenario } from './scenario.js';

/**
 * The daily 02:00 UTC retention run finds the dev snapshot of web-1's root volume (taken
 * 2026-08-01, covered by a Recycle Bin rule) older than 30 days and deletes it into the Recycle Bin.
 */
export default defineScenario({
  id: 'ebs-snapshots-expired',
  title: "Daily EBS snapshot retention",
  description: "A dev snapshot is older than 30 days at 02:00 UTC.",
  clockStart: '2026-11-24T01:55:00.000Z',
  faults: [
    { type: 'state', resource: 'web-1-root-2026-08', set: { RecycleBinProtected: true } },
  ],
  expected: {
    rule: 'schedule:ebs-snapshot-retention',
    runbook: 'AIOps-DeleteExpiredEBSSnapshots',
    needsApproval: false,
    targetState: { resource: 'web-1-root-2026-08', field: 'State', equals: 'recycle-bin' },
    resolves: false,
  },
});
