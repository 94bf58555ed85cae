import { defineScenario } from './scenario.js';

/**
 * Every 5 minutes the anomaly detector is invoked over the latest metric window.
 */
export default defineScenario({
  id: 'anomaly-detection-schedule',
  title: "Anomaly detection every 5 minutes",
  description: "The detector runs on its 5-minute schedule.",
  faults: [],
  expected: {
    rule: 'schedule:anomaly-detection',
    runbook: 'AIOps-RunAnomalyDetection',
    needsApproval: false,
    targetState: { resource: 'aiops-anomaly-detector', field: 'LastInvocation.Payload.task', equals: 'anomaly-detection' },
    resolves: false,
  },
});
