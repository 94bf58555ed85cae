import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'secretsmanager-rotation-enabled',
  title: 'Secrets Manager secrets rotate automatically',
  description: 'RotationEnabled must be true.',
  service: 'secretsmanager',
  resourceType: 'AWS::SecretsManager::Secret',
  severity: 'MEDIUM',
  frameworks: { fsbp: ['SecretsManager.1'] },
  test: (s) => (s.rotationEnabled ? pass() : fail('automatic rotation is off', { rotationEnabled: false })),
});
