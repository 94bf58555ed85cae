import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast, type Role } from '../../app/auth.js';
import { roleOfPrincipal, type PrincipalRoles } from '../../app/aws/principals.js';
import type { AwsApiFeatures } from '../../app/aws/api-features.js';
import type { ApiCore, ServerContext } from '../../server/context.js';
import { complianceRoutes } from '../../server/routes/compliance.js';
import { costRoutes } from '../../server/routes/cost.js';
import { detectionRoutes } from '../../server/routes/detection.js';
import { rcaRoutes } from '../../server/routes/rca.js';
import { sloRoutes } from '../../server/routes/slo.js';
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

/**
 * The feature route modules served on AWS besides the core ones, over `createAwsApiFeatures`
 * (reads; what runs in another function answers LOCAL_ONLY). Local-only: system and sandbox
 * (the simulated account and its controls), `/events` (SSE needs a long-lived connection, which
 * API Gateway → Lambda does not keep) and alerting management (reads the local config files).
 */
export const AWS_FEATURE_ROUTES = [costRoutes, complianceRoutes, detectionRoutes, sloRoutes, rcaRoutes];

async function buildAwsApp(core: ApiCore, roles: PrincipalRoles, features?: AwsApiFeatures): Promise<FastifyInstance> {
  const role = iamRoleGuard(roles);
  const app = await buildApiServer({ platform: core, role });
  if (features) {
    // The route modules are typed for the local platform; on AWS they get the same-named feature
    // methods from createAwsApiFeatures, and nothing else of the platform.
    const ctx = { platform: { ...core, features }, role } as unknown as ServerContext;
    await app.register(
      async (api) => {
        for (const routes of AWS_FEATURE_ROUTES) await api.register(routes(ctx));
      },
      { prefix: '/api/v1' },
    );
  }
  await app.ready();
  return app;
}

/** The Fastify API (no sandbox routes) behind API Gateway, called through `inject`. */
export function createHttpApi(core: ApiCore, roles: PrincipalRoles, features?: AwsApiFeatures) {
  let app: Promise<FastifyInstance> | undefined;
  return async (request: HttpRequest): Promise<HttpResponse> => {
    // Reads need no role locally; on AWS every route but /health needs a configured principal (fail closed).
    if (!/^\/api\/v1\/health\/?$/.test(request.path)) {
      const json = (statusCode: number, body: unknown): HttpResponse => ({ statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });
      if (!request.principal) return json(401, { error: 'unauthorized', reason: 'the request must be signed by an IAM principal (SigV4)' });
      if (!roleOfPrincipal(request.principal, roles)) return json(403, { error: 'forbidden', reason: `no API role is configured for ${request.principal} (API_PRINCIPAL_ROLES)` });
    }
    app ??= buildAwsApp(core, roles, features);
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
