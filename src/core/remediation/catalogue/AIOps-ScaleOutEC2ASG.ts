import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, num, scaleUp, str } from './support/state.js';

/** Scale-out factor and its cap, as the catalogue states them (desired capacity +25 %). */
const FACTOR = 1.25;

/**
 * EC2 CPU > 90 % for 10 min → raise the Auto Scaling group's desired capacity by 25 %.
 * Seed 000 says 5 min, seed 001 (the automation specification) says 10 min: 10 is the default.
 */
export default defineRunbook({
  id: 'AIOps-ScaleOutEC2ASG',
  title: 'Scale out an EC2 Auto Scaling group',
  condition: 'EC2 CPU > 90 % for 10 min',
  action: 'Increase the desired capacity by 25 % (rounded up, capped by MaxSize)',
  category: 'compute',
  pattern: 'lambda',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::AutoScaling::AutoScalingGroup',
  trigger: { metric: 'AWS/EC2 CPUUtilization', above: 90, forMinutes: 10, kind: ['metric-alarm', 'anomaly'] },
  blastRadius: { maxResources: 1, maxChangePct: 25 },
  cooldownMinutes: 30,
  maxPerHour: 6,
  ssmDocument: 'AIOps-ScaleOutEC2ASG',
  sandboxScenario: 'ec2-cpu-spike',
  rollbackPlan: 'Set DesiredCapacity back to the value captured before the scale-out (scale-in).',
  eligible: ({ resource }) => {
    const desired = num(resource.state, 'DesiredCapacity');
    const max = num(resource.state, 'MaxSize');
    if (str(resource.state, 'AutoScalingGroupName') === undefined) return notEligible('AutoScalingGroupName unknown');
    if (desired === undefined || max === undefined) return notEligible('DesiredCapacity or MaxSize unknown');
    if (desired >= max) return notEligible(`already at MaxSize (${max}); raise MaxSize by hand`);
    return eligible(`desired ${desired} < max ${max}`);
  },
  plan: ({ resource }) => {
    const desired = num(resource.state, 'DesiredCapacity') ?? 0;
    const max = num(resource.state, 'MaxSize') ?? desired;
    const target = scaleUp(desired, FACTOR, max);
    return [
      callOn(
        resource,
        'autoscaling:SetDesiredCapacity',
        { AutoScalingGroupName: str(resource.state, 'AutoScalingGroupName') ?? resource.name, DesiredCapacity: target, HonorCooldown: false },
        `desired capacity ${desired} → ${target}`,
      ),
    ];
  },
  rollback: ({ resource }, before) => [
    callOn(resource, 'autoscaling:SetDesiredCapacity', {
      AutoScalingGroupName: str(resource.state, 'AutoScalingGroupName') ?? resource.name,
      DesiredCapacity: num(before, 'DesiredCapacity') ?? num(resource.state, 'DesiredCapacity'),
      HonorCooldown: false,
    }),
  ],
  validate: {
    metric: (r) => ({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { AutoScalingGroupName: str(r.state, 'AutoScalingGroupName') ?? r.name } }),
    stat: 'Average',
    below: 70,
    withinMinutes: 10,
    datapoints: 2,
  },
});
