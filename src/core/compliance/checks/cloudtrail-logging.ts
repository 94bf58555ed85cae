import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'cloudtrail-logging',
  title: 'CloudTrail trails are logging',
  description: 'A trail whose logging was stopped (StopLogging) records nothing.',
  service: 'cloudtrail',
  resourceType: 'AWS::CloudTrail::Trail',
  severity: 'HIGH',
  frameworks: { cis: ['3.1'], fsbp: ['CloudTrail.1'] },
  remediation: 'AIOps-EnableCloudTrail',
  test: (s) => (s.isLogging ? pass() : fail(`trail ${s.name} is not logging`, { isLogging: false })),
});
