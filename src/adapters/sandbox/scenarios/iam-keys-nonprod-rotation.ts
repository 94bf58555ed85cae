import { defineScenario } from './scenario.js';

/**
 * Sunday 01:00 UTC: deploy-bot (staging) has one active key older than 7 days, so the weekly run
 * creates a new key and deactivates the old one.
 */
export default defineScenario({
  id: 'iam-keys-nonprod-rotation',
  title: "Weekly non-prod access key rotation",
  description: "deploy-bot has a single key older than a week on Sunday 01:00 UTC.",
  clockStart: '2026-11-29T00:55:00.000Z',
  faults: [],
  expected: {
    rule: 'schedule:iam-key-rotation',
    runbook: 'AIOps-RotateNonProdAccessKeys',
    needsApproval: false,
    targetState: { resource: 'deploy-bot', field: 'AccessKeys.0.Status', equals: 'Inactive' },
    resolves: false,
  },
});
