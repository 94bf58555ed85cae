import { defineScenario } from './scenario.js';

/**
 * Demand on the web fleet more than doubles: the ASG's average CPU climbs past 90 % and stays
 * there, which trips the critical alarm after 10 minutes (the catalogue's trigger). Scaling out by
 * 25 % spreads the same demand over more instances and brings CPU back under the threshold.
 */
export default defineScenario({
  id: 'ec2-cpu-spike',
  title: 'EC2 CPU spike on the web Auto Scaling group',
  description: 'A traffic surge pushes web-asg CPU above 90 % for more than 10 minutes.',
  faults: [{ type: 'metric', resource: 'web-asg', metric: 'CPUUtilization', pattern: 'step', magnitude: 56, durationMinutes: 90 }],
  expected: {
    alarm: 'staging-web-cpu-utilization-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-ScaleOutEC2ASG',
    needsApproval: false,
    targetState: { resource: 'web-asg', field: 'DesiredCapacity', equals: 5 },
  },
});
