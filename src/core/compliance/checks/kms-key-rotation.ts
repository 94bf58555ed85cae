import { defineCheck, fail, notApplicable, pass } from '../check.js';

export default defineCheck({
  id: 'kms-key-rotation',
  title: 'Customer managed symmetric KMS keys rotate yearly',
  description: 'Automatic rotation for enabled, customer managed, symmetric keys with AWS_KMS key material.',
  service: 'kms',
  resourceType: 'AWS::KMS::Key',
  severity: 'MEDIUM',
  frameworks: { cis: ['3.6'] },
  test: (s) => {
    if (s.keyManager !== 'CUSTOMER') return notApplicable('AWS managed key');
    if (s.keySpec !== 'SYMMETRIC_DEFAULT' || s.origin !== 'AWS_KMS') return notApplicable(`rotation unsupported for ${s.keySpec}/${s.origin}`);
    if (s.keyState !== 'Enabled') return notApplicable(`key is ${s.keyState}`);
    return s.keyRotationEnabled ? pass() : fail('automatic key rotation is off', { keyRotationEnabled: false });
  },
});
