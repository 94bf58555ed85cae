import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast, type Role } from '../../app/auth.js';
import { roleOfPrincipal, type PrincipalRoles } from '../../app/aws/principals.js';
import type { ApiCore } from '../../server/context.js';
import { buildApiServer } from '../../server/server.js';
import type { HttpRequest, HttpResponse } from './use-cases.js';

/** Carries the IAM principal API Gateway verified into Fastify; never taken from the caller. */
export const PRINCIPAL_HEADER = 'x-aiops-iam-principal';

/** The role guard on AWS: the signing IAM principal, mapped to a role by configuration. */
export function iamRoleGuard(roles: PrincipalRoles) {
  return (need: Role) => async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers[PRINCIPAL_HEADER];
    const principal = typeof header === 'string' ? header : undefined;
    if (!principal) return reply.code(401).send({ error: 'unauthorized', reason: 'the request must be signed by an IAM principal (SigV4)' });
    const role = roleOfPrincipal(principal, roles);
    if (!role) return reply.code(403).send({ error: 'forbidden', reason: `no API role is configured for ${principal} (API_PRINCIPAL_ROLES)` });
    if (!roleAtLeast(role, need)) return reply.code(403).send({ error: 'forbidden', reason: `role ${need} or higher required; ${principal} has ${role}` });
    req.principal = { name: principal, role };
  };
}

/** The Fastify API (no sandbox routes) behind API Gateway, called through `inject`. */
export function createHttpApi(core: ApiCore, roles: PrincipalRoles) {
  let app: Promise<FastifyInstance> | undefined;
  return async (request: HttpRequest): Promise<HttpResponse> => {
    app ??= buildApiServer({ platform: core, role: iamRoleGuard(roles) }).then(async (a) => (await a.ready(), a));
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([k]) => k.toLowerCase() !== PRINCIPAL_HEADER));
    if (request.principal) headers[PRINCIPAL_HEADER] = request.principal;
    const qs = new URLSearchParams(request.query).toString();
    const res = await (
      await app
    ).inject({ method: request.method as 'GET', url: `${request.path}${qs ? `?${qs}` : ''}`, headers, ...(request.body !== undefined ? { payload: request.body } : {}) });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
    return { statusCode: res.statusCode, headers: out, body: res.body };
  };
}
