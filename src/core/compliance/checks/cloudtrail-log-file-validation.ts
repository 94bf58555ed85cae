import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'cloudtrail-log-file-validation',
  title: 'CloudTrail log file validation is enabled',
  description: 'Digest files prove the delivered logs were not altered.',
  service: 'cloudtrail',
  resourceType: 'AWS::CloudTrail::Trail',
  severity: 'LOW',
  frameworks: { cis: ['3.2'], fsbp: ['CloudTrail.4'] },
  test: (s) => (s.logFileValidationEnabled ? pass() : fail('log file validation is off', { logFileValidationEnabled: false })),
});
