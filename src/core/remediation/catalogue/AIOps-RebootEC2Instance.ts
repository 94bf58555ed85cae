import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, str } from './support/state.js';

/**
 * EC2 instance status check failed → stop and start it (moves it to healthy hardware), through the
 * SSM Automation document so each step is audited. Nothing to undo: the instance keeps its EBS
 * volumes and configuration; instance-store data would be lost, so those instances are not eligible.
 */
export default defineRunbook({
  id: 'AIOps-RebootEC2Instance',
  title: 'Stop and start an impaired EC2 instance',
  condition: 'EC2 instance status check failed',
  action: 'Stop and start the instance (reboot onto healthy hardware)',
  category: 'compute',
  pattern: 'ssm',
  reversible: 'n/a',
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::EC2::Instance',
  trigger: { metric: 'AWS/EC2 StatusCheckFailed', above: 0, forMinutes: 2, kind: ['metric-alarm', 'health'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 3,
  ssmDocument: 'AIOps-RebootEC2Instance',
  sandboxScenario: 'ec2-status-check-failed',
  rollbackPlan: 'None needed: stop/start keeps EBS volumes and configuration. If the instance does not come back, escalate to on-call.',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'InstanceId')) return notEligible('InstanceId unknown');
    const st = str(resource.state, 'State.Name');
    // Status checks only run on a running instance; the SSM document checks the same precondition.
    if (st !== 'running') return notEligible(`instance state is ${st ?? 'unknown'}`);
    if (str(resource.state, 'RootDeviceType') === 'instance-store') return notEligible('instance-store root volume: stop would lose data');
    return eligible(`instance ${st}; status ${str(resource.state, 'InstanceStatus.Status') ?? 'unknown'}`);
  },
  plan: ({ resource }) => {
    const id = str(resource.state, 'InstanceId') ?? resource.id;
    return [
      callOn(resource, 'ec2:StopInstances', { InstanceIds: [id] }, 'stop the instance'),
      callOn(resource, 'ec2:StartInstances', { InstanceIds: [id] }, 'start it again on healthy hardware'),
    ];
  },
  validate: {
    metric: (r) => ({ namespace: 'AWS/EC2', metricName: 'StatusCheckFailed', dimensions: { InstanceId: str(r.state, 'InstanceId') ?? r.id } }),
    stat: 'Maximum',
    below: 1,
    withinMinutes: 10,
    datapoints: 2,
  },
});
