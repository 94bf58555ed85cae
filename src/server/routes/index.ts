import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiCore, ServerContext } from '../context.js';
import { alertingRoutes } from './alerting.js';
import { complianceRoutes } from './compliance.js';
import { costRoutes } from './cost.js';
import { detectionRoutes } from './detection.js';
import { incidentRoutes } from './incidents.js';
import { rcaRoutes } from './rca.js';
import { remediationRoutes } from './remediation.js';
import { sandboxRoutes } from './sandbox.js';
import { signalRoutes } from './signals.js';
import { sloRoutes } from './slo.js';
import { systemRoutes } from './system.js';

/** The `/api/v1` route modules that need only the store and the use cases: served locally and on AWS. */
export const CORE_ROUTES: ((ctx: ServerContext<ApiCore>) => FastifyPluginAsyncZod)[] = [signalRoutes, incidentRoutes, remediationRoutes];

/**
 * Every `/api/v1` route module of the local server, one per feature (one per line, so features
 * land independently). system, sandbox, cost and compliance read the local platform (sandbox,
 * scheduler, `features`), so they are not served on AWS yet.
 */
export const ROUTES: ((ctx: ServerContext) => FastifyPluginAsyncZod)[] = [
  systemRoutes,
  ...CORE_ROUTES,
  sandboxRoutes,
  costRoutes,
  complianceRoutes,
  detectionRoutes,
  sloRoutes,
  rcaRoutes,
  alertingRoutes,
];
