import { defineRunbook } from '../runbook.js';
import { handlerEligible, invokeTask } from './support/scheduled.js';

/** Every 15 minutes: copy new and updated Security Hub findings into the product's store. */
export default defineRunbook({
  id: 'AIOps-SyncSecurityHubFindings',
  title: 'Sync Security Hub findings to DynamoDB',
  condition: 'Every 15 minutes',
  action: 'Import findings updated since the last sync into the findings table',
  category: 'maintenance',
  pattern: 'scheduled',
  reversible: 'n/a',
  approval: 'none',
  targetResourceType: 'AWS::Lambda::Function',
  trigger: { rule: 'schedule:securityhub-sync' },
  schedule: { cron: '*/15 * * * *', timezone: 'UTC' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 14,
  maxPerHour: 4,
  sandboxScenario: 'securityhub-sync-schedule',
  rollbackPlan: 'None needed: the sync is an idempotent upsert of read-only copies.',
  eligible: handlerEligible,
  plan: ({ resource }) => invokeTask(resource, 'securityhub-sync', { sinceMinutes: 15 }, 'sync Security Hub findings'),
});
