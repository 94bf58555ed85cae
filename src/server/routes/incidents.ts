import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Alert } from '../../core/alerts/alert.js';
import type { Incident } from '../../core/incidents/incident.js';
import { timings } from '../../core/incidents/lifecycle.js';
import { SEVERITIES } from '../../core/shared/severity.js';
import { NotFoundError } from '../../core/shared/errors.js';
import type { ApiCore, ServerContext } from '../context.js';

const listQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  severity: z.enum(SEVERITIES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const idParams = z.object({ id: z.string().min(1) });
const noteBody = z.object({ note: z.string().max(2000).optional() }).default({});

export function incidentRoutes(ctx: ServerContext<ApiCore>): FastifyPluginAsyncZod {
  return async (app) => {
    const incidents = ctx.platform.store.collection<Incident>('incidents');
    const alerts = ctx.platform.store.collection<Alert>('alerts');

    app.get('/incidents', { schema: { tags: ['incidents'], querystring: listQuery } }, async (req) => {
      const where: Record<string, string> = {};
      if (req.query.status) where.status = req.query.status;
      if (req.query.severity) where.severity = req.query.severity;
      const items = await incidents.find({ where, order: 'desc', limit: req.query.limit });
      return { items: items.map((i) => ({ ...i, ...timings(i), timeline: undefined, timelineLength: i.timeline.length })) };
    });

    app.get('/incidents/:id', { schema: { tags: ['incidents'], params: idParams } }, async (req) => {
      const incident = await incidents.get(req.params.id);
      if (!incident) throw new NotFoundError('incident', req.params.id);
      const related = await alerts.find({ where: { incidentId: incident.id } });
      const executions = await ctx.platform.store.collection('executions').find({ where: { incidentId: incident.id } });
      return { ...incident, ...timings(incident), alerts: related, executions };
    });

    app.get('/incidents/:id/timeline', { schema: { tags: ['incidents'], params: idParams } }, async (req) => {
      const incident = await incidents.get(req.params.id);
      if (!incident) throw new NotFoundError('incident', req.params.id);
      return { items: incident.timeline };
    });

    app.post('/incidents/:id/ack', { schema: { tags: ['incidents'], params: idParams }, preHandler: ctx.role('operator') }, async (req) => {
      return ctx.platform.alerting.acknowledge(req.params.id, req.principal!.name);
    });

    app.post('/incidents/:id/resolve', { schema: { tags: ['incidents'], params: idParams, body: noteBody }, preHandler: ctx.role('operator') }, async (req) => {
      return ctx.platform.alerting.resolve(req.params.id, req.principal!.name, req.body?.note);
    });

    app.get('/alerts', { schema: { tags: ['alerts'], querystring: z.object({ status: z.enum(['firing', 'resolved']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }) } }, async (req) => {
      return { items: await alerts.find({ ...(req.query.status ? { where: { status: req.query.status } } : {}), order: 'desc', limit: req.query.limit }) };
    });
  };
}
