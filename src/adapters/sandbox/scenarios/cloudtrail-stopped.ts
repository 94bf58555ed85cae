import { defineScenario } from './scenario.js';

/**
 * deploy-bot calls StopLogging on the organisation trail (CloudTrail records the call) and AWS
 * Config reports cloudtrail-enabled NON_COMPLIANT a minute later. Restarting logging needs a human
 * approval (the entry is not reversible).
 */
export default defineScenario({
  id: 'cloudtrail-stopped',
  title: "CloudTrail logging stopped",
  description: "org-trail stops logging.",
  faults: [
    { type: 'state', resource: 'org-trail', set: { IsLogging: false }, eventName: 'StopLogging', principal: 'arn:aws:iam::123456789012:user/deploy-bot' },
    {
      type: 'event',
      event: 'cloudtrail',
      resource: 'org-trail',
      details: { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail' } },
    },
    { type: 'event', event: 'config', resource: 'org-trail', startInMinutes: 1, details: { configRuleName: 'cloudtrail-enabled' } },
  ],
  expected: {
    rule: 'cloudtrail-enabled',
    severity: 'SEV-4',
    runbook: 'AIOps-EnableCloudTrail',
    needsApproval: true,
    targetState: { resource: 'org-trail', field: 'IsLogging', equals: true },
    resolves: false,
  },
});
