import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiCore, ServerContext } from '../context.js';
import { incidentRoutes } from './incidents.js';
import { remediationRoutes } from './remediation.js';
import { sandboxRoutes } from './sandbox.js';
import { signalRoutes } from './signals.js';
import { systemRoutes } from './system.js';

/** The `/api/v1` route modules that need only the store and the use cases: served locally and on AWS. */
export const CORE_ROUTES: ((ctx: ServerContext<ApiCore>) => FastifyPluginAsyncZod)[] = [signalRoutes, incidentRoutes, remediationRoutes];

/** Every `/api/v1` route module of the local server, one per feature (system and sandbox need the local platform). */
export const ROUTES: ((ctx: ServerContext) => FastifyPluginAsyncZod)[] = [systemRoutes, ...CORE_ROUTES, sandboxRoutes];
