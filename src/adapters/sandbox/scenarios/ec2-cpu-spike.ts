import { defineScenario } from './scenario.js';

/**
 * Demand on the web fleet nearly doubles: the ASG's average CPU climbs past 90 % and stays
 * there, which trips the critical alarm after 10 minutes (the catalogue's trigger). Scaling out by
 * 25 % spreads the same demand over more instances and brings CPU back under the threshold.
 */
export default defineScenario({
  id: 'ec2-cpu-spike',
  title: 'EC2 CPU spike on the web Auto Scaling group',
  description: 'A traffic surge pushes web-asg CPU above 90 % for more than 10 minutes.',
  // Demand held at 72 % of the original capacity (whatever the time of day), which near saturation
  // reads as ~96 % CPU on 4 instances and ~61 % on 5.
  faults: [
    { type: 'metric', resource: 'web-asg', metric: 'CPUUtilization', pattern: 'flatline', magnitude: 72, durationMinutes: 90 },
    { type: 'metric', resource: 'web-asg', metric: 'CPUUtilization', pattern: 'noise', magnitude: 1, durationMinutes: 90 },
  ],
  expected: {
    alarm: 'staging-web-cpu-utilization-critical',
    severity: 'SEV-3',
    runbook: 'AIOps-ScaleOutEC2ASG',
    needsApproval: false,
    targetState: { resource: 'web-asg', field: 'DesiredCapacity', equals: 5 },
    resolves: true,
  },
});
