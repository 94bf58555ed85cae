import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../core/shared/errors.js';
import type { ApiCore, ServerContext } from '../context.js';

const MAX_BATCH = 5000;

export function signalRoutes(ctx: ServerContext<ApiCore>): FastifyPluginAsyncZod {
  return async (app) => {
    const quarantine = ctx.platform.store.collection('quarantine');

    // The body is any supported source payload; the normalizers validate it and name the failing field.
    app.post('/signals', { schema: { tags: ['signals'], description: 'Ingest one raw event (CloudWatch, EventBridge, SNS, Alertmanager, webhook…)', body: z.unknown() }, preHandler: ctx.role('operator') }, async (req, reply) => {
      const r = await ctx.platform.alerting.ingest(req.body, { via: 'api' });
      if (r.status === 'quarantined') return reply.code(400).send({ error: 'validation', field: r.error?.field, reason: r.error?.reason, quarantined: true });
      return reply.code(r.status === 'accepted' ? 202 : 200).send(r);
    });

    // `{ events: [...] }` is the documented shape; a bare JSON array (what queue consumers and
    // Alertmanager-style senders post) is accepted too.
    const events = z.array(z.unknown()).min(1).max(MAX_BATCH);
    app.post('/signals/batch', { schema: { tags: ['signals'], description: 'Ingest up to 5000 raw events in one commit: `{ "events": [...] }` or a bare JSON array', body: z.union([z.object({ events }), events]) }, preHandler: ctx.role('operator') }, async (req) => {
      const batch = Array.isArray(req.body) ? req.body : req.body.events;
      const results = await ctx.platform.alerting.ingestBatch(batch, { via: 'api' });
      const count = (s: string) => results.filter((r) => r.status === s).length;
      return {
        accepted: count('accepted'),
        duplicate: count('duplicate'),
        quarantined: count('quarantined'),
        results: results.map((r, i) => ({ index: i, status: r.status, ...(r.error ? { field: `events.${i}.${r.error.field}`, reason: r.error.reason } : {}), signalIds: r.signalIds })),
      };
    });

    app.get('/quarantine', { schema: { tags: ['signals'], querystring: z.object({ status: z.enum(['pending', 'replayed']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }) } }, async (req) => {
      return { items: await quarantine.find({ ...(req.query.status ? { where: { status: req.query.status } } : {}), order: 'desc', limit: req.query.limit }) };
    });

    app.post('/quarantine/:id/replay', { schema: { tags: ['signals'], params: z.object({ id: z.string() }), body: z.object({ corrected: z.unknown().optional() }).default({}) }, preHandler: ctx.role('operator') }, async (req) => {
      if (!(await quarantine.get(req.params.id))) throw new NotFoundError('quarantine', req.params.id);
      return ctx.platform.alerting.replayQuarantined(req.params.id, req.body?.corrected);
    });
  };
}
