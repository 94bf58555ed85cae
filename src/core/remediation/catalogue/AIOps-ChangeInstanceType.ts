import { successorInstanceType } from '../../cost/rightSizing.js';
import { defineRunbook } from '../runbook.js';
import { callOn, eligible, isProd, notEligible, str } from './support/state.js';

/**
 * Cost right-sizing (rule ec2-previous-generation): move an instance to the current-generation
 * family of the same size (m4.xlarge → m5.xlarge). The type can only change while the instance is
 * stopped, so the plan is stop, modify, start (minutes of downtime: the FinOps approver picks the
 * moment). Reversible: the same three calls with the previous type. Instance-store roots lose
 * their data on stop, Auto Scaling members are changed through their launch template, and
 * production instances are changed by their owners.
 */
export default defineRunbook({
  id: 'AIOps-ChangeInstanceType',
  title: 'Move a non-production EC2 instance to the current generation',
  condition: 'Cost recommendation: running instance of a previous-generation family whose successor is cheaper, non-prod',
  action: 'Stop the instance, change its type to the same size of the successor family, start it',
  category: 'compute',
  pattern: 'lambda',
  reversible: true,
  approval: 'always',
  targetResourceType: 'AWS::EC2::Instance',
  trigger: { rule: 'cost-recommendation:ec2-previous-generation' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 5,
  sandboxScenario: 'cost-previous-generation',
  rollbackPlan: 'Stop the instance, set its type back to the previous one (ec2:ModifyInstanceAttribute), start it again.',
  eligible: ({ resource, environment }) => {
    const s = resource.state;
    if (isProd(environment)) return notEligible('production instances are resized by their owners, not by automation');
    if (!str(s, 'InstanceId')) return notEligible('InstanceId unknown');
    const type = str(s, 'InstanceType');
    if (!type) return notEligible('InstanceType unknown');
    const to = successorInstanceType(type);
    if (!to) return notEligible(`${type} is not a previous-generation type`);
    const st = str(s, 'State.Name');
    if (st !== 'running') return notEligible(`instance state is ${st ?? 'unknown'}`);
    if (str(s, 'RootDeviceType') === 'instance-store') return notEligible('instance-store root volume: stopping would lose data');
    if (resource.tags['aws:autoscaling:groupName']) return notEligible('member of an Auto Scaling group: change its launch template instead');
    return eligible(`${type} → ${to}`);
  },
  plan: ({ resource }) => {
    const id = str(resource.state, 'InstanceId') ?? resource.id;
    const type = str(resource.state, 'InstanceType') ?? '';
    return [
      callOn(resource, 'ec2:StopInstances', { InstanceIds: [id] }, 'stop: the type changes only while stopped'),
      callOn(resource, 'ec2:ModifyInstanceAttribute', { InstanceId: id, InstanceType: { Value: successorInstanceType(type) ?? type } }, 'change to the current-generation type'),
      callOn(resource, 'ec2:StartInstances', { InstanceIds: [id] }, 'start on the new type'),
    ];
  },
  rollback: ({ resource }, before) => {
    const id = str(resource.state, 'InstanceId') ?? resource.id;
    const previous = str(before, 'InstanceType') ?? str(resource.state, 'InstanceType') ?? '';
    return [
      callOn(resource, 'ec2:StopInstances', { InstanceIds: [id] }),
      callOn(resource, 'ec2:ModifyInstanceAttribute', { InstanceId: id, InstanceType: { Value: previous } }, 'back to the previous type'),
      callOn(resource, 'ec2:StartInstances', { InstanceIds: [id] }),
    ];
  },
  // Back in service: the instance passes its status checks on the new type.
  validate: {
    metric: (r) => ({ namespace: 'AWS/EC2', metricName: 'StatusCheckFailed', dimensions: { InstanceId: str(r.state, 'InstanceId') ?? r.id } }),
    stat: 'Maximum',
    below: 1,
    withinMinutes: 15,
    datapoints: 2,
  },
});
