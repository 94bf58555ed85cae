/** Scheduled maintenance task (EventBridge Scheduler input) → the catalogue's scheduled runbook that performs it. */
export const MAINTENANCE_RUNBOOKS = {
  'ebs-snapshot-cleanup': 'AIOps-DeleteExpiredEBSSnapshots',
  'iam-key-rotation': 'AIOps-RotateNonProdAccessKeys',
} as const;
