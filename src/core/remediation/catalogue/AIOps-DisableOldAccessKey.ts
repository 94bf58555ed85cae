import { defineRunbook } from '../runbook.js';
import { ageDays, callOn, contextNowMs, eligible, notEligible, str } from './support/state.js';

const MAX_AGE_DAYS = 90;

/**
 * IAM access key older than 90 days → deactivate it and notify its owner (the engine's notifier,
 * to the user's `owner` tag). Reversible: the key is only made Inactive, never deleted.
 * The age is measured against the alert time / diagnostics `now`, never the wall clock.
 */
export default defineRunbook({
  id: 'AIOps-DisableOldAccessKey',
  title: 'Deactivate an IAM access key older than 90 days',
  condition: 'IAM access key age > 90 days',
  action: 'Disable the key and notify its owner',
  category: 'security',
  pattern: 'lambda',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::IAM::AccessKey',
  // Config and Security Hub findings carry no key age, so the trigger matches the rule alone and
  // eligible() enforces the 90 days from the key's CreateDate.
  trigger: { rule: '^(access-keys-rotated|IAM\\.3)$', kind: ['compliance', 'security-finding'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 1440,
  maxPerHour: 20,
  sandboxScenario: 'iam-access-key-old',
  rollbackPlan: 'UpdateAccessKey Status=Active on the same key (re-enable).',
  eligible: (ctx) => {
    const s = ctx.resource.state;
    if (!str(s, 'UserName') || !str(s, 'AccessKeyId')) return notEligible('UserName or AccessKeyId unknown');
    if (str(s, 'Status') !== 'Active') return notEligible(`key status is ${str(s, 'Status') ?? 'unknown'}`);
    const now = contextNowMs(ctx);
    if (now === undefined) return notEligible('no reference time (alert or diagnostics.now)');
    const age = ageDays(s.CreateDate, now);
    if (age === undefined) return notEligible('CreateDate unknown');
    return age > MAX_AGE_DAYS ? eligible(`key is ${Math.floor(age)} days old`) : notEligible(`key is ${Math.floor(age)} days old (≤ ${MAX_AGE_DAYS})`);
  },
  plan: ({ resource }) => [
    callOn(
      resource,
      'iam:UpdateAccessKey',
      { UserName: str(resource.state, 'UserName'), AccessKeyId: str(resource.state, 'AccessKeyId') ?? resource.id, Status: 'Inactive' },
      'deactivate the key',
    ),
  ],
  rollback: ({ resource }) => [
    callOn(resource, 'iam:UpdateAccessKey', { UserName: str(resource.state, 'UserName'), AccessKeyId: str(resource.state, 'AccessKeyId') ?? resource.id, Status: 'Active' }),
  ],
});
