import { defineRunbook } from '../runbook.js';
import type { RunbookContext } from '../runbook.js';
import { callOn, eligible, notEligible, str } from './support/state.js';

export const QUARANTINE_POLICY_NAME = 'AIOpsQuarantineDeny';

const DENY_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'AIOpsQuarantine', Effect: 'Deny', Action: '*', Resource: '*' }] });

function principal(ctx: RunbookContext): { kind: 'User' | 'Role'; name: string | undefined } {
  const kind = ctx.resource.type === 'AWS::IAM::Role' ? 'Role' : 'User';
  return { kind, name: str(ctx.resource.state, kind === 'Role' ? 'RoleName' : 'UserName') };
}

/**
 * GuardDuty HIGH/CRITICAL finding (severity ≥ 7) on an IAM principal → attach an inline deny-all
 * policy. An explicit deny wins over every allow, so the principal is stopped at once; removing the
 * policy undoes it exactly. Step Functions: containment, notification and the follow-up review.
 */
export default defineRunbook({
  id: 'AIOps-QuarantineIAMPrincipal',
  title: 'Quarantine an IAM principal with a deny-all policy',
  condition: 'GuardDuty HIGH/CRITICAL finding',
  action: 'Quarantine the IAM principal (inline deny-all policy)',
  category: 'security',
  pattern: 'stepfunctions',
  reversible: true,
  approval: 'none-outside-prod',
  targetResourceType: 'AWS::IAM::User',
  trigger: { source: ['guardduty'], kind: ['security-finding'], rule: '^[A-Za-z]+:IAMUser/', above: 6.9 },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 60,
  maxPerHour: 5,
  sandboxScenario: 'guardduty-high-finding',
  rollbackPlan: `Delete the inline policy ${QUARANTINE_POLICY_NAME} from the principal (remove deny).`,
  eligible: (ctx) => {
    const p = principal(ctx);
    if (!p.name) return notEligible(`${p.kind}Name unknown`);
    const inline = ctx.resource.state.PolicyNames;
    if (Array.isArray(inline) && inline.includes(QUARANTINE_POLICY_NAME)) return notEligible('principal already quarantined');
    if (ctx.alert?.value !== undefined && ctx.alert.value < 7) return notEligible(`finding severity ${ctx.alert.value} below HIGH`);
    return eligible(`${p.kind} ${p.name} not yet quarantined`);
  },
  plan: (ctx) => {
    const p = principal(ctx);
    return [
      callOn(ctx.resource, `iam:Put${p.kind}Policy`, { [`${p.kind}Name`]: p.name ?? ctx.resource.name, PolicyName: QUARANTINE_POLICY_NAME, PolicyDocument: DENY_ALL }, 'attach deny-all'),
    ];
  },
  rollback: (ctx) => {
    const p = principal(ctx);
    return [callOn(ctx.resource, `iam:Delete${p.kind}Policy`, { [`${p.kind}Name`]: p.name ?? ctx.resource.name, PolicyName: QUARANTINE_POLICY_NAME })];
  },
});
