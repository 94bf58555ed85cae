import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../app/auth.js';
import type { LocalPlatform } from '../app/platform.js';

export interface ServerContext {
  platform: LocalPlatform;
  role: (role: Role) => (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}
