import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'ecs-task-no-privileged',
  title: 'ECS task definitions do not run privileged containers',
  description: 'A privileged container has root on the host.',
  service: 'ecs',
  resourceType: 'AWS::ECS::TaskDefinition',
  severity: 'HIGH',
  frameworks: { fsbp: ['ECS.4'] },
  test: (s) => {
    if (s.status !== 'ACTIVE') return notApplicable(`task definition is ${s.status}`);
    const priv = s.containerDefinitions.filter((c) => c.privileged === true).map((c) => c.name);
    return priv.length === 0 ? pass() : fail(`privileged containers: ${priv.join(', ')}`, { containers: priv });
  },
});
