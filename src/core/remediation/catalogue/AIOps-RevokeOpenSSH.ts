import type { RunbookContext } from '../runbook.js';
import { defineRunbook } from '../runbook.js';
import { asffFinding } from './support/asff.js';
import { at, callOn, contextNowMs, eligible, notEligible, num, str } from './support/state.js';

const WORLD_V4 = '0.0.0.0/0';
const WORLD_V6 = '::/0';

interface Permission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp: string }[];
  Ipv6Ranges?: { CidrIpv6: string }[];
}

function coversSsh(p: Permission): boolean {
  if (p.IpProtocol === '-1') return true;
  if (p.IpProtocol !== 'tcp' && p.IpProtocol !== '6') return false;
  const from = p.FromPort ?? 0;
  const to = p.ToPort ?? 65535;
  return from <= 22 && to >= 22;
}

/** The exact world-open permissions that expose port 22: only these are revoked, nothing else. */
function openSshPermissions(ctx: RunbookContext): Permission[] {
  const perms = at(ctx.resource.state, 'IpPermissions');
  if (!Array.isArray(perms)) return [];
  const out: Permission[] = [];
  for (const raw of perms as Record<string, unknown>[]) {
    const p: Permission = { IpProtocol: String(raw.IpProtocol ?? '') };
    const from = num(raw, 'FromPort');
    const to = num(raw, 'ToPort');
    if (from !== undefined) p.FromPort = from;
    if (to !== undefined) p.ToPort = to;
    if (!coversSsh(p)) continue;
    const v4 = (Array.isArray(raw.IpRanges) ? (raw.IpRanges as { CidrIp?: string }[]) : []).filter((r) => r.CidrIp === WORLD_V4).map(() => ({ CidrIp: WORLD_V4 }));
    const v6 = (Array.isArray(raw.Ipv6Ranges) ? (raw.Ipv6Ranges as { CidrIpv6?: string }[]) : []).filter((r) => r.CidrIpv6 === WORLD_V6).map(() => ({ CidrIpv6: WORLD_V6 }));
    if (v4.length === 0 && v6.length === 0) continue;
    if (v4.length > 0) p.IpRanges = v4;
    if (v6.length > 0) p.Ipv6Ranges = v6;
    out.push(p);
  }
  return out;
}

/**
 * Security group open to the world on SSH → revoke exactly the offending rules and record a
 * Security Hub (Config-sourced) finding about the group. Not reversible by automation: re-opening
 * SSH to the world is never done automatically, so approval is always required.
 */
export default defineRunbook({
  id: 'AIOps-RevokeOpenSSH',
  title: 'Revoke world-open SSH on a security group',
  condition: 'Security group with 0.0.0.0/0 SSH',
  action: 'Revoke the rule and create a Config finding',
  category: 'networking',
  pattern: 'lambda',
  reversible: false,
  approval: 'always',
  targetResourceType: 'AWS::EC2::SecurityGroup',
  trigger: { rule: '^(restricted-ssh|INCOMING_SSH_DISABLED|EC2\\.13|AuthorizeSecurityGroupIngress)$', kind: ['compliance', 'security-finding', 'change'] },
  blastRadius: { maxResources: 1 },
  cooldownMinutes: 30,
  maxPerHour: 10,
  sandboxScenario: 'sg-open-ssh',
  rollbackPlan: 'Not automated: if SSH access is needed, the owner re-adds a rule scoped to a known CIDR (the revoked rules are in the diagnostics).',
  eligible: (ctx) => {
    if (!str(ctx.resource.state, 'GroupId')) return notEligible('GroupId unknown');
    if (contextNowMs(ctx) === undefined) return notEligible('no reference time (alert or diagnostics.now) for the finding');
    const open = openSshPermissions(ctx);
    return open.length === 0 ? notEligible('no world-open SSH rule') : eligible(`${open.length} world-open SSH rule(s)`);
  },
  plan: (ctx) => {
    const { resource } = ctx;
    const groupId = str(resource.state, 'GroupId') ?? resource.id;
    return [
      callOn(resource, 'ec2:RevokeSecurityGroupIngress', { GroupId: groupId, IpPermissions: openSshPermissions(ctx) }, 'revoke world-open SSH rules'),
      callOn(
        resource,
        'securityhub:BatchImportFindings',
        {
          Findings: [
            asffFinding(resource, {
              id: `aiops/restricted-ssh/${groupId}`,
              generatorId: 'aiops/AIOps-RevokeOpenSSH',
              title: 'Security group allowed SSH from 0.0.0.0/0; the rule was revoked',
              description: `Security group ${groupId} allowed SSH (port 22) from the internet. AIOps-RevokeOpenSSH revoked the world-open rules.`,
              type: 'Software and Configuration Checks/AWS Security Best Practices',
              severity: 'HIGH',
              requirement: 'restricted-ssh',
              at: new Date(contextNowMs(ctx) ?? 0).toISOString(),
            }),
          ],
        },
        'record the finding in Security Hub',
      ),
    ];
  },
});
