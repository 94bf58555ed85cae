import { defineScenario } from './scenario.js';

/**
 * Every task of the checkout service dies (a bad host, an OOM loop): running tasks drop to 0 while 4
 * are desired. The RunningTaskCount alarm fires after 2 minutes; a forced new deployment on the same
 * task definition brings the 4 tasks back.
 */
export default defineScenario({
  id: 'ecs-tasks-zero',
  title: "ECS service with no running tasks",
  description: "The checkout service runs 0 of its 4 desired tasks.",
  faults: [
    { type: 'state', resource: 'checkout', set: { runningCount: 0 }, eventName: 'TaskStopped' },
  ],
  expected: {
    alarm: 'staging-checkout-running-tasks-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-RestartECSService',
    needsApproval: false,
    targetState: { resource: 'checkout', field: 'runningCount', equals: 4 },
    resolves: true,
  },
});
