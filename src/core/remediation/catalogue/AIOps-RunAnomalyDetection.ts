import { defineRunbook } from '../runbook.js';
import { handlerEligible, invokeTask } from './support/scheduled.js';

/** Every 5 minutes: run the custom anomaly detection models over the latest metrics. Read-only. */
export default defineRunbook({
  id: 'AIOps-RunAnomalyDetection',
  title: 'Run the custom anomaly detection models',
  condition: 'Every 5 minutes',
  action: 'Invoke the anomaly-detector over the latest metric window',
  category: 'maintenance',
  pattern: 'scheduled',
  reversible: 'n/a',
  approval: 'none',
  targetResourceType: 'AWS::Lambda::Function',
  trigger: { rule: 'schedule:anomaly-detection' },
  schedule: { cron: '*/5 * * * *', timezone: 'UTC' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 4,
  maxPerHour: 12,
  sandboxScenario: 'anomaly-detection-schedule',
  rollbackPlan: 'None needed: detection only reads metrics and emits signals.',
  eligible: handlerEligible,
  plan: ({ resource }) => invokeTask(resource, 'anomaly-detection', { windowMinutes: 5 }, 'run anomaly detection'),
});
