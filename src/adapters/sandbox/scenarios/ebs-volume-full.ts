import { defineScenario } from './scenario.js';

/**
 * Logs fill web-1's root volume to 92 %. The disk alarm (> 85 % for 5 minutes) fires; the runbook
 * snapshots the volume and on-call resizes it by hand, so the alarm stays until then.
 */
export default defineScenario({
  id: 'ebs-volume-full',
  title: "EBS volume above 85 % used",
  description: "web-1's root volume is 92 % full.",
  faults: [
    { type: 'metric', resource: 'web-1-root', metric: 'disk_used_percent', pattern: 'flatline', magnitude: 92, durationMinutes: 120 },
  ],
  expected: {
    alarm: 'staging-web-disk-used-percent-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-SnapshotEBSVolume',
    needsApproval: false,
    targetState: { resource: 'web-1-root', field: 'Snapshots.0.State', equals: 'completed' },
    resolves: false,
  },
});
