import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context.js';
import { complianceRoutes } from './compliance.js';
import { costRoutes } from './cost.js';
import { detectionRoutes } from './detection.js';
import { incidentRoutes } from './incidents.js';
import { remediationRoutes } from './remediation.js';
import { sandboxRoutes } from './sandbox.js';
import { signalRoutes } from './signals.js';
import { systemRoutes } from './system.js';

/** Every `/api/v1` route module, one per feature (one per line, so features land independently). */
export const ROUTES: ((ctx: ServerContext) => FastifyPluginAsyncZod)[] = [
  systemRoutes,
  signalRoutes,
  incidentRoutes,
  remediationRoutes,
  sandboxRoutes,
  costRoutes,
  complianceRoutes,
  detectionRoutes,
];
