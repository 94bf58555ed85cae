import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AiopsError, ConflictError, NotFoundError, SafetyViolationError, ValidationError } from '../core/shared/errors.js';
import { roleAtLeast, type Principal, type Role, type TokenAuth } from '../app/auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** Bearer-token check for a minimum role; 401 without a valid token, 403 with too small a role. */
export function requireRole(auth: TokenAuth, role: Role) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const principal = await auth.verify(token);
    if (!principal) return reply.code(401).send({ error: 'unauthorized', reason: 'a bearer token is required for this call (see <data-dir>/admin-token)' });
    if (!roleAtLeast(principal.role, role)) return reply.code(403).send({ error: 'forbidden', reason: `role ${role} or higher required; token has ${principal.role}` });
    req.principal = principal;
  };
}

/** One error shape for the whole API: bad input names the field. */
export function errorHandler(error: unknown, _req: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const field = [error.validationContext, ...(issue?.instancePath ?? '').split('/').filter(Boolean)].join('.');
    return reply.code(400).send({ error: 'validation', field, reason: issue?.message ?? 'invalid' });
  }
  if (error instanceof ValidationError) return reply.code(400).send({ error: 'validation', field: error.field, reason: error.reason });
  if (error instanceof NotFoundError) return reply.code(404).send({ error: 'not_found', reason: error.message });
  if (error instanceof ConflictError) return reply.code(409).send({ error: 'conflict', reason: error.message });
  if (error instanceof SafetyViolationError) return reply.code(403).send({ error: 'safety', rule: error.rule, reason: error.message });
  if (error instanceof AiopsError) return reply.code(400).send({ error: error.code, reason: error.message });
  const e = error as { statusCode?: number; message?: string };
  if (e.statusCode && e.statusCode < 500) return reply.code(e.statusCode).send({ error: 'bad_request', reason: e.message });
  reply.log.error(error);
  return reply.code(500).send({ error: 'internal', reason: 'unexpected error; see the server log' });
}
