import { defineScenario } from './scenario.js';

/**
 * The daily 03:00 UTC run invokes the cost analyzer to build the cost anomaly report and post it.
 */
export default defineScenario({
  id: 'cost-anomaly-report',
  title: "Daily cost anomaly report",
  description: "The cost report runs at 03:00 UTC.",
  clockStart: '2026-11-24T02:55:00.000Z',
  faults: [],
  expected: {
    rule: 'schedule:cost-anomaly-report',
    runbook: 'AIOps-GenerateCostAnomalyReport',
    needsApproval: false,
    targetState: { resource: 'aiops-cost-analyzer', field: 'LastInvocation.Payload.task', equals: 'cost-anomaly-report' },
    resolves: false,
  },
});
