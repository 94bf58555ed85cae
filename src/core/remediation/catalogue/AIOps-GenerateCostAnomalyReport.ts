import { defineRunbook } from '../runbook.js';
import { handlerEligible, invokeTask } from './support/scheduled.js';

/** Daily 03:00 UTC: build the cost anomaly report and post it to Slack. Read-only. */
export default defineRunbook({
  id: 'AIOps-GenerateCostAnomalyReport',
  title: 'Generate the daily cost anomaly report',
  condition: 'Daily 03:00 UTC',
  action: 'Generate the cost anomaly report and post it to Slack',
  category: 'maintenance',
  pattern: 'scheduled',
  reversible: 'n/a',
  approval: 'none',
  targetResourceType: 'AWS::Lambda::Function',
  trigger: { rule: 'schedule:cost-anomaly-report' },
  schedule: { cron: '0 3 * * *', timezone: 'UTC' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 720,
  maxPerHour: 1,
  sandboxScenario: 'cost-anomaly-report',
  rollbackPlan: 'None needed: the report only reads Cost Explorer and posts a message.',
  eligible: handlerEligible,
  plan: ({ resource }) => invokeTask(resource, 'cost-anomaly-report', { lookbackDays: 1, notify: 'slack' }, 'generate and post the cost report'),
});
