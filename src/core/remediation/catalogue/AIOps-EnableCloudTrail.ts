import { defineRunbook } from '../runbook.js';
import { bool, callOn, eligible, notEligible, str } from './support/state.js';

/**
 * CloudTrail disabled → StartLogging again; the engine opens a SEV-2 incident for it (someone
 * turned off the audit trail). The catalogue marks it not reversible (stopping the trail again is
 * never automated), so a human always approves.
 */
export default defineRunbook({
  id: 'AIOps-EnableCloudTrail',
  title: 'Re-enable CloudTrail logging',
  condition: 'CloudTrail disabled',
  action: 'Re-enable CloudTrail and create a SEV-2 incident',
  category: 'security',
  pattern: 'lambda',
  reversible: false,
  approval: 'always',
  targetResourceType: 'AWS::CloudTrail::Trail',
  trigger: { rule: '^(StopLogging|DeleteTrail|cloudtrail-enabled|multi-region-cloudtrail-enabled|CloudTrail\\.1|Stealth:IAMUser/CloudTrailLoggingDisabled)$', kind: ['change', 'compliance', 'security-finding'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 15,
  maxPerHour: 4,
  sandboxScenario: 'cloudtrail-stopped',
  rollbackPlan: 'Not automated: stopping an audit trail is a reviewed change (StopLogging by the trail owner).',
  eligible: ({ resource }) => {
    if (!str(resource.state, 'Name')) return notEligible('trail Name unknown');
    const logging = bool(resource.state, 'IsLogging');
    if (logging === undefined) return notEligible('IsLogging unknown');
    return logging ? notEligible('trail is already logging') : eligible('trail is not logging');
  },
  plan: ({ resource }) => [callOn(resource, 'cloudtrail:StartLogging', { Name: str(resource.state, 'TrailARN') ?? str(resource.state, 'Name') ?? resource.arn }, 'start logging')],
});
