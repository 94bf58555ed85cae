import { defineRunbook } from '../runbook.js';
import { callOn, eligible, notEligible, num, str } from './support/state.js';

/**
 * ECS service running fewer tasks than desired (seed 000: task count = 0) → force a new deployment.
 * The plan pins the current task definition and desired count, so re-applying it is a no-op change.
 */
export default defineRunbook({
  id: 'AIOps-RestartECSService',
  title: 'Restart an ECS service (force new deployment)',
  condition: 'ECS service running task count < desired (task count = 0)',
  action: 'Force a new deployment of the service on its current task definition',
  category: 'compute',
  pattern: 'lambda',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::ECS::Service',
  trigger: { metric: 'ECS/ContainerInsights RunningTaskCount', below: 1, forMinutes: 2, kind: ['metric-alarm'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 15,
  maxPerHour: 4,
  ssmDocument: 'AIOps-RestartECSService',
  sandboxScenario: 'ecs-tasks-zero',
  rollbackPlan: 'Update the service back to the task definition and desired count captured before the deployment.',
  eligible: ({ resource }) => {
    const desired = num(resource.state, 'desiredCount');
    const running = num(resource.state, 'runningCount');
    if (!str(resource.state, 'serviceName') || !str(resource.state, 'clusterArn')) return notEligible('serviceName or clusterArn unknown');
    if (desired === undefined || running === undefined) return notEligible('desiredCount or runningCount unknown');
    if (desired === 0) return notEligible('desiredCount is 0: the service was scaled to zero on purpose');
    if (running >= desired) return notEligible(`running ${running} >= desired ${desired}`);
    return eligible(`running ${running} < desired ${desired}`);
  },
  plan: ({ resource }) => [
    callOn(
      resource,
      'ecs:UpdateService',
      {
        cluster: str(resource.state, 'clusterArn'),
        service: str(resource.state, 'serviceName') ?? resource.name,
        taskDefinition: str(resource.state, 'taskDefinition'),
        desiredCount: num(resource.state, 'desiredCount'),
        forceNewDeployment: true,
      },
      'force a new deployment on the current task definition',
    ),
  ],
  rollback: ({ resource }, before) => [
    callOn(resource, 'ecs:UpdateService', {
      cluster: str(resource.state, 'clusterArn'),
      service: str(resource.state, 'serviceName') ?? resource.name,
      taskDefinition: str(before, 'taskDefinition') ?? str(resource.state, 'taskDefinition'),
      desiredCount: num(before, 'desiredCount') ?? num(resource.state, 'desiredCount'),
    }),
  ],
  validate: {
    metric: (r) => ({
      namespace: 'ECS/ContainerInsights',
      metricName: 'RunningTaskCount',
      dimensions: { ClusterName: (str(r.state, 'clusterArn') ?? '').split('/').pop() ?? '', ServiceName: str(r.state, 'serviceName') ?? r.name },
    }),
    stat: 'Minimum',
    above: 0,
    withinMinutes: 10,
    datapoints: 2,
  },
});
