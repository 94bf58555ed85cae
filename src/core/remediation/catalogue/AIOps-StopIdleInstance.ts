import { defineRunbook } from '../runbook.js';
import { callOn, eligible, isProd, notEligible, str } from './support/state.js';

/**
 * Cost right-sizing (rule ec2-low-utilization): stop an idle non-production EC2 instance. Started
 * by a FinOps approval of a cost recommendation, never by an alert, and every run waits for a
 * human in the Approvals page. Stopping keeps the EBS volumes and configuration, so starting the
 * instance again undoes it; production instances are left to their owners.
 */
export default defineRunbook({
  id: 'AIOps-StopIdleInstance',
  title: 'Stop an idle non-production EC2 instance',
  condition: 'Cost recommendation: EC2 instance idle (daily CPU ≤ 10 % and network ≤ 5 MB on ≥ 4 of 14 days), non-prod',
  action: 'Stop the instance (volumes and configuration are kept)',
  category: 'compute',
  pattern: 'lambda',
  reversible: true,
  approval: 'always',
  targetResourceType: 'AWS::EC2::Instance',
  // Only the cost feature starts it (trigger `cost:<recommendationId>`); no alert carries this rule.
  trigger: { rule: 'cost-recommendation:ec2-low-utilization' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 10,
  sandboxScenario: 'cost-idle-instance',
  rollbackPlan: 'Start the instance again (ec2:StartInstances); its EBS volumes and configuration are unchanged.',
  eligible: ({ resource, environment }) => {
    if (isProd(environment)) return notEligible('production instances are stopped by their owners, not by automation');
    if (!str(resource.state, 'InstanceId')) return notEligible('InstanceId unknown');
    const st = str(resource.state, 'State.Name');
    if (st !== 'running') return notEligible(`instance state is ${st ?? 'unknown'}`);
    if (str(resource.state, 'RootDeviceType') === 'instance-store') return notEligible('instance-store root volume: stopping would lose data');
    if (resource.tags['aws:autoscaling:groupName']) return notEligible('member of an Auto Scaling group: the group would replace it');
    return eligible(`instance ${st} in ${environment}`);
  },
  plan: ({ resource }) => [callOn(resource, 'ec2:StopInstances', { InstanceIds: [str(resource.state, 'InstanceId') ?? resource.id] }, 'stop the idle instance (EBS volumes are kept)')],
  rollback: ({ resource }) => [callOn(resource, 'ec2:StartInstances', { InstanceIds: [str(resource.state, 'InstanceId') ?? resource.id] }, 'start the instance again')],
});
