import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { LocalPlatform } from '../app/platform.js';
import type { ApiCore, ServerContext } from './context.js';
import { errorHandler, requireRole } from './http.js';
import { CORE_ROUTES, ROUTES } from './routes/index.js';

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/** Fastify with the zod type provider, the API's error shape and the OpenAPI document. */
async function createApiApp(opts: { logger?: boolean }): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 20 * 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'MatCarv AIOps API', version: '1.0.0', description: 'Signals, alerts, incidents, remediation, approvals, audit and the sandbox.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

/** The local HTTP API (`/api/v1`), its OpenAPI document (`/api/docs`) and the console. */
export async function buildServer(platform: LocalPlatform, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = await createApiApp(opts);
  const ctx: ServerContext = { platform, role: (r) => requireRole(platform.auth, r) };
  await app.register(
    async (api) => {
      for (const routes of ROUTES) await api.register(routes(ctx));
    },
    { prefix: '/api/v1' },
  );

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
    // Client-side routes fall back to the console's index.html.
    app.setNotFoundHandler((req, reply) => (req.url.startsWith('/api/') ? reply.code(404).send({ error: 'not_found', reason: `${req.method} ${req.url}` }) : reply.sendFile('index.html')));
  } else {
    app.get('/', async (_req, reply) => reply.type('text/plain').send('The console is not built: run `npm run build:web`. The API is at /api/v1 and its docs at /api/docs.'));
  }
  return app;
}

/**
 * The HTTP API without the sandbox, for AWS (API Gateway → Lambda, served through `inject`): the
 * routes that need only the store and the use cases, a `/health` that says so, and the caller's
 * authentication decided by `role` (the IAM principal API Gateway verified, mapped to a role).
 */
export async function buildApiServer(ctx: ServerContext<ApiCore>, opts: { logger?: boolean; mode?: string } = {}): Promise<FastifyInstance> {
  const app = await createApiApp(opts);
  await app.register(
    async (api) => {
      api.get('/health', { schema: { tags: ['system'] } }, async () => ({ status: 'ok', mode: opts.mode ?? 'aws', now: new Date(ctx.platform.clock.now()).toISOString() }));
      for (const routes of CORE_ROUTES) await api.register(routes(ctx));
    },
    { prefix: '/api/v1' },
  );
  return app;
}
