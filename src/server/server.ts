import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { LocalPlatform } from '../app/platform.js';
import type { ServerContext } from './context.js';
import { errorHandler, requireRole } from './http.js';
import { ROUTES } from './routes/index.js';

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/** The local HTTP API (`/api/v1`), its OpenAPI document (`/api/docs`) and the console. */
export async function buildServer(platform: LocalPlatform, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
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
