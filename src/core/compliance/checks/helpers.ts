import { type IpPermission, type PolicyStatement, asList, parsePolicy } from '../inventory/index.js';

const DAY = 86_400_000;

/** Whole days from an ISO time to `now` (epoch ms). */
export const ageDays = (iso: string, now: number): number => Math.floor((now - Date.parse(iso)) / DAY);

const WORLD_V4 = '0.0.0.0/0';
const WORLD_V6 = '::/0';

/** The world-open sources of an ingress permission (0.0.0.0/0, ::/0). */
export function worldSources(p: IpPermission): string[] {
  return [...p.IpRanges.filter((r) => r.CidrIp === WORLD_V4).map((r) => r.CidrIp), ...p.Ipv6Ranges.filter((r) => r.CidrIpv6 === WORLD_V6).map((r) => r.CidrIpv6)];
}

/** True when the permission lets TCP (or all protocols) reach `port`. */
export function coversPort(p: IpPermission, port: number, protocols: readonly string[] = ['tcp', '6']): boolean {
  if (p.IpProtocol === '-1') return true;
  if (!protocols.includes(p.IpProtocol)) return false;
  const from = p.FromPort ?? 0;
  const to = p.ToPort ?? 65535;
  return from <= port && port <= to;
}

/** The ingress rules open to the world on any of `ports`, as evidence. */
export function worldOpen(perms: readonly IpPermission[], ports: readonly number[], protocols?: readonly string[]): { port: number; protocol: string; sources: string[] }[] {
  const out: { port: number; protocol: string; sources: string[] }[] = [];
  for (const p of perms) {
    const sources = worldSources(p);
    if (sources.length === 0) continue;
    for (const port of ports) if (coversPort(p, port, protocols)) out.push({ port, protocol: p.IpProtocol, sources });
  }
  return out;
}

/** Condition keys that pin a `Principal: *` statement to known callers, so it is not public. */
const RESTRICTING_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip', 'aws:principalorgid', 'aws:principalaccount', 'aws:sourceowner', 'aws:principalarn'];

function principalIsEveryone(principal: PolicyStatement['Principal']): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') return asList(principal.AWS).includes('*');
  return false;
}

/** An Allow statement that anyone on the internet can use (Principal * with no restricting condition). */
export function isPublicStatement(s: PolicyStatement): boolean {
  if (s.Effect !== 'Allow' || !principalIsEveryone(s.Principal)) return false;
  const keys = Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block).map((k) => k.toLowerCase()));
  return !keys.some((k) => RESTRICTING_KEYS.includes(k));
}

/** Sids (or indexes) of the public statements of a policy given as JSON text or object; [] when no policy. */
export function publicStatements(policy: string | Record<string, unknown> | null | undefined): string[] {
  if (policy === null || policy === undefined || policy === '') return [];
  return parsePolicy(policy)
    .map((s, i) => (isPublicStatement(s) ? (s.Sid ?? `#${i}`) : undefined))
    .filter((x): x is string => x !== undefined);
}

/** Regions an account-level setting must cover: the configured list, or all regions the account reports. */
export function regionsToCheck<T>(regions: Record<string, T>, required: readonly string[]): { region: string; settings: T | undefined }[] {
  const names = required.length > 0 ? required : Object.keys(regions);
  return names.map((region) => ({ region, settings: regions[region] }));
}
