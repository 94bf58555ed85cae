import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context.js';
import { incidentRoutes } from './incidents.js';
import { rcaRoutes } from './rca.js';
import { remediationRoutes } from './remediation.js';
import { sandboxRoutes } from './sandbox.js';
import { signalRoutes } from './signals.js';
import { systemRoutes } from './system.js';

/** Every `/api/v1` route module, one per feature. */
export const ROUTES: ((ctx: ServerContext) => FastifyPluginAsyncZod)[] = [systemRoutes, signalRoutes, incidentRoutes, remediationRoutes, sandboxRoutes, rcaRoutes];
