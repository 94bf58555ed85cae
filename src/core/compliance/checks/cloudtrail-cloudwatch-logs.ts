import { defineCheck, fail, pass } from '../check.js';

export default defineCheck({
  id: 'cloudtrail-cloudwatch-logs',
  title: 'CloudTrail trails deliver to CloudWatch Logs',
  description: 'Metric filters and alarms on API activity need the trail in CloudWatch Logs.',
  service: 'cloudtrail',
  resourceType: 'AWS::CloudTrail::Trail',
  severity: 'LOW',
  frameworks: { fsbp: ['CloudTrail.5'] },
  test: (s) => (s.cloudWatchLogsLogGroupArn ? pass() : fail('trail is not integrated with CloudWatch Logs', { cloudWatchLogsLogGroupArn: null })),
});
