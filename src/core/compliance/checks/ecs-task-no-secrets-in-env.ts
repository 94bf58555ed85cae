import { defineCheck, fail, notApplicable, pass } from '../check.js';

const SECRET_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ECS_ENGINE_AUTH_DATA'];

export default defineCheck({
  id: 'ecs-task-no-secrets-in-env',
  title: 'ECS task definitions do not put credentials in environment variables',
  description: 'Credentials belong in Secrets Manager/SSM `secrets`, not plaintext `environment`.',
  service: 'ecs',
  resourceType: 'AWS::ECS::TaskDefinition',
  severity: 'HIGH',
  frameworks: { fsbp: ['ECS.8'] },
  test: (s) => {
    if (s.status !== 'ACTIVE') return notApplicable(`task definition is ${s.status}`);
    const leaks = s.containerDefinitions.flatMap((c) => c.environment.filter((e) => SECRET_VARS.includes(e.name)).map((e) => `${c.name}:${e.name}`));
    return leaks.length === 0 ? pass() : fail(`credentials in environment: ${leaks.join(', ')}`, { variables: leaks });
  },
});
