import { defineRunbook } from '../runbook.js';

const n = (v: unknown): number => Number(v ?? 0);

/** EC2 CPU > 90 % for 10 min → increase the Auto Scaling group's desired capacity by 25 %. */
export default defineRunbook({
  id: 'AIOps-ScaleOutEC2ASG',
  title: 'Scale out an EC2 Auto Scaling group',
  condition: 'EC2 CPU > 90 % for 10 min',
  action: 'Increase desired capacity by 25 %',
  category: 'compute',
  pattern: 'lambda',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::AutoScaling::AutoScalingGroup',
  trigger: { metric: 'AWS/EC2 CPUUtilization', above: 90, forMinutes: 10, kind: ['metric-alarm'] },
  blastRadius: { maxResources: 1, maxChangePct: 25 },
  cooldownMinutes: 30,
  maxPerHour: 6,
  ssmDocument: 'AIOps-ScaleOutEC2ASG',
  sandboxScenario: 'ec2-cpu-spike',
  rollbackPlan: 'Set DesiredCapacity back to the value captured before the scale-out (autoscaling:SetDesiredCapacity).',
  eligible: ({ resource }) => {
    const desired = n(resource.state.DesiredCapacity);
    const max = n(resource.state.MaxSize);
    return desired < max ? { eligible: true, reason: `desired ${desired} < max ${max}` } : { eligible: false, reason: `already at MaxSize ${max}` };
  },
  plan: ({ resource }) => {
    const desired = n(resource.state.DesiredCapacity);
    const target = Math.min(n(resource.state.MaxSize), Math.ceil(desired * 1.25));
    return [{ call: 'autoscaling:SetDesiredCapacity', target: resource.arn, params: { AutoScalingGroupName: resource.state.AutoScalingGroupName ?? resource.name, DesiredCapacity: target, HonorCooldown: false }, description: `desired capacity ${desired} → ${target}` }];
  },
  rollback: ({ resource }, before) => [
    { call: 'autoscaling:SetDesiredCapacity', target: resource.arn, params: { AutoScalingGroupName: resource.state.AutoScalingGroupName ?? resource.name, DesiredCapacity: n(before.DesiredCapacity) }, description: `desired capacity back to ${n(before.DesiredCapacity)}` },
  ],
  validate: {
    metric: (r) => ({ namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { AutoScalingGroupName: String(r.state.AutoScalingGroupName ?? r.name) } }),
    stat: 'Average',
    below: 90,
    withinMinutes: 10,
    datapoints: 2,
  },
});
