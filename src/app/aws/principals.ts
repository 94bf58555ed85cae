import { z } from 'zod';
import { RoleSchema, type Role } from '../auth.js';
import { parseOrThrow } from '../../core/shared/zod.js';

/**
 * IAM principal → API role, from configuration (`API_PRINCIPAL_ROLES`, JSON). Keys are IAM user or
 * role ARNs; a role ARN also covers its assumed-role sessions
 * (`arn:aws:sts::<account>:assumed-role/<name>/<session>`); `*` is the role of any other signed
 * principal. A principal matching nothing has no role: the API refuses it (fail closed).
 */
export const PrincipalRolesSchema = z.record(z.string().min(1), RoleSchema);
export type PrincipalRoles = z.infer<typeof PrincipalRolesSchema>;

export function parsePrincipalRoles(json: string | undefined): PrincipalRoles {
  if (!json) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = json;
  }
  return parseOrThrow(PrincipalRolesSchema, raw, 'env.API_PRINCIPAL_ROLES');
}

const ASSUMED_ROLE = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

/** The role of a principal ARN, or undefined when the configuration grants it none. */
export function roleOfPrincipal(principal: string | undefined, roles: PrincipalRoles): Role | undefined {
  if (!principal) return undefined;
  if (roles[principal]) return roles[principal];
  const m = ASSUMED_ROLE.exec(principal);
  if (m) {
    const [, partition, account, name] = m;
    const byRole = Object.entries(roles).find(([arn]) => arn.startsWith(`arn:${partition}:iam::${account}:role/`) && arn.split('/').pop() === name);
    if (byRole) return byRole[1];
  }
  return roles['*'];
}
