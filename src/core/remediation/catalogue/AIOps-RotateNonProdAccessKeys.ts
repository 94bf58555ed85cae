import { defineRunbook } from '../runbook.js';
import type { RunbookContext } from '../runbook.js';
import { ageDays, at, callOn, contextNowMs, eligible, isProd, notEligible, str } from './support/state.js';

/** Keys younger than a week were rotated by the previous run (or by hand): leave them. */
const MIN_AGE_DAYS = 7;

interface KeyMeta {
  AccessKeyId: string;
  Status: string;
  CreateDate: string;
}

function keys(ctx: RunbookContext): KeyMeta[] {
  const raw = at(ctx.resource.state, 'AccessKeys');
  return Array.isArray(raw) ? (raw as KeyMeta[]).filter((k) => typeof k?.AccessKeyId === 'string') : [];
}

/**
 * Weekly, Sunday 01:00 UTC, non-prod only: rotate an IAM user's access key. A new key is created
 * (the handler stores its secret in the user's Secrets Manager secret) and the old key is made
 * Inactive, not deleted, so rollback re-activates it. IAM allows two keys per user, so a user
 * that already has two is not eligible and a repeated run cannot pile up keys.
 */
export default defineRunbook({
  id: 'AIOps-RotateNonProdAccessKeys',
  title: 'Rotate non-prod IAM access keys',
  condition: 'Weekly, Sunday 01:00 UTC (non-prod)',
  action: 'Create a new access key and deactivate the old one',
  category: 'maintenance',
  pattern: 'scheduled',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::IAM::User',
  trigger: { rule: 'schedule:iam-key-rotation' },
  schedule: { cron: '0 1 * * 0', timezone: 'UTC' },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 1440,
  maxPerHour: 100,
  sandboxScenario: 'iam-keys-nonprod-rotation',
  rollbackPlan: 'UpdateAccessKey Status=Active on the old key; delete the new key once consumers are back on the old one.',
  eligible: (ctx) => {
    if (isProd(ctx.environment)) return notEligible('key rotation runs outside prod only');
    if (!str(ctx.resource.state, 'UserName')) return notEligible('UserName unknown');
    const ks = keys(ctx);
    if (ks.length !== 1) return notEligible(`user has ${ks.length} access keys (rotation needs exactly one)`);
    const [k] = ks as [KeyMeta];
    if (k.Status !== 'Active') return notEligible('the only key is not active');
    const now = contextNowMs(ctx);
    if (now === undefined) return notEligible('no reference time (diagnostics.now)');
    const age = ageDays(k.CreateDate, now);
    if (age === undefined) return notEligible('key CreateDate unknown');
    return age >= MIN_AGE_DAYS ? eligible(`key ${k.AccessKeyId} is ${Math.floor(age)} days old`) : notEligible(`key rotated ${Math.floor(age)} days ago`);
  },
  plan: (ctx) => {
    const user = str(ctx.resource.state, 'UserName') ?? ctx.resource.name;
    const old = keys(ctx)[0]?.AccessKeyId;
    return [
      callOn(ctx.resource, 'iam:CreateAccessKey', { UserName: user }, 'create the new key'),
      callOn(ctx.resource, 'iam:UpdateAccessKey', { UserName: user, AccessKeyId: old, Status: 'Inactive' }, 'deactivate the old key'),
    ];
  },
  rollback: (ctx, before) => {
    const user = str(ctx.resource.state, 'UserName') ?? ctx.resource.name;
    const beforeKeys = at(before, 'AccessKeys');
    const old = (Array.isArray(beforeKeys) ? (beforeKeys as KeyMeta[])[0]?.AccessKeyId : undefined) ?? keys(ctx)[0]?.AccessKeyId;
    return [callOn(ctx.resource, 'iam:UpdateAccessKey', { UserName: user, AccessKeyId: old, Status: 'Active' })];
  },
});
